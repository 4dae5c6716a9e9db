"""A streaming, vectorised scanner for XES documents (the part of XML that XES uses).

Why not a general XML parser: lxml needs ~2.5 s of Python callbacks for the 262k events of BPIC
2012; splitting text into elements and attributes with NumPy and Arrow's C++ string kernels
takes a fraction of that. The scanner is deliberately narrow and safe:

- it never expands entities or reads a DTD: a `<!DOCTYPE` or `<!ENTITY` anywhere is refused,
  so external entities (XXE) and entity bombs ("billion laughs") cannot happen; only the five
  predefined entities and character references are decoded;
- it reads the file in blocks of `BLOCK_BYTES` (decompressed), so memory stays bounded whatever
  the size of the log; one element longer than `MAX_ELEMENT_BYTES` is an error;
- attribute values must be in double quotes (as every XES writer produces); single-quoted
  attributes are reported as an error rather than misread.

Comments, processing instructions and CDATA sections are skipped (XES keeps data in attributes).
A block is cut just before a `<`, which cannot occur inside an attribute value, so no element
is ever split between blocks.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from headway.mining.errors import MiningError

BLOCK_BYTES = 4 * 1024 * 1024
MAX_ELEMENT_BYTES = 64 * 1024 * 1024

# Element kinds (one code per element start or end tag).
OTHER, TRACE_OPEN, TRACE_CLOSE, EVENT_OPEN, EVENT_CLOSE = 0, 1, 2, 3, 4
ATTR_OPEN, ATTR_CLOSE, ELEMENT_OPEN, ELEMENT_CLOSE, LOG_OPEN = 5, 6, 7, 8, 9

ATTRIBUTE_TYPES = ("string", "date", "int", "float", "boolean", "id", "list", "container")
_TAG = r"^(?P<close>/?)(?P<name>[A-Za-z_][\w.:-]*)"
_TAG_PATTERN = re.compile(_TAG)
_SKIPPED = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>", re.DOTALL)
_OPENERS = ((b"<!--", b"-->"), (b"<?", b"?>"), (b"<![CDATA[", b"]]>"))
# Any markup that is not an element (comment, PI, CDATA, DOCTYPE): one scan finds them all,
# and most blocks of a log have none, so the slower checks are skipped for them.
_SPECIAL = re.compile(rb"<[!?]")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*);|&")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


@dataclass
class Block:
    """One block of UTF-8 text cut before a `<`, and the line its first byte is on (1-based)."""

    text: bytes
    first_line: int
    file_position: int = 0


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


def open_bytes(path: str) -> tuple[BinaryIO, BinaryIO]:
    """The decompressed bytes of `path` and the raw file under them (for its position).

    gzip is recognised by its magic number, not by the file name.
    """
    try:
        handle: BinaryIO = open(path, "rb")  # noqa: SIM115  (returned to the caller)
    except OSError as exc:
        raise MiningError(f"cannot read the file: {exc.strerror}", path) from None
    magic = handle.read(2)
    handle.seek(0)
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=handle, mode="rb"), handle  # type: ignore[return-value]
    return handle, handle


def blocks(path: str, block_bytes: int | None = None) -> Iterator[Block]:
    """Yield the document at `path` as UTF-8 blocks, each ending just before a `<`.

    Raises `MiningError` for a DTD or entity declaration, a damaged or truncated gzip stream,
    text that is not valid in its declared encoding, or an element longer than the limit.
    """
    block_bytes = block_bytes or BLOCK_BYTES
    stream, raw_file = open_bytes(path)
    decoder: codecs.IncrementalDecoder | None = None
    carry = b""
    line = 1
    first = True
    try:
        while True:
            raw = _read(stream, block_bytes, path)
            if first:
                decoder = _decoder_for(raw, path)
                first = False
            if decoder is not None:
                raw = decoder.decode(raw, final=not raw).encode("utf-8")
            data = carry + raw
            if not raw:
                if data.strip():
                    yield _clean(Block(data, line, raw_file.tell()), path)
                return
            special = _SPECIAL.search(data) is not None
            cut = _safe_cut(data) if special else data.rfind(b"<")
            if cut <= 0:
                if len(data) > MAX_ELEMENT_BYTES:
                    raise MiningError("an element is longer than 64 MB", f"{path}:{line}")
                carry = data
                continue
            carry = data[cut:]
            block = Block(data[:cut], line, raw_file.tell())
            line += block.text.count(b"\n")
            yield _clean(block, path, special)
    finally:
        stream.close()
        raw_file.close()


def _read(stream: BinaryIO, size: int, path: str) -> bytes:
    try:
        return stream.read(size)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise MiningError(
            f"the compressed file is damaged or truncated ({exc}); copy it again", path
        ) from None
    except OSError as exc:
        raise MiningError(f"cannot read the file: {exc}", path) from None


def _decoder_for(head: bytes, path: str) -> codecs.IncrementalDecoder | None:
    """None for UTF-8 input (used as is); a decoder for another declared encoding."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MiningError("UTF-16 XES files are not supported; save the log as UTF-8", path)
    if head.startswith(b"\xef\xbb\xbf"):
        return codecs.getincrementaldecoder("utf-8-sig")()
    found = _DECLARED_ENCODING.search(head[:400])
    if not found:
        return None
    name = found.group(1).decode("ascii").lower()
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise MiningError(f"unknown encoding {name!r} in the XML declaration", path) from None
    if info.name in ("utf-8", "ascii"):
        return None
    return info.incrementaldecoder()


