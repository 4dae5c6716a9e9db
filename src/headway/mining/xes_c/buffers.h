/*
 * Growable byte buffers (Buf) and Arrow large-string columns (Column) that the XES scanner
 * writes its output into. The functions called for every value are `static inline` here; the
 * rest are in buffers.c.
 */
#ifndef HEADWAY_XES_BUFFERS_H
#define HEADWAY_XES_BUFFERS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Functions shared between the files of the extension but not exported from it (a direct call,
 * not one through the PLT). */
#if defined(__GNUC__)
#define XES_INTERNAL __attribute__((visibility("hidden")))
#else
#define XES_INTERNAL
#endif

typedef struct {
    char *p;
    size_t len, cap;
    size_t hint; /* the capacity to start from: the size of the last block's output */
} Buf;

/* A text column: int64 offsets, data, one validity byte per row. */
typedef struct {
    Buf data, offsets, valid;
    int64_t rows;
} Column;

/* Make room for `extra` more bytes; -1 when out of memory. */
XES_INTERNAL int buf_grow(Buf *b, size_t extra);
XES_INTERNAL void buf_free(Buf *b);
/* Empty the column, leaving the one offset (0) that an empty column has. */
XES_INTERNAL int column_reset(Column *c);
XES_INTERNAL void column_free(Column *c);

static inline int buf_put(Buf *b, const void *src, size_t n) {
    if (b->len + n > b->cap && buf_grow(b, n)) return -1;
    if (n) memcpy(b->p + b->len, src, n);
    b->len += n;
    return 0;
}

static inline int buf_i64(Buf *b, int64_t v) { return buf_put(b, &v, sizeof v); }
static inline int buf_u8(Buf *b, uint8_t v) { return buf_put(b, &v, 1); }

/* End a row: the n bytes at s are its text when `present` (they may already be in c->data, in
 * which case pass n = 0), else the row is null. */
static inline int column_push(Column *c, const char *s, size_t n, int present) {
    if (present && buf_put(&c->data, s, n)) return -1;
    if (buf_i64(&c->offsets, (int64_t)c->data.len) || buf_u8(&c->valid, present ? 1 : 0)) return -1;
    c->rows++;
    return 0;
}

#endif
