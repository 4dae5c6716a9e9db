/*
 * The compiled XES scanner: blocks of an XES document in, columns of traces, events and
 * attributes out. Used by `headway.mining.xes_compiled`; the NumPy scanner in `xes_scan` and
 * `xes_tokens` does the same work where this module was not built.
 *
 * Input: blocks from `xes_scan.blocks`, each cut just before a `<`, with comments, processing
 * instructions and CDATA sections already blanked out and DTDs refused. The blocks are not
 * checked as UTF-8 there: the scanner checks the keys and values it keeps (the only text that
 * reaches its output) and refuses invalid ones; bytes elsewhere (a tag name, a log-level or
 * nested attribute) are not checked, as they never reach the output. The scanner
 * keeps its place in the document between blocks. It never expands an entity other than the
 * five XML ones and character references, never reads a DTD, and holds no pointer into a block
 * after the call that scanned it (values are copied), so blocks can be freed at once.
 *
 * Output (taken with `take()`, in the order met in the file):
 *   events:  trace number, event number and five standard attributes (concept:name,
 *            time:timestamp, org:resource, lifecycle:transition, cost:total) as text, with
 *            their type codes (`types`: five bytes per event, 255 where absent);
 *   traces:  trace number and concept:name;
 *   attrs:   every other trace- and event-level attribute (an event's first value of each
 *            standard key is only in `events`): scope (1 trace, 2 event), trace number,
 *            event number, type code (index into TYPE_NAMES), key and value.
 * Text columns are Arrow large-string buffers: int64 offsets, data, one validity byte per row.
 *
 * The rules are those of the NumPy scanner: nested attributes (inside list or container
 * attributes) are not kept; traces and events must not nest; the document is one <log>.
 * Errors raise ValueError(message, byte offset in the block).
 *
 * The sources: buffers.h/.c (output buffers and columns), text.h/.c (characters, names,
 * entities), scanner.h/.c (the scan), and this file (the Python types and the module).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdlib.h>
#include <string.h>

#include "buffers.h"
#include "scanner.h"
#include "text.h"

/* ---- Python interface ------------------------------------------------------------------- */

/* One call at a time: the scanner's buffers are not shared between threads. */
static int busy(Scanner *s) {
    if (!s->busy) return 0;
    PyErr_SetString(PyExc_RuntimeError, "the scanner is in use by another thread");
    return 1;
}

static PyObject *Scanner_feed(Scanner *s, PyObject *args) {
    Py_buffer view;
    if (busy(s) || !PyArg_ParseTuple(args, "y*", &view)) return NULL;
    int failed;
    s->busy = 1;
    Py_BEGIN_ALLOW_THREADS
    failed = scan(s, (const char *)view.buf, (size_t)view.len);
    Py_END_ALLOW_THREADS
    s->busy = 0;
    PyBuffer_Release(&view);
    if (failed) {
        if (s->error.at < 0) return PyErr_NoMemory();
        const char *text = s->error.message;
        PyObject *message = PyUnicode_DecodeUTF8(text, (Py_ssize_t)strlen(text), "replace");
        if (message == NULL) return NULL;
        PyErr_SetObject(PyExc_ValueError, Py_BuildValue("(Nn)", message, s->error.at));
        return NULL;
    }
    Py_RETURN_NONE;
}

/* A block of output handed to Python without a copy: it owns the memory and exposes it as a
 * read-only buffer (for `pyarrow.py_buffer` and `numpy.frombuffer`). Copying into bytes cost
 * as much as the scan itself, mostly in page faults on the new memory. */
typedef struct {
    PyObject_HEAD
    char *p;
    Py_ssize_t len;
} Chunk;

static char EMPTY[1];

static int Chunk_getbuffer(PyObject *self, Py_buffer *view, int flags) {
    Chunk *c = (Chunk *)self;
    return PyBuffer_FillInfo(view, self, c->p ? c->p : EMPTY, c->len, 1, flags);
}

static void Chunk_dealloc(PyObject *self) {
    free(((Chunk *)self)->p);
    Py_TYPE(self)->tp_free(self);
}

static PyBufferProcs Chunk_as_buffer = {.bf_getbuffer = Chunk_getbuffer};

static PyTypeObject ChunkType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "headway.mining._xes.Chunk",
    .tp_basicsize = sizeof(Chunk),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Output of the scanner, owned by Python (a read-only buffer).",
    .tp_dealloc = Chunk_dealloc,
    .tp_as_buffer = &Chunk_as_buffer,
};

/* Hand the buffer's memory to a new Chunk and leave the buffer empty (the next block's output
 * starts at the same capacity, so it is seldom moved while it grows). */
