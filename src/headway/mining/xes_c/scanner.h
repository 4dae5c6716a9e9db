/*
 * The scanner's state (a Python object, defined in module.c) and the scan that moves it through
 * one block; the contract of the whole module is at the top of module.c.
 */
#ifndef HEADWAY_XES_SCANNER_H
#define HEADWAY_XES_SCANNER_H

#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>

#include <stddef.h>
#include <stdint.h>

#include "buffers.h"
#include "text.h"

#define NO_TYPE 255

typedef struct {
    PyObject_HEAD
    /* where the scan is */
    int64_t depth, traces, events, trace_no, event_no;
    int in_trace, in_event, started, event_kept;
    int busy; /* a feed() is running (with the GIL released) */
    /* the open trace's case id and the open event's standard attributes */
    Buf case_name, standard[S_COUNT], scratch;
    int have_case, have[S_COUNT];
    uint8_t standard_type[S_COUNT];
    /* output */
    /* ev_type: per event, the type code of each standard attribute (NO_TYPE when absent) */
    Buf ev_trace, ev_no, ev_type, case_trace, at_scope, at_trace, at_event, at_type;
    Column ev[S_COUNT], case_id, at_key, at_value;
    /* the first error of the last call */
    ScanError error;
} Scanner;

/* Scan the n bytes at `text` (one block); -1 on error, described in s->error. Needs no GIL. */
XES_INTERNAL int scan(Scanner *s, const char *text, size_t n);
/* Empty the output columns (after take(), and at the start); -1 when out of memory. */
XES_INTERNAL int reset_output(Scanner *s);
/* Free every buffer the scanner holds (not the object itself). */
XES_INTERNAL void free_buffers(Scanner *s);

#endif