def _safe_cut(data: bytes) -> int:
    """Index of the last `<` that starts an element outside any comment, PI or CDATA section."""
    cut = data.rfind(b"<")
    moved = True
    while moved and cut > 0:
        moved = False
        for opener, closer in _OPENERS:
            start = data.rfind(opener, 0, cut)
            if start < 0:
                continue
            end = data.find(closer, start + len(opener))
            if end < 0 or end + len(closer) > cut:
                cut, moved = start, True
    return cut


def _clean(block: Block, path: str, special: bool = True) -> Block:
    """The block without comments, PIs and CDATA; refuses DTDs and checks the UTF-8.

    `special` false says the block has no `<!` or `<?` (already searched for by the caller).
    """
    text = block.text
    if special and _SPECIAL.search(text):
        upper = text.upper()
        for word in (b"<!DOCTYPE", b"<!ENTITY"):
            at = upper.find(word)
            if at >= 0:
                line = block.first_line + text.count(b"\n", 0, at)
                raise MiningError(
                    "the file declares a DTD or entities, which Headway refuses for safety "
                    "(XML external entities and entity expansion attacks); remove the "
                    "<!DOCTYPE ...> declaration",
                    f"{path}:{line}",
                )
        text = _SKIPPED.sub(lambda m: b"\n" * m.group(0).count(b"\n"), text)
    try:
        if not text.isascii():  # isascii is a fast scan; decoding validates the rest
            text.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = block.first_line + text.count(b"\n", 0, exc.start)
        raise MiningError(
            "the text is not valid UTF-8; declare its encoding in the XML header",
            f"{path}:{line}",
        ) from None
    return Block(text, block.first_line, block.file_position)


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
    self_closing = np.array(["/>" in (t or "") for t in lasts.to_pylist()], dtype=bool)[last_index]
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


def int_array(values: npt.NDArray[Any], kind: pa.DataType | None = None) -> pa.Array:
    """A NumPy integer array as an Arrow array without a copy (int64 unless `kind` says).

    Built from the buffer directly: `pa.array` would import pandas when it is installed
    (~0.2 s once), only to check the argument's type.
    """
    kind = kind or pa.int64()
    dtype = np.int32 if kind == pa.int32() else np.int64
    data = np.ascontiguousarray(values, dtype=dtype)
    return pa.Array.from_buffers(kind, len(data), [None, pa.py_buffer(data)])


def _numpy_of(values: pa.Array) -> npt.NDArray[Any]:
    """The values of a null-free Arrow integer array as NumPy, without a copy.

    (`Array.to_numpy` would import pandas when it is installed, only to check types.)
    """
    width = values.type.bit_width // 8
    dtype = {4: np.int32, 8: np.int64, 2: np.int16, 1: np.int8}[width]
    data = np.frombuffer(values.buffers()[1], dtype=dtype)
    return data[values.offset : values.offset + len(values)]


def _encoded(values: pa.Array) -> tuple[npt.NDArray[np.int32], pa.Array]:
    """Dictionary-encode `values`: (index of each row into the dictionary, the dictionary)."""
    encoded = pc.dictionary_encode(values)
    indices = _numpy_of(encoded.indices).astype(np.int32, copy=False)
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
    first_names = [(h or "").rstrip() for h in heads.to_pylist()]
    key_first_head = np.array([n.endswith(" key=") for n in first_names], dtype=bool)
    value_first_head = np.array([n.endswith(" value=") for n in first_names], dtype=bool)
    second_index, seconds = _encoded(flat.take(int_array(starts + 2 * _STEP)))
    second_names = [(t or "").strip() for t in seconds.to_pylist()]
    is_value = np.array([n == "value=" for n in second_names], dtype=bool)
    is_key = np.array([n == "key=" for n in second_names], dtype=bool)
    key_first = key_first_head[head_index] & is_value[second_index]
    value_first = value_first_head[head_index] & is_key[second_index]
    kept = key_first | value_first
    key_piece = np.where(value_first, starts + 3 * _STEP, starts + _STEP)[kept]
    value_piece = np.where(value_first, starts + _STEP, starts + 3 * _STEP)[kept]
    return flat.take(int_array(key_piece)), flat.take(int_array(value_piece)), kept


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
