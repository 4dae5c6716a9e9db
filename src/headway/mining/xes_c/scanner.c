/*
 * The scan: the state machine that reads start and end tags from a block and moves the Scanner
 * (scanner.h) through traces, events and attributes, writing the output columns as it goes.
 */
#include "scanner.h"

#include <string.h>

/* A start tag: its kind, attribute type code, whether it ends with '/>', its key and value. */
typedef struct {
    int kind, type, self_closing;
    Span key, value;
} Tag;

int reset_output(Scanner *s) {
    s->ev_trace.len = s->ev_no.len = s->ev_type.len = s->case_trace.len = 0;
    s->at_scope.len = s->at_trace.len = s->at_event.len = s->at_type.len = 0;
    for (int i = 0; i < S_COUNT; i++)
        if (column_reset(&s->ev[i])) return -1;
    if (column_reset(&s->case_id) || column_reset(&s->at_key) || column_reset(&s->at_value))
        return -1;
    return 0;
}

void free_buffers(Scanner *s) {
    Buf *bufs[] = {&s->case_name, &s->scratch, &s->ev_trace, &s->ev_no, &s->ev_type,
                   &s->case_trace, &s->at_scope, &s->at_trace, &s->at_event, &s->at_type};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) buf_free(bufs[i]);
    for (int i = 0; i < S_COUNT; i++) {
        buf_free(&s->standard[i]);
        column_free(&s->ev[i]);
    }
    column_free(&s->case_id);
    column_free(&s->at_key);
    column_free(&s->at_value);
}

/* Append a value to `out`, checked as UTF-8 (`xes_scan` leaves that to us), entities decoded. */
static int decode_checked(Scanner *s, const char *text, const Span *v, Buf *out) {
    return check_utf8(&s->error, text, v) || decode(&s->error, text, v, out);
}

/* Append a value to a column as a new row. */
static int push_decoded(Scanner *s, const char *text, const Span *v, Column *c) {
    if (decode_checked(s, text, v, &c->data)) return -1;
    return column_push(c, NULL, 0, 1) ? out_of_memory(&s->error) : 0;
}

/* ---- what an element does to the state -------------------------------------------------- */

static const char NOT_XES[] = "not an XES log: the document must start with a <log> element";
static const char UNOPENED[] = "a closing tag has no matching opening tag";

static int finish_trace(Scanner *s) {
    if (buf_i64(&s->case_trace, s->trace_no) ||
        column_push(&s->case_id, s->case_name.p, s->case_name.len, s->have_case))
        return out_of_memory(&s->error);
    s->in_trace = 0;
    return 0;
}

static int finish_event(Scanner *s) {
    s->in_event = 0;
    if (!s->event_kept) return 0;
    if (buf_i64(&s->ev_trace, s->trace_no) || buf_i64(&s->ev_no, s->event_no))
        return out_of_memory(&s->error);
    for (int i = 0; i < S_COUNT; i++)
        if (column_push(&s->ev[i], s->standard[i].p, s->standard[i].len, s->have[i]) ||
            buf_u8(&s->ev_type, s->have[i] ? s->standard_type[i] : NO_TYPE))
            return out_of_memory(&s->error);
    return 0;
}

/* A trace- or event-level attribute. The first of each standard key of an event goes only
 * into the event's own column (with its type), not into the attribute rows: for big logs that
 * halves the memory, and xes_compiled shows those values among the attributes again. */
