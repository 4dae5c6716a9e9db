"""Cut an XES document into UTF-8 blocks that both XES scanners read (`xes_c/`, `xes_tokens`).

The cutting is deliberately narrow and safe:

- it never expands entities or reads a DTD: a `<!DOCTYPE` or `<!ENTITY` anywhere is refused,
  so external entities (XXE) and entity bombs ("billion laughs") cannot happen;
- it reads the file in blocks of `BLOCK_BYTES` (decompressed), so memory stays bounded whatever
  the size of the log; one element longer than `MAX_ELEMENT_BYTES` is an error;
- comments, processing instructions and CDATA sections are blanked out (XES keeps data in
  attributes), keeping their line breaks so that errors still name the right line;
- line numbers are only needed for errors: a reader may skip counting them (about 10 ms a log)
  and ask `line_at` for one, which reads the document again with the same block sizes.

A block is cut just before a `<`, which cannot occur inside an attribute value, so no element
is ever split between blocks. gzip is decompressed with ISA-L (`isal`), about three times as
fast as the standard library's zlib.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, NoReturn, cast

import numpy as np
from isal import igzip, isal_zlib

from headway.mining.errors import MiningError

BLOCK_BYTES = 4 * 1024 * 1024
MAX_ELEMENT_BYTES = 64 * 1024 * 1024
# The first block is small: the scanner thread starts on it at once, while the next is read.
FIRST_BLOCK_BYTES = 64 * 1024

_SKIPPED = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>", re.DOTALL)
_OPENERS = ((b"<!--", b"-->"), (b"<?", b"?>"), (b"<![CDATA[", b"]]>"))
# Any markup that is not an element (comment, PI, CDATA, DOCTYPE).
_SPECIAL = re.compile(rb"<[!?]")
# `_has_special` looks at this many `!` or `?` one by one before it falls back to the regex.
_MARKS_CHECKED = 64
_DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
# isal's stubs declare `isal_zlib.error` as an instance; it is the exception class.
_ISAL_ERROR = cast(type[Exception], isal_zlib.error)
_DAMAGED = (EOFError, gzip.BadGzipFile, zlib.error, _ISAL_ERROR)
NOT_UTF8 = "the text is not valid UTF-8; declare its encoding in the XML header"


@dataclass
class Block:
    """One block of UTF-8 text cut before a `<`, and the line its first byte is on (1-based;
    0 when `blocks` was asked not to count lines). `final`: the last block, which the end of
    the file (not a `<`) ends."""

    text: bytes
    first_line: int
    file_position: int = 0
    final: bool = False


class _LineUnknownError(Exception):
    """An error found while lines are not counted; `blocks` finds its line in a second pass."""


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
        return igzip.IGzipFile(fileobj=handle, mode="rb"), handle  # type: ignore[no-untyped-call,return-value]
    return handle, handle


def blocks(
    path: str,
    block_bytes: int | None = None,
    *,
    count_lines: bool = True,
    check_utf8: bool = True,
) -> Iterator[Block]:
    """Yield the document at `path` as UTF-8 blocks, each ending just before a `<`.

    `count_lines` false leaves `first_line` at 0 (`line_at` finds a line when an error needs
    one); `check_utf8` false skips the UTF-8 check for a caller that checks what it keeps.
    Raises `MiningError` for a DTD or entity declaration, a damaged or truncated gzip stream,
    text that is not valid in its declared encoding, or an element longer than the limit.
    """
    block_bytes = block_bytes or BLOCK_BYTES
    try:
        yield from _blocks(path, block_bytes, count_lines, check_utf8)
    except _LineUnknownError as exc:
        # Errors are rare: a second pass that counts lines meets the same error at its line.
        for _ in _blocks(path, block_bytes, True, check_utf8):
            pass
        raise MiningError(str(exc), path) from None


def line_at(path: str, block_index: int, offset: int, block_bytes: int | None = None) -> int:
    """The line (1-based) of byte `offset` of block number `block_index` (from 0) of
    `blocks(path, block_bytes)`, found by reading the document again up to that block."""
    for index, block in enumerate(blocks(path, block_bytes, check_utf8=False)):
        if index == block_index:
            return block.first_line + block.text.count(b"\n", 0, max(offset, 0))
    raise MiningError("the file changed while it was read; read it again", path)


def _blocks(path: str, block_bytes: int, count_lines: bool, check_utf8: bool) -> Iterator[Block]:
    stream, raw_file = open_bytes(path)
    decoder: codecs.IncrementalDecoder | None = None
    carry = b""
    line = 1 if count_lines else 0
    first = True
    try:
        while True:
            raw = _read(stream, min(block_bytes, FIRST_BLOCK_BYTES) if first else block_bytes, path)
            if first:
                decoder = _decoder_for(raw, path)
                first = False
            if decoder is not None:
                raw = _transcode(decoder, raw, path, line, carry)
            if not raw:
                if carry.strip():
                    final = Block(carry, line, raw_file.tell(), final=True)
                    yield _clean(final, path, True, check_utf8)
                return
            # `carry` (the tail after the last `<`) is short: checking it with the head of
            # `raw` finds a `<!` or `<?` split between the two.
            special = _has_special(raw) or _has_special(carry + raw[:1])
            text, carry = _cut(carry, raw, special)
            if not text:
                if len(carry) > MAX_ELEMENT_BYTES:
                    _fail("an element is longer than 64 MB", path, line)
                continue
            block = Block(text, line, raw_file.tell())
            if count_lines:
                line += _newlines(text)
            yield _clean(block, path, special, check_utf8)
    finally:
        stream.close()
        raw_file.close()


def _transcode(
    decoder: codecs.IncrementalDecoder, raw: bytes, path: str, line: int, carry: bytes
) -> bytes:
    """`raw` (in the declared encoding) as UTF-8; `line` is that of the start of `carry`, the
    text read before `raw` and not yet in a block (0 when lines are not counted)."""
    try:
        return decoder.decode(raw, final=not raw).encode("utf-8")
    except UnicodeDecodeError as exc:
        if line:
            line += carry.count(b"\n") + raw.count(b"\n", 0, max(exc.start, 0))
        _fail(
            f"the text is not valid {exc.encoding}, the encoding the file declares; save it "
            "in that encoding or correct the declaration in the XML header",
            path,
            line,
        )


def _fail(message: str, path: str, line: int) -> NoReturn:
    """Raise `message` at `line` of `path`; line 0 (not counted) leaves it to `blocks`."""
    if line == 0:
        raise _LineUnknownError(message)
    raise MiningError(message, f"{path}:{line}")


def _cut(carry: bytes, raw: bytes, special: bool) -> tuple[bytes, bytes]:
    """(the text of the next block, the rest to carry) of `carry + raw`; the text may be empty.

    Without comments and the like the cut is the last `<` of `raw`, and the block is built with
    one copy (a 4 MB block costs ~1 ms per copy).
    """
    if special:
        data = carry + raw
        cut = _safe_cut(data)
        return (data[:cut], data[cut:]) if cut > 0 else (b"", data)
    cut = raw.rfind(b"<")
    if cut < 0 or (cut == 0 and not carry):
        return b"", carry + raw
    return b"".join((carry, memoryview(raw)[:cut])), raw[cut:]


def _has_special(data: bytes) -> bool:
    """Whether `data` has a `<!` or `<?` (a comment, PI, CDATA section or DTD).

    `bytes.find(b"<!")` is slow where `<` is frequent (every element); `!` and `?` are rare in
    event logs, so they are found with memchr and the byte before each is checked.
    """
    for mark in (b"!", b"?"):
        at = data.find(mark, 1)
        for _ in range(_MARKS_CHECKED):
            if at < 0:
                break
            if data[at - 1] == 0x3C:  # "<"
                return True
            at = data.find(mark, at + 1)
        else:
            return _SPECIAL.search(data) is not None
    return False


def _newlines(text: bytes) -> int:
    """The number of line breaks in `text` (NumPy: ~3 times as fast as `bytes.count`)."""
    if len(text) < 65536:
        return text.count(b"\n")
    return int(np.count_nonzero(np.frombuffer(text, dtype=np.uint8) == 0x0A))


def _read(stream: BinaryIO, size: int, path: str) -> bytes:
    try:
        return stream.read(size)
    except _DAMAGED as exc:
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


def _clean(block: Block, path: str, special: bool = True, check_utf8: bool = True) -> Block:
    """The block without comments, PIs and CDATA; refuses DTDs and checks the UTF-8.

    `special` false says the block has no `<!` or `<?` (already searched for by the caller).
    """
    text = block.text
    if special and _SPECIAL.search(text):
        upper = text.upper()
        for word in (b"<!DOCTYPE", b"<!ENTITY"):
            at = upper.find(word)
            if at >= 0:
                _fail(
                    "the file declares a DTD or entities, which Headway refuses for safety "
                    "(XML external entities and entity expansion attacks); remove the "
                    "<!DOCTYPE ...> declaration",
                    path,
                    _line(block, text, at),
                )
        text = _SKIPPED.sub(lambda m: b"\n" * m.group(0).count(b"\n"), text)
    try:
        if check_utf8 and not text.isascii():  # a fast scan; decoding validates the rest
            text.decode("utf-8")
    except UnicodeDecodeError as exc:
        _fail(NOT_UTF8, path, _line(block, text, exc.start))
    return Block(text, block.first_line, block.file_position, block.final)


def _line(block: Block, text: bytes, offset: int) -> int:
    """The line of byte `offset` of `text` (of `block`); 0 when lines are not counted."""
    return block.first_line + text.count(b"\n", 0, offset) if block.first_line else 0
