/* Growable byte buffers and string columns: the parts not inlined from buffers.h. */
#include "buffers.h"

#include <stdlib.h>

int buf_grow(Buf *b, size_t extra) {
    if (b->len + extra <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : (b->hint > 4096 ? b->hint : 4096);
    while (cap < b->len + extra) cap *= 2;
    char *p = realloc(b->p, cap);
    if (p == NULL) return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

void buf_free(Buf *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

int column_reset(Column *c) {
    c->data.len = c->offsets.len = c->valid.len = 0;
    c->rows = 0;
    return buf_i64(&c->offsets, 0);
}

void column_free(Column *c) {
    buf_free(&c->data);
    buf_free(&c->offsets);
    buf_free(&c->valid);
}
