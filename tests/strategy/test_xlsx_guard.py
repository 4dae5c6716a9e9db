"""Crafted workbooks (zip bombs, lying sizes, macros, XML entities) are refused before
openpyxl parses them."""

from __future__ import annotations

import io
import zipfile

import pytest

from headway.strategy.errors import StrategyError
from headway.strategy.model import Strategy
from headway.strategy.xlsx import strategy_from_xlsx, strategy_to_xlsx
from headway.strategy.xlsx_guard import MAX_UNCOMPRESSED_BYTES
from tests.strategy.conftest import problems_of


def archive(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as handle:
        for name, data in entries.items():
            handle.writestr(name, data)
    return out.getvalue()


MINIMAL = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}


def test_a_zip_bomb_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as handle:
        for name, data in MINIMAL.items():
            handle.writestr(name, data)
        with handle.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            zeros = b"\0" * (1 << 20)
            for _ in range(MAX_UNCOMPRESSED_BYTES // len(zeros) + 2):
                part.write(zeros)
    assert len(out.getvalue()) < 1_000_000
    (problem,) = problems_of(out.getvalue())
    assert "zip bomb" in problem.message


def test_sizes_the_archive_lies_about_are_caught() -> None:
    content = bytearray(archive({**MINIMAL, "xl/styles.xml": b"<styleSheet>" + b"a" * 5000}))
    # Shrink the declared uncompressed size (central directory) of the last entry to 10 bytes.
    directory = content.rfind(b"PK\x01\x02")
    content[directory + 24 : directory + 28] = (10).to_bytes(4, "little")
    problems = problems_of(bytes(content))
    assert any("zip bomb" in p.message or "damaged" in p.message for p in problems)


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ({**MINIMAL, "xl/vbaProject.bin": b"\0"}, "macros"),
        ({**MINIMAL, "xl/x.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}, "XML entities"),
        ({"readme.txt": b"hello"}, "no xl/workbook.xml"),
    ],
    ids=["macros", "entities", "not-a-workbook"],
)
def test_crafted_archives_are_refused(entries: dict[str, bytes], expected: str) -> None:
    (problem,) = problems_of(archive(entries))
    assert expected in problem.message


def test_not_a_zip_and_macro_names_are_refused(bakery: Strategy) -> None:
    assert "not a zip archive" in problems_of(b"name,value\n")[0].message
    with pytest.raises(StrategyError, match="macro-enabled"):
        strategy_from_xlsx(strategy_to_xlsx(bakery), file="plan.xlsm")
