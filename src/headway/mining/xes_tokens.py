"""The NumPy tokenizer of the fallback XES scanner: blocks in, elements and attributes out.

Splitting text into elements and attributes with NumPy and Arrow's C++ string kernels takes a
fraction of the time of a general XML parser's Python callbacks (lxml: ~2.5 s for the 262k
events of BPIC 2012). `xes_numpy` follows the nesting; `xes_scan.blocks` supplies the blocks.
Attribute values must be in double quotes (as every XES writer produces); single-quoted
attributes are reported as an error rather than misread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from headway.mining.arrays import int_array, numpy_of
from headway.mining.errors import MiningError
from headway.mining.xes_scan import Block

# Element kinds (one code per element start or end tag).
OTHER, TRACE_OPEN, TRACE_CLOSE, EVENT_OPEN, EVENT_CLOSE = 0, 1, 2, 3, 4
ATTR_OPEN, ATTR_CLOSE, ELEMENT_OPEN, ELEMENT_CLOSE, LOG_OPEN = 5, 6, 7, 8, 9

ATTRIBUTE_TYPES = ("string", "date", "int", "float", "boolean", "id", "list", "container")
_TAG = r"^(?P<close>/?)(?P<name>[A-Za-z_][\w.:-]*)"
_TAG_PATTERN = re.compile(_TAG)
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*);|&")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


@dataclass
class Tokens:
    """The elements of one block: a kind per element, and the attributes among them.

    `kind` and `self_closing` have one entry per element; `attr_index` gives the element index
    of each attribute element whose key and value were read, with `attr_type`, `attr_key` and
    `attr_value` (entities decoded) alongside.
    """

    block: Block
    kind: npt.NDArray[np.int8]
    self_closing: npt.NDArray[np.bool_]
    attr_index: npt.NDArray[np.int64]
    attr_type: pa.Array
    attr_key: pa.Array
    attr_value: pa.Array
    element_start: npt.NDArray[np.int64]

    def line_of(self, element: int) -> int:
        """The line (1-based) of the element with index `element` in this block."""
        start = int(self.element_start[element]) if len(self.element_start) else 0
        return self.block.first_line + self.block.text.count(b"\n", 0, start)


def tokenize(block: Block) -> Tokens:
    """Split a block into elements and read the key and value of each attribute element.

    Runs in NumPy and Arrow C++ kernels (the GIL is released), so blocks can be tokenised
    in threads.
    """
    flat, starts, lengths, element_start = _pieces(block.text)
    # The text before the first quote (`string key=`, `event>` + whitespace) and after the
    # last one (`/>` + whitespace) takes few distinct values: classify those, not every row.
    head_index, heads = _encoded(flat.take(int_array(starts)))
    last_index, lasts = _encoded(flat.take(int_array(starts + _STEP * (lengths - 1))))
    head_kind = _kinds(heads.to_pylist())
    head_names = pc.extract_regex(heads, _TAG).field("name")
    kind = head_kind[head_index]
    last_texts = [t or "" for t in lasts.to_pylist()]
    self_closing = np.array(["/>" in t for t in last_texts], dtype=bool)[last_index]
    ended = np.array([">" in t for t in last_texts], dtype=bool)[last_index]
    bad = _malformed(heads.to_pylist())[head_index] | ~ended
    _refuse_malformed(block, element_start, kind, bad, lengths % 2 == 0)
    is_attr = (kind == ATTR_OPEN) & (lengths >= 5)
    attr_index = np.flatnonzero(is_attr).astype(np.int64)
    key, value, kept = _key_values(flat, heads, head_index[attr_index], starts[attr_index])
    attr_index = attr_index[kept]
    return Tokens(
        block=block,
        kind=kind,
        self_closing=self_closing,
        attr_index=attr_index,
        attr_type=pa.DictionaryArray.from_arrays(
            int_array(head_index[attr_index], pa.int32()), head_names
        ).cast(pa.large_string()),
        attr_key=decode_entities(key, ""),
        attr_value=decode_entities(value, ""),
        element_start=element_start,
    )


# `_pieces` interleaves each delimiter (a one-byte piece) with the text after it.
_STEP = 2


def _pieces(
    text: bytes,
) -> tuple[pa.Array, npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The elements of `text` split at their double quotes, without copying the text.

    Returns (pieces, first, count, element_start): `pieces` is a string array over `text`
    whose odd entries are the delimiters (`<` or `"`) and whose even entries are the texts
    between them; element i's pieces are `pieces[first[i] + _STEP * j]` for j < count[i];
    `element_start` is the byte position of its `<`. Text before the first `<` is not an
    element. (Equivalent to splitting at `<`, then each part at `"`, but one NumPy pass.)
    """
    data = np.frombuffer(text, dtype=np.uint8)
    delimiter = np.flatnonzero((data == ord("<")) | (data == ord('"')))
    offsets = np.empty(2 * len(delimiter) + 2, dtype=np.int64)
    offsets[0] = 0
    offsets[1:-1:2] = delimiter
    offsets[2:-1:2] = delimiter + 1
    offsets[-1] = len(text)
    pieces = pa.LargeStringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(text)
    )
    opens = np.flatnonzero(data[delimiter] == ord("<"))
    count = np.diff(opens, append=len(delimiter)).astype(np.int64)
    first = _STEP * opens.astype(np.int64) + _STEP
    return pieces, first, count, delimiter[opens].astype(np.int64)