static PyObject *bytes_of(Buf *b) {
    Chunk *c = PyObject_New(Chunk, &ChunkType);
    if (c == NULL) return NULL;
    c->p = b->p;
    c->len = (Py_ssize_t)b->len;
    if (b->p != NULL && b->len < b->cap) {
        char *fitted = realloc(b->p, b->len ? b->len : 1); /* shrinking: in place or remapped */
        if (fitted != NULL) c->p = fitted;
    }
    b->hint = b->len + b->len / 4;
    b->p = NULL;
    b->len = b->cap = 0;
    return (PyObject *)c;
}

static PyObject *column_tuple(Column *c) {
    return Py_BuildValue("(LNNN)", (long long)c->rows, bytes_of(&c->offsets), bytes_of(&c->data),
                         bytes_of(&c->valid));
}

/* take() -> (events, traces, attrs), each a dict of column buffers; empties the output. */
static PyObject *Scanner_take(Scanner *s, PyObject *Py_UNUSED(ignored)) {
    if (busy(s)) return NULL;
    PyObject *events = Py_BuildValue(
        "{s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N}", "trace_no", bytes_of(&s->ev_trace), "event_no",
        bytes_of(&s->ev_no), "types", bytes_of(&s->ev_type), "activity", column_tuple(&s->ev[S_NAME]), "ts_text",
        column_tuple(&s->ev[S_TIME]), "resource", column_tuple(&s->ev[S_RESOURCE]), "lifecycle",
        column_tuple(&s->ev[S_LIFECYCLE]), "cost_text", column_tuple(&s->ev[S_COST]));
    PyObject *traces = Py_BuildValue("{s:N,s:N}", "trace_no", bytes_of(&s->case_trace),
                                     "case_id", column_tuple(&s->case_id));
    PyObject *attrs = Py_BuildValue(
        "{s:N,s:N,s:N,s:N,s:N,s:N}", "scope", bytes_of(&s->at_scope), "trace_no",
        bytes_of(&s->at_trace), "event_no", bytes_of(&s->at_event), "type",
        bytes_of(&s->at_type), "key", column_tuple(&s->at_key), "value",
        column_tuple(&s->at_value));
    if (events == NULL || traces == NULL || attrs == NULL) {
        Py_XDECREF(events);
        Py_XDECREF(traces);
        Py_XDECREF(attrs);
        return NULL;
    }
    if (reset_output(s)) {
        Py_DECREF(events);
        Py_DECREF(traces);
        Py_DECREF(attrs);
        return PyErr_NoMemory();
    }
    return Py_BuildValue("(NNN)", events, traces, attrs);
}

/* state() -> (started, depth, traces, events): to check the end of the document. */
static PyObject *Scanner_state(Scanner *s, PyObject *Py_UNUSED(ignored)) {
    return Py_BuildValue("(OLLL)", s->started ? Py_True : Py_False, (long long)s->depth,
                         (long long)s->traces, (long long)s->events);
}

static int Scanner_init(Scanner *s, PyObject *args, PyObject *kwds) {
    static char *names[] = {NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "", names)) return -1;
    if (reset_output(s)) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void Scanner_dealloc(Scanner *s) {
    free_buffers(s);
    Py_TYPE(s)->tp_free((PyObject *)s);
}

static PyMethodDef Scanner_methods[] = {
    {"feed", (PyCFunction)Scanner_feed, METH_VARARGS,
     "feed(block): scan one block (bytes cut before a '<'); ValueError(message, offset)."},
    {"take", (PyCFunction)Scanner_take, METH_NOARGS,
     "take() -> (events, traces, attrs): the columns found since the last take()."},
    {"state", (PyCFunction)Scanner_state, METH_NOARGS,
     "state() -> (started, depth, traces, events)."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "headway.mining._xes.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Scan XES blocks into columns of events, traces and attributes.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Scanner_init,
    .tp_dealloc = (destructor)Scanner_dealloc,
    .tp_methods = Scanner_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_xes",
    .m_doc = "The compiled XES scanner (see xes_compiled.py).",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__xes(void) {
    if (PyType_Ready(&ScannerType) < 0 || PyType_Ready(&ChunkType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    PyObject *types = Py_BuildValue("(ssssssss)", TYPE_NAMES[0], TYPE_NAMES[1], TYPE_NAMES[2],
                                    TYPE_NAMES[3], TYPE_NAMES[4], TYPE_NAMES[5], TYPE_NAMES[6],
                                    TYPE_NAMES[7]);
    Py_INCREF(&ScannerType);
    if (types == NULL || PyModule_AddObject(m, "TYPE_NAMES", types) < 0 ||
        PyModule_AddObject(m, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_XDECREF(types);
        Py_DECREF(&ScannerType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