static int keep_attribute(Scanner *s, const char *text, const Tag *tag, int event_level) {
    s->scratch.len = 0;
    if (decode_checked(s, text, &tag->key, &s->scratch)) return -1;
    int standard = standard_key(s->scratch.p, s->scratch.len);
    if (event_level && standard >= 0 && !s->have[standard]) {
        Buf *into = &s->standard[standard];
        into->len = 0;
        if (decode_checked(s, text, &tag->value, into)) return -1;
        s->have[standard] = 1;
        s->standard_type[standard] = (uint8_t)tag->type;
        return 0;
    }
    if (buf_u8(&s->at_scope, event_level ? 2 : 1) || buf_i64(&s->at_trace, s->trace_no) ||
        buf_i64(&s->at_event, event_level ? s->event_no : -1) ||
        buf_u8(&s->at_type, (uint8_t)tag->type) ||
        buf_put(&s->at_key.data, s->scratch.p, s->scratch.len) ||
        column_push(&s->at_key, NULL, 0, 1))
        return out_of_memory(&s->error);
    size_t value_at = s->at_value.data.len;
    if (push_decoded(s, text, &tag->value, &s->at_value)) return -1;
    if (!event_level && standard == S_NAME && !s->have_case) {
        s->case_name.len = 0;
        if (buf_put(&s->case_name, s->at_value.data.p + value_at, s->at_value.data.len - value_at))
            return out_of_memory(&s->error);
        s->have_case = 1;
    }
    return 0;
}

/* An attribute that is not kept (nested, or at log level): its entities are still checked,
 * as the NumPy scanner does. */
static int check_attribute(Scanner *s, const char *text, const Tag *tag) {
    if (!tag->key.amp && !tag->value.amp) return 0;
    s->scratch.len = 0;
    return decode(&s->error, text, &tag->key, &s->scratch) ||
           decode(&s->error, text, &tag->value, &s->scratch);
}

static int open_element(Scanner *s, const char *text, const char *at, const Tag *tag) {
    int64_t depth_before = s->depth;
    int kind = tag->kind;
    if (kind == K_OTHER) return 0;
    if (!s->started) {
        if (kind != K_LOG)
            return fail(&s->error, text, at, NOT_XES);
        s->started = 1;
    } else if (depth_before == 0) {
        return fail(&s->error, text, at, "content after the end of the <log> element");
    }
    if (kind == K_TRACE) {
        if (s->in_trace) return fail(&s->error, text, at, "traces and events are nested wrongly");
        s->trace_no = s->traces++;
        s->in_trace = 1;
        s->have_case = 0;
        if (tag->self_closing && finish_trace(s)) return -1;
    } else if (kind == K_EVENT) {
        if (s->in_event) return fail(&s->error, text, at, "traces and events are nested wrongly");
        s->event_no = s->events++;
        s->in_event = 1;
        s->event_kept = s->in_trace && depth_before == 2;
        memset(s->have, 0, sizeof s->have);
        if (tag->self_closing && finish_event(s)) return -1;
    } else if (kind == K_ATTR && tag->key.p != NULL && tag->value.p != NULL) {
        int failed;
        if (s->in_event && s->in_trace && depth_before == 3)
            failed = keep_attribute(s, text, tag, 1);
        else if (s->in_trace && !s->in_event && depth_before == 2)
            failed = keep_attribute(s, text, tag, 0);
        else
            failed = check_attribute(s, text, tag);
        if (failed) return -1;
    }
    if (!tag->self_closing) s->depth++;
    return 0;
}

static int close_element(Scanner *s, const char *text, const char *at, int kind) {
    if (kind == K_OTHER) return 0;
    if (!s->started)
        return fail(&s->error, text, at, NOT_XES);
    if (s->depth == 0) return fail(&s->error, text, at, UNOPENED);
    if (kind == K_LOG && (s->in_trace || s->in_event))
        return fail(&s->error, text, at, "the log closes while a trace is still open");
    if (kind == K_TRACE) {
        if (!s->in_trace || s->in_event)
            return fail(&s->error, text, at, UNOPENED);
        if (finish_trace(s)) return -1;
    } else if (kind == K_EVENT) {
        if (!s->in_event) return fail(&s->error, text, at, UNOPENED);
        if (finish_event(s)) return -1;
    }
    s->depth--;
    return 0;
}

/* ---- the scan --------------------------------------------------------------------------- */

static const char CUT_OFF[] =
    "the document ends inside an element: the file is truncated or not well-formed";

/* One quoted XML attribute value starting at `q` (the quote): its span; NULL on error, else
 * the position after the closing quote. The closing quote is found with memchr, then the span
 * is checked for '<' (refused) and '&' (to decode). */