# A tag is its name then white space, `>` or `/` (opening), or `/`, its name, optional white
# space and `>` (closing): anything else is a damaged tag that would swallow what follows.
_WELL_FORMED = re.compile(r"[A-Za-z_][\w.:-]*[\s>/]|/[A-Za-z_][\w.:-]*\s*>")


def _malformed(heads: list[str | None]) -> npt.NDArray[np.bool_]:
    """Whether each distinct head text starts a damaged tag."""
    return np.array([_WELL_FORMED.match(head or "") is None for head in heads], dtype=bool)


def _refuse_malformed(
    block: Block,
    element_start: npt.NDArray[np.int64],
    kind: npt.NDArray[np.int8],
    bad: npt.NDArray[np.bool_],
    open_quote: npt.NDArray[np.bool_],
) -> None:
    """Refuse the block's first damaged tag (cut off, or not a name followed by `>`): like the
    compiled scanner, never let it swallow the next element. `open_quote` says which elements
    end inside a quoted value (at a `<`). `where` is the line number."""
    if not bad.any():
        return
    first = int(np.flatnonzero(bad)[0])
    line = block.first_line + block.text.count(b"\n", 0, int(element_start[first]))
    if block.final and first == len(kind) - 1:
        message = "the document ends inside a tag: the file is truncated or not well-formed"
        raise MiningError(message, str(line))
    if open_quote[first]:
        message = "'<' inside an attribute value (write it as &lt;), or a tag cut off"
        raise MiningError(message, str(line))
    closing = kind[first] in (TRACE_CLOSE, EVENT_CLOSE, ATTR_CLOSE, ELEMENT_CLOSE)
    raise MiningError(f"malformed {'closing tag' if closing else 'tag'}", str(line))


def _encoded(values: pa.Array) -> tuple[npt.NDArray[np.int32], pa.Array]:
    """Dictionary-encode `values`: (index of each row into the dictionary, the dictionary)."""
    encoded = pc.dictionary_encode(values)
    indices = numpy_of(encoded.indices).astype(np.int32, copy=False)
    return indices, encoded.dictionary


