/* Reading XES text: errors, UTF-8 and entity decoding (the inlined checks are in text.h). */
#include "text.h"

#include <stdio.h>

const char *const TYPE_NAMES[TYPE_COUNT] = {"string", "date", "int", "float",
                                            "boolean", "id", "list", "container"};

int fail(ScanError *e, const char *text, const char *at, const char *message) {
    snprintf(e->message, sizeof e->message, "%s", message);
    e->at = (Py_ssize_t)(at - text);
    return -1;
}

int out_of_memory(ScanError *e) {
    snprintf(e->message, sizeof e->message, "out of memory");
    e->at = -1;
    return -1;
}

/* The length of the valid UTF-8 character at p (n bytes left), or 0. The ranges are those of
 * the Unicode Standard, table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF. */
static size_t utf8_length(const unsigned char *p, size_t n) {
    unsigned char c = p[0];
    size_t length;
    unsigned char low = 0x80, high = 0xBF; /* the range of the second byte */
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c >= 0xE0 && c <= 0xEF) length = 3;
    else if (c >= 0xF0 && c <= 0xF4) length = 4;
    else return 0;
    if (c == 0xE0) low = 0xA0;
    else if (c == 0xED) high = 0x9F;
    else if (c == 0xF0) low = 0x90;
    else if (c == 0xF4) high = 0x8F;
    if (n < length || p[1] < low || p[1] > high) return 0;
    for (size_t i = 2; i < length; i++)
        if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return length;
}

int check_utf8_from(ScanError *e, const char *text, const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t length = utf8_length(p + i, n - i);
        if (length == 0)
            return fail(e, text, (const char *)(p + i),
                        "the text is not valid UTF-8; declare its encoding in the XML header");
        i += length;
    }
    return 0;
}

int put_utf8(Buf *out, uint32_t code) {
    char bytes[4];
    size_t n;
    if (code < 0x80) {
        bytes[0] = (char)code;
        n = 1;
    } else if (code < 0x800) {
        bytes[0] = (char)(0xC0 | (code >> 6));
        bytes[1] = (char)(0x80 | (code & 0x3F));
        n = 2;
    } else if (code < 0x10000) {
        bytes[0] = (char)(0xE0 | (code >> 12));
        bytes[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        bytes[2] = (char)(0x80 | (code & 0x3F));
        n = 3;
    } else {
        bytes[0] = (char)(0xF0 | (code >> 18));
        bytes[1] = (char)(0x80 | ((code >> 12) & 0x3F));
        bytes[2] = (char)(0x80 | ((code >> 6) & 0x3F));
        bytes[3] = (char)(0x80 | (code & 0x3F));
        n = 4;
    }
    return buf_put(out, bytes, n);
}

/* One entity starting at `p` (an `&`): decoded into `out`; returns its length or -1. */
static Py_ssize_t entity(ScanError *e, const char *text, const char *p, const char *end,
                         Buf *out) {
    const char *q = p + 1;
    if (q < end && *q == '#') {
        int hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
        const char *digits = q + (hex ? 2 : 1);
        uint64_t code = 0;
        const char *d = digits;
        for (; d < end && *d != ';'; d++) {
            int v;
            if (*d >= '0' && *d <= '9') v = *d - '0';
            else if (hex && *d >= 'a' && *d <= 'f') v = *d - 'a' + 10;
            else if (hex && *d >= 'A' && *d <= 'F') v = *d - 'A' + 10;
            else break;
            code = code * (hex ? 16 : 10) + (uint64_t)v;
            if (code > 0x10FFFF) code = 0x110000; /* saturate: out of range either way */
        }
        if (d == digits || d >= end || *d != ';')
            return fail(e, text, p, "a bare '&' in an attribute value; write it as &amp;");
        if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            snprintf(e->message, sizeof e->message, "character reference &%.*s; is out of range",
                     (int)(d - q > 40 ? 40 : d - q), q);
            e->at = (Py_ssize_t)(p - text);
            return -1;
        }
        if (put_utf8(out, (uint32_t)code)) return out_of_memory(e);
        return d + 1 - p;
    }
    const char *name = q;
    if (q >= end || !is_name_start((unsigned char)*q) || (unsigned char)*q >= 0x80)
        return fail(e, text, p, "a bare '&' in an attribute value; write it as &amp;");
    while (q < end && is_name_char((unsigned char)*q) && *q != ':') q++;
    if (q >= end || *q != ';')
        return fail(e, text, p, "a bare '&' in an attribute value; write it as &amp;");
    size_t n = (size_t)(q - name);
    const char *with = SAME(name, n, "lt")     ? "<"
                       : SAME(name, n, "gt")   ? ">"
                       : SAME(name, n, "amp")  ? "&"
                       : SAME(name, n, "quot") ? "\""
                       : SAME(name, n, "apos") ? "'"
                                               : NULL;
    if (with == NULL) {
        snprintf(e->message, sizeof e->message,
                 "undefined entity &%.*s; (no DTD is read, so only the five XML entities exist)",
                 (int)(n > 60 ? 60 : n), name);
        e->at = (Py_ssize_t)(p - text);
        return -1;
    }
    if (buf_put(out, with, 1)) return out_of_memory(e);
    return q + 1 - p;
}

int decode_entities(ScanError *e, const char *text, const Span *v, Buf *out) {
    const char *end = v->p + v->n, *p = v->p;
    while (p < end) {
        const char *at = memchr(p, '&', (size_t)(end - p));
        if (at == NULL) at = end;
        if (buf_put(out, p, (size_t)(at - p))) return out_of_memory(e);
        if (at == end) break;
        Py_ssize_t used = entity(e, text, at, end, out);
        if (used < 0) return -1;
        p = at + used;
    }
    return 0;
}
