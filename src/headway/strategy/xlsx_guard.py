"""Checks on an uploaded workbook before any XLSX parser sees it.

An XLSX file is a zip archive of XML parts. A crafted one can claim small sizes and expand to
gigabytes (a zip bomb), carry macros (`vbaProject.bin`), or hold XML entity definitions that
expand on parsing. Each entry is therefore decompressed here, in bounded chunks, and counted;
openpyxl only runs on archives that passed.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import NoReturn
from xml.parsers import expat

from openpyxl.utils.cell import column_index_from_string

from headway.settings import DEFAULTS, Settings
from headway.strategy.errors import Problem, StrategyError

MAX_WORKBOOK_BYTES = DEFAULTS.workbook_max_bytes
"""Largest workbook file accepted by default (bytes, compressed; setting workbook_max_bytes)."""
MAX_UNCOMPRESSED_BYTES = DEFAULTS.workbook_max_expanded_bytes
"""Largest total size of the archive's parts once decompressed, by default (bytes; setting
workbook_max_expanded_bytes)."""
MAX_ENTRIES = 1000
"""Most parts (files) the archive may hold."""
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlsb", ".xlam")
_CHUNK = 1024 * 1024
_CELL_REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
Extents = dict[str, tuple[int, int]]
"""For each worksheet part, the last row and the last column that hold a value."""


def check_workbook(content: bytes, file: str, settings: Settings = DEFAULTS) -> Extents:
    """Raise `StrategyError` unless `content` is a plain XLSX archive within the limits.

    Refuses: files over `settings.workbook_max_bytes`, non-zip data, encrypted parts, more
    than `MAX_ENTRIES` parts, more than `settings.workbook_max_expanded_bytes` once
    decompressed (counted while decompressing, so sizes the archive lies about do not help),
    macros, XML with a DTD or an
    entity in any encoding, and XML that is not well-formed (the part is named).

    Returns where each worksheet's values really end, found while parsing: a sheet's own
    `<dimension>` may claim anything.
    """
    if file.lower().endswith(MACRO_SUFFIXES):
        _refuse(file, "macro-enabled workbooks are not accepted; save it as .xlsx")
    if len(content) > settings.workbook_max_bytes:
        _refuse(
            file,
            f"workbook is {len(content):,} bytes; the limit is {settings.workbook_max_bytes:,} "
            "(setting workbook_max_bytes, see docs/settings.md)",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError, OSError):
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
        limit = settings.workbook_max_expanded_bytes
        if declared > limit:
            _refuse(file, _too_big(declared, limit))
        total = 0
        extents: Extents = {}
        for entry in entries:
            if entry.flag_bits & 0x1:
                _refuse(file, f"part {entry.filename} is encrypted; remove the password")
            total = _scan(archive, entry, (total, limit), file, extents)
    return extents


def _scan(
    archive: zipfile.ZipFile,
    entry: zipfile.ZipInfo,
    counted: tuple[int, int],
    file: str,
    extents: Extents,
) -> int:
    """Decompress and check one part; returns the bytes decompressed so far (`counted` is that
    total before this part and its limit)."""
    total, limit = counted
    size = 0
    name = entry.filename
    xml = _XmlCheck(name, file) if name.lower().endswith((".xml", ".rels", ".vml")) else None
    if xml is not None and name.startswith("xl/worksheets/") and name.count("/") == 2:
        xml.parser.StartElementHandler = xml.element
    try:
        with archive.open(entry) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > entry.file_size or total > limit:
                    _refuse(file, _too_big(total, limit))
                if xml is not None:
                    xml.feed(chunk)
                if b"macroEnabled" in chunk and name == "[Content_Types].xml":
                    _refuse(file, "the workbook is macro-enabled; save it as .xlsx")
            if xml is not None:
                xml.feed(b"", final=True)
                if xml.parser.StartElementHandler is not None:
                    extents[name] = xml.last_row, xml.last_column
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        _refuse(file, f"damaged workbook: part {name}: {exc}")
    return total


class _XmlCheck:
    """Parses one XML part as it is decompressed, with expat in any encoding it declares
    (UTF-8, UTF-16, Latin-1), refusing a DTD or entity declaration before anything expands
    and naming the part when the XML is not well-formed (as defusedxml does)."""

    def __init__(self, part: str, file: str) -> None:
        self.part, self.file = part, file
        self.parser = expat.ParserCreate()
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._declaration
        self.parser.EntityDeclHandler = self._declaration
        self.parser.UnparsedEntityDeclHandler = self._declaration
        self.parser.ExternalEntityRefHandler = self._declaration
        self.row = self.column = self.last_row = self.last_column = 0

    def element(self, tag: str, attributes: dict[str, str]) -> None:
        """Follows rows and cells (`<row r>`, `<c r>`, which may omit `r`) of a worksheet, and
        notes where a cell holds a value (`<v>`, `<is>` or `<f>`)."""
        local = tag.rsplit(":", 1)[-1]
        if local == "row":
            reference = attributes.get("r", "")
            self.row = int(reference) if reference.isdigit() else self.row + 1
            self.column = 0
        elif local == "c":
            found = _CELL_REFERENCE.match(attributes.get("r", ""))
            if found:
                self.column = column_index_from_string(found[1].upper())
                self.row = int(found[2])
            else:
                self.column += 1
        elif local in ("v", "is", "f"):
            self.last_row = max(self.last_row, self.row)
            self.last_column = max(self.last_column, self.column)

    def _declaration(self, *_: object) -> NoReturn:
        _refuse(self.file, f"part {self.part} declares a DTD or XML entities; not accepted")

    def feed(self, chunk: bytes, final: bool = False) -> None:
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            reason = expat.ErrorString(exc.code) if exc.code else str(exc)
            where = f"line {exc.lineno}, column {exc.offset + 1}"
            _refuse(
                self.file,
                f"damaged workbook: part {self.part} is not well-formed XML ({where}: {reason})",
            )


def _too_big(size: int, limit: int) -> str:
    return (
        f"workbook expands to more than {limit:,} bytes (at least {size:,}); it may be a zip "
        "bomb (setting workbook_max_expanded_bytes, see docs/settings.md)"
    )


def _refuse(file: str, message: str) -> NoReturn:
    raise StrategyError([Problem(message, (), file)])