def _kinds(heads: list[str | None]) -> npt.NDArray[np.int8]:
    """The element kind of each distinct head text (a handful per block)."""
    kinds = np.full(len(heads), OTHER, dtype=np.int8)
    for i, head in enumerate(heads):
        match = _TAG_PATTERN.match(head or "")
        if match is None:
            continue
        closing, name = match.group(1) == "/", match.group(2)
        if name in ATTRIBUTE_TYPES:
            if not closing and "'" in head:  # type: ignore[operator]
                raise MiningError(
                    "single-quoted XML attributes are not supported; use double quotes"
                )
            kinds[i] = ATTR_CLOSE if closing else ATTR_OPEN
        elif name == "trace":
            kinds[i] = TRACE_CLOSE if closing else TRACE_OPEN
        elif name == "event":
            kinds[i] = EVENT_CLOSE if closing else EVENT_OPEN
        elif name == "log" and not closing:
            kinds[i] = LOG_OPEN
        else:
            kinds[i] = ELEMENT_CLOSE if closing else ELEMENT_OPEN
    return kinds


def _key_values(
    flat: pa.Array,
    heads: pa.Array,
    head_index: npt.NDArray[np.int32],
    starts: npt.NDArray[np.int64],
) -> tuple[pa.Array, pa.Array, npt.NDArray[np.bool_]]:
    """Key and value of attribute elements written `key="k" value="v"` (either order).

    `heads` is the dictionary of texts before the first quote, `head_index` each row's entry
    in it, `starts` each row's first piece in `flat` (the element split at quotes).
    """
    first_names = [_name_before_value(h or "", _FIRST_NAME) for h in heads.to_pylist()]
    key_first_head = np.array([n == "key" for n in first_names], dtype=bool)
    value_first_head = np.array([n == "value" for n in first_names], dtype=bool)
    second_index, seconds = _encoded(flat.take(int_array(starts + 2 * _STEP)))
    second_names = [_name_before_value(t or "", _SECOND_NAME) for t in seconds.to_pylist()]
    is_value = np.array([n == "value" for n in second_names], dtype=bool)
    is_key = np.array([n == "key" for n in second_names], dtype=bool)
    key_first = key_first_head[head_index] & is_value[second_index]
    value_first = value_first_head[head_index] & is_key[second_index]
    kept = key_first | value_first
    key_piece = np.where(value_first, starts + 3 * _STEP, starts + _STEP)[kept]
    value_piece = np.where(value_first, starts + _STEP, starts + 3 * _STEP)[kept]
    return flat.take(int_array(key_piece)), flat.take(int_array(value_piece)), kept


# The XML attribute name before a value's opening quote: after the tag name (`string key=`),
# or between two values (` value=`). XML allows any whitespace around the name and the `=`.
_FIRST_NAME = re.compile(r"\S+\s+([A-Za-z_][\w.:-]*)\s*=\s*")
_SECOND_NAME = re.compile(r"\s+([A-Za-z_][\w.:-]*)\s*=\s*")


def _name_before_value(text: str, pattern: re.Pattern[str]) -> str:
    found = pattern.fullmatch(text)
    return found.group(1) if found else ""


def decode_entities(values: pa.Array, where: str) -> pa.Array:
    """Replace `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#...;` in attribute values.

    Only values that contain `&` are touched (in Python; they are rare). An undefined entity
    or a bare `&` is a `MiningError`: without a DTD no other entity can exist.
    """
    has_entity = pc.match_substring(values, "&")
    if not pc.any(has_entity).as_py():
        return values
    rows = pc.indices_nonzero(has_entity).to_pylist()
    decoded = values.to_pylist()
    for row in rows:
        decoded[row] = _ENTITY.sub(lambda m: _entity(m, where), decoded[row])
    return pa.array(decoded, type=values.type)


def _entity(match: re.Match[str], where: str) -> str:
    name = match.group(1)
    if name is None:
        raise MiningError("a bare '&' in an attribute value; write it as &amp;", where)
    if name.startswith("#"):
        code = int(name[2:], 16) if name[1:2] in ("x", "X") else int(name[1:])
        if not 0 < code <= 0x10FFFF:
            raise MiningError(f"character reference &{name}; is out of range", where)
        return chr(code)
    if name not in _NAMED:
        raise MiningError(
            f"undefined entity &{name}; (no DTD is read, so only the five XML entities exist)",
            where,
        )
    return _NAMED[name]
