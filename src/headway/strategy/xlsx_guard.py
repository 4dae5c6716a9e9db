"""Checks on an uploaded workbook before any XLSX parser sees it.

An XLSX file is a zip archive of XML parts. A crafted one can claim small sizes and expand to
gigabytes (a zip bomb), carry macros (`vbaProject.bin`), or hold XML entity definitions that
expand on parsing. Each entry is therefore decompressed here, in bounded chunks, and counted;
openpyxl only runs on archives that passed.
"""

from __future__ import annotations

import io
import zipfile
from typing import NoReturn

from headway.strategy.errors import Problem, StrategyError

MAX_WORKBOOK_BYTES = 10 * 1024 * 1024
"""Largest workbook file accepted (bytes, compressed)."""
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
"""Largest total size of the archive's parts once decompressed (bytes)."""
MAX_ENTRIES = 1000
"""Most parts (files) the archive may hold."""
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlsb", ".xlam")
_CHUNK = 1024 * 1024


def check_workbook(content: bytes, file: str) -> None:
    """Raise `StrategyError` unless `content` is a plain XLSX archive within the limits.

    Refuses: files over `MAX_WORKBOOK_BYTES`, non-zip data, encrypted parts, more than
    `MAX_ENTRIES` parts, more than `MAX_UNCOMPRESSED_BYTES` once decompressed (counted while
    decompressing, so sizes the archive lies about do not help), macros, and XML with a DTD.
    """
    if file.lower().endswith(MACRO_SUFFIXES):
        _refuse(file, "macro-enabled workbooks are not accepted; save it as .xlsx")
    if len(content) > MAX_WORKBOOK_BYTES:
        _refuse(file, f"workbook is {len(content):,} bytes; the limit is {MAX_WORKBOOK_BYTES:,}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        _refuse(file, "not an XLSX workbook (not a zip archive); save it as Excel .xlsx")
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            _refuse(file, f"workbook has {len(entries):,} parts; the limit is {MAX_ENTRIES:,}")
        names = {entry.filename.lower() for entry in entries}
        if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
            _refuse(file, "not an XLSX workbook (no xl/workbook.xml); save it as Excel .xlsx")
        if any(name.endswith("vbaproject.bin") for name in names):
            _refuse(file, "the workbook contains macros (vbaProject.bin); save it as .xlsx")
        declared = sum(entry.file_size for entry in entries)
        if declared > MAX_UNCOMPRESSED_BYTES:
            _refuse(file, _too_big(declared))
        total = 0
        for entry in entries:
            if entry.flag_bits & 0x1:
                _refuse(file, f"part {entry.filename} is encrypted; remove the password")
            total = _scan(archive, entry, total, file)


def _scan(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, total: int, file: str) -> int:
    size = 0
    is_xml = entry.filename.lower().endswith((".xml", ".rels", ".vml"))
    head = b""
    try:
        with archive.open(entry) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > entry.file_size or total > MAX_UNCOMPRESSED_BYTES:
                    _refuse(file, _too_big(total))
                if is_xml and (b"<!DOCTYPE" in head + chunk or b"<!ENTITY" in head + chunk):
                    _refuse(file, f"part {entry.filename} declares XML entities; not accepted")
                head = chunk[-16:]
                if b"macroEnabled" in chunk and entry.filename == "[Content_Types].xml":
                    _refuse(file, "the workbook is macro-enabled; save it as .xlsx")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        _refuse(file, f"damaged workbook: part {entry.filename}: {exc}")
    return total


def _too_big(size: int) -> str:
    return (
        f"workbook expands to more than {MAX_UNCOMPRESSED_BYTES:,} bytes "
        f"(at least {size:,}); it may be a zip bomb"
    )


def _refuse(file: str, message: str) -> NoReturn:
    raise StrategyError([Problem(message, (), file)])