static const char *read_value(Scanner *s, const char *text, const char *start, const char *q,
                              const char *end, Span *value) {
    const char *v = q + 1;
    const char *close = memchr(v, *q, (size_t)(end - v));
    size_t n = (size_t)((close ? close : end) - v);
    const char *lt = memchr(v, '<', n);
    if (lt != NULL) {
        fail(&s->error, text, lt, "'<' inside an attribute value; write &lt;");
        return NULL;
    }
    if (close == NULL) {
        fail(&s->error, text, start, CUT_OFF);
        return NULL;
    }
    value->p = v;
    value->n = n;
    value->amp = memchr(v, '&', n) != NULL;
    return close + 1;
}

/* Read one start tag's XML attributes from `q` (after the name); sets *next past the `>`. */
static int read_tag(Scanner *s, const char *text, const char *start, const char *q,
                    const char *end, Tag *tag, const char **next) {
    for (;;) {
        while (q < end && is_space(*q)) q++;
        if (q >= end) return fail(&s->error, text, start, CUT_OFF);
        if (*q == '>') {
            q++;
            break;
        }
        if (*q == '/') {
            if (q + 1 < end && q[1] == '>') {
                tag->self_closing = 1;
                q += 2;
                break;
            }
            return fail(&s->error, text, q, "malformed tag: '/' must be followed by '>'");
        }
        const char *name = q;
        while (q < end && !is_space(*q) && *q != '=' && *q != '>' && *q != '/') q++;
        size_t name_n = (size_t)(q - name);
        while (q < end && is_space(*q)) q++;
        if (name_n == 0 || q >= end || *q != '=')
            return fail(&s->error, text, q < end ? q : start,
                        "malformed tag: expected name=\"value\"");
        q++;
        while (q < end && is_space(*q)) q++;
        if (q >= end) return fail(&s->error, text, start, CUT_OFF);
        if (*q == '\'' && tag->kind == K_ATTR)
            return fail(&s->error, text, q,
                        "single-quoted XML attributes are not supported; use double quotes");
        if (*q != '"' && *q != '\'')
            return fail(&s->error, text, q, "malformed tag: attribute values must be quoted");
        Span value;
        q = read_value(s, text, start, q, end, &value);
        if (q == NULL) return -1;
        if (SAME(name, name_n, "key")) tag->key = value;
        else if (SAME(name, name_n, "value")) tag->value = value;
    }
    *next = q;
    return 0;
}

int scan(Scanner *s, const char *text, size_t n) {
    const char *end = text + n, *p = text;
    for (;;) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (lt == NULL) return 0;
        const char *q = lt + 1;
        int closing = q < end && *q == '/';
        if (closing) q++;
        const char *name = q;
        if (q < end && is_name_start((unsigned char)*q)) {
            q++;
            while (q < end && is_name_char((unsigned char)*q)) q++;
        }
        Tag tag = {0};
        tag.kind = classify(name, (size_t)(q - name), &tag.type);
        if (closing) {
            /* A closing tag is its name, optional white space and '>': nothing else, or a
             * damaged tag could swallow the next element. */
            while (q < end && is_space(*q)) q++;
            if (q == end) return fail(&s->error, text, lt, CUT_OFF);
            if (*q != '>') return fail(&s->error, text, q, "malformed closing tag");
            if (close_element(s, text, lt, tag.kind)) return -1;
            p = q + 1;
            continue;
        }
        if (tag.kind == K_OTHER) {
            const char *gt = memchr(q, '>', (size_t)(end - q));
            if (gt == NULL) return fail(&s->error, text, lt, CUT_OFF);
            p = gt + 1;
            continue;
        }
        if (q < end && !is_space(*q) && *q != '>' && *q != '/')
            return fail(&s->error, text, q, "malformed tag name");
        if (read_tag(s, text, lt, q, end, &tag, &p)) return -1;
        if (open_element(s, text, lt, &tag)) return -1;
    }
}
