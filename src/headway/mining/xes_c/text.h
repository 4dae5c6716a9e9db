/*
 * Reading XES text: character classes, what a tag name or attribute key means, errors with
 * their place in the block, and attribute values with their entities decoded. The checks made
 * for every tag are `static inline` here; UTF-8 and entity decoding are in text.c.
 */
#ifndef HEADWAY_XES_TEXT_H
#define HEADWAY_XES_TEXT_H

#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>

#include <stdint.h>
#include <string.h>

#include "buffers.h"

/* Element kinds, and the standard event attributes (the columns of the events output). */
enum { K_OTHER, K_LOG, K_TRACE, K_EVENT, K_ATTR, K_ELEMENT };
enum { S_NAME, S_TIME, S_RESOURCE, S_LIFECYCLE, S_COST, S_COUNT };

/* Attribute type codes are indexes into TYPE_NAMES. */
#define TYPE_COUNT 8
XES_INTERNAL extern const char *const TYPE_NAMES[TYPE_COUNT];

/* ---- characters and names --------------------------------------------------------------- */

static inline int is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

static inline int is_name_start(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

static inline int is_name_char(unsigned char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '.' || c == ':' || c == '-';
}

/* Whether the n bytes at p are the string literal `word` (its length is known at compile time,
 * so the comparison is a length check and an inlined memcmp). */
#define SAME(p, n, word) ((n) == sizeof(word) - 1 && memcmp((p), (word), sizeof(word) - 1) == 0)

/* The kind of an element by its tag name; for attribute elements also the type code. Switching
 * on the length first leaves at most three candidates to compare. */
static inline int classify(const char *name, size_t n, int *type) {
    *type = -1;
    switch (n) {
    case 0: return K_OTHER;
    case 2: if (SAME(name, n, "id")) *type = 5; break;
    case 3:
        if (SAME(name, n, "int")) *type = 2;
        else if (SAME(name, n, "log")) return K_LOG;
        break;
    case 4:
        if (SAME(name, n, "date")) *type = 1;
        else if (SAME(name, n, "list")) *type = 6;
        break;
    case 5:
        if (SAME(name, n, "event")) return K_EVENT;
        if (SAME(name, n, "trace")) return K_TRACE;
        if (SAME(name, n, "float")) *type = 3;
        break;
    case 6: if (SAME(name, n, "string")) *type = 0; break;
    case 7: if (SAME(name, n, "boolean")) *type = 4; break;
    case 9: if (SAME(name, n, "container")) *type = 7; break;
    default: break;
    }
    return *type >= 0 ? K_ATTR : K_ELEMENT;
}

/* The index of a standard attribute key (S_NAME ... S_COST), or -1. */
static inline int standard_key(const char *key, size_t n) {
    switch (n) {
    case 10: return SAME(key, n, "cost:total") ? S_COST : -1;
    case 12:
        if (SAME(key, n, "concept:name")) return S_NAME;
        return SAME(key, n, "org:resource") ? S_RESOURCE : -1;
    case 14: return SAME(key, n, "time:timestamp") ? S_TIME : -1;
    case 20: return SAME(key, n, "lifecycle:transition") ? S_LIFECYCLE : -1;
    default: return -1;
    }
}

/* ---- errors ----------------------------------------------------------------------------- */

/* The first error of a call: its message and byte offset in the block (-1: out of memory). */
typedef struct {
    char message[320];
    Py_ssize_t at;
} ScanError;

/* Record `message` at `at` (a position in the block `text`); returns -1. */
XES_INTERNAL int fail(ScanError *e, const char *text, const char *at, const char *message);
/* Record that memory ran out; returns -1. */
XES_INTERNAL int out_of_memory(ScanError *e);

/* ---- values ----------------------------------------------------------------------------- */

/* A quoted value in the block being scanned: where, how long, whether it has an '&'. */
typedef struct {
    const char *p;
    size_t n;
    int amp;
} Span;

/* Record an error at the first byte of the n at p (in the block `text`) that does not belong to
 * a valid UTF-8 character, if there is one; 0 when all are valid, else -1. */
XES_INTERNAL int check_utf8_from(ScanError *e, const char *text, const unsigned char *p, size_t n);

/* Whether one of the n bytes at p has its high bit set (is not ASCII). Most values are short:
 * they are read as two overlapping words of 8, 4 or 2 bytes, longer ones 8 bytes at a time,
 * never a byte outside the n and without a loop over single bytes. */
static inline int has_high_bit(const unsigned char *p, size_t n) {
    if (n >= 8) {
        uint64_t all = 0, word;
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&word, p + i, 8);
            all |= word;
        }
        memcpy(&word, p + n - 8, 8);
        return ((all | word) & UINT64_C(0x8080808080808080)) != 0;
    }
    if (n >= 4) {
        uint32_t head, tail;
        memcpy(&head, p, 4);
        memcpy(&tail, p + n - 4, 4);
        return ((head | tail) & UINT32_C(0x80808080)) != 0;
    }
    if (n >= 2) {
        uint16_t head, tail;
        memcpy(&head, p, 2);
        memcpy(&tail, p + n - 2, 2);
        return ((head | tail) & 0x8080) != 0;
    }
    return n == 1 && p[0] >= 0x80;
}

/* Check that a value is valid UTF-8 before it reaches an output column (and so Arrow and
 * DuckDB, which expect valid text); only a value that is not all ASCII takes the full check.
 * Entities need no care: they are ASCII, so never inside a multi-byte character, and they
 * decode to valid UTF-8. */
static inline int check_utf8(ScanError *e, const char *text, const Span *v) {
    const unsigned char *p = (const unsigned char *)v->p;
    return has_high_bit(p, v->n) ? check_utf8_from(e, text, p, v->n) : 0;
}

/* Append code point `code` to `out` as UTF-8. */
XES_INTERNAL int put_utf8(Buf *out, uint32_t code);
/* Append a value that has an '&' to `out`, decoding its entities. */
XES_INTERNAL int decode_entities(ScanError *e, const char *text, const Span *v, Buf *out);

/* Append a value to `out`, decoding entities when it has any. */
static inline int decode(ScanError *e, const char *text, const Span *v, Buf *out) {
    if (!v->amp) return buf_put(out, v->p, v->n) ? out_of_memory(e) : 0;
    return decode_entities(e, text, v, out);
}

#endif
