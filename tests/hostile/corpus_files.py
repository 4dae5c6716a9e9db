"""The hostile workbooks, tracking files and event logs, from seeded generators (every run tries
the same inputs), each read by the commands that read it."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Iterator

from headway.strategy.xlsx import strategy_to_xlsx
from tests.hostile.runner import BAKERY, BAKERY_TEXT, STRATEGY, Case
from tests.strategy.test_xlsx_guard import archive as _zip

# -- workbooks -----------------------------------------------------------------------------


def _bakery_workbook() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(strategy_to_xlsx(BAKERY))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _measurement_workbook(rows: list[str], dimension: str = "A1:C3") -> dict[str, bytes]:
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{"".join(rows)}</sheetData></worksheet>'
    )
    parts = _bakery_workbook()
    plain = {n: c for n, c in parts.items() if not n.startswith("xl/worksheets/")}
    names = [n for n in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
    for name in names:
        plain[name] = sheet.encode()
    return plain


def _row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def _text(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER = _row(1, _text("A1", "kpi"), _text("B1", "date"), _text("C1", "value"))


def _workbook_mutations(seed: int) -> Iterator[tuple[str, bytes]]:
    parts = _bakery_workbook()
    sheet = "xl/worksheets/sheet5.xml"
    entity = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet>&a;</worksheet>'
    yield (
        "utf16-entity",
        _zip({**parts, sheet: entity.replace('"1.0"', '"1.0" encoding="UTF-16"').encode("utf-16")}),
    )
    yield "utf8-entity", _zip({**parts, sheet: entity.encode()})
    yield "malformed", _zip({**parts, sheet: b"<worksheet><sheetData><row>"})
    yield (
        "no-sheets",
        _zip(
            {
                **{n: c for n, c in parts.items() if not n.startswith("xl/worksheets/")},
                "xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheets/></workbook>',
            }
        ),
    )
    cells = {
        "bad-shared-string": '<c r="C2" t="s"><v>99999</v></c>',
        "not-a-number": '<c r="C2" t="n"><v>abc</v></c>',
        "nan-number": '<c r="C2"><v>NaN</v></c>',
        "inf-number": '<c r="C2"><v>1e999</v></c>',
        "bad-date": '<c r="C2" t="d"><v>2027-13-45</v></c>',
        "huge-date-serial": '<c r="B2" s="1"><v>99999999999</v></c>',
    }
    row = (_text("A2", "waste-share"), _text("B2", "2027-01-04"))
    for label, cell in cells.items():
        yield label, _zip(_measurement_workbook([HEADER, _row(2, *row, cell)]))
    yield (
        "dimension-millions",
        _zip(
            _measurement_workbook(
                [HEADER, _row(2, *row, '<c r="C2"><v>5</v></c>')], "A1:XFD1048576"
            )
        ),
    )
    yield (
        "value-far-down",
        _zip(_measurement_workbook([HEADER, _row(1_048_000, _text("A1048000", "x"))])),
    )
    yield "value-far-right", _zip(_measurement_workbook([HEADER, _row(2, _text("XFD2", "x"))]))
    yield "zip-bomb", _zip({**parts, "xl/media/zeros.bin": b"\0" * (70 * 1024 * 1024)})
    yield "not-a-zip", b"PK\x03\x04 not really"
    rng = random.Random(seed)
    good = strategy_to_xlsx(BAKERY)
    for index in range(12):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        yield f"byte-flips-{index}", bytes(damaged)


def workbook_cases(seed: int = 19) -> Iterator[Case]:
    """Crafted workbooks, each read by `convert` and by `track import`."""
    for name, content in _workbook_mutations(seed):
        yield Case(
            f"convert-xlsx-{name}",
            {"in.xlsx": content},
            ("convert", "{dir}/in.xlsx", "{dir}/out.yaml"),
        )
        yield Case(f"validate-xlsx-{name}", {"in.xlsx": content}, ("validate", "{dir}/in.xlsx"))
        yield Case(
            f"track-import-xlsx-{name}",
            {"in.xlsx": content, STRATEGY: BAKERY_TEXT.encode()},
            ("track", "import", "{dir}/in.xlsx", "--dir", "{dir}"),
        )


# -- tracking files ------------------------------------------------------------------------

HOSTILE_FIELDS = [
    "12",
    "12,5",
    "1.234",
    "1,234",
    "1.234,5",
    "nan",
    "inf",
    "-1e400",
    "9" * 5000,
    "=cmd|' /C calc'!A0",
    "+SUM(1)",
    "@x",
    "till\rexport",
    '"quoted, with comma"',
    "\x1b[31mred",
    "\x00",
    "",
    "é€",
    "2027-02-30",
    "99999-01-01",
    "x" * 600,
]


def csv_cases(seed: int = 19, count: int = 40) -> Iterator[Case]:
    """Seeded tracking files: rows of hostile fields, in `,` and `;` files, read by `track
    import`; and `track add` with hostile values and notes."""
    rng = random.Random(seed)
    for index in range(count):
        separator = rng.choice([",", ";", "\t"])
        lines = [separator.join(["kpi", "date", "value", "source", "note"])]
        for _ in range(rng.randint(1, 6)):
            width = rng.choice([5, 5, 5, 6, 3])
            fields = [
                "waste-share",
                "2027-01-04",
                *(rng.choice(HOSTILE_FIELDS) for _ in range(width - 2)),
            ]
            lines.append(separator.join(fields))
        content = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
        yield Case(
            f"track-import-csv-{index}",
            {"in.csv": content, STRATEGY: BAKERY_TEXT.encode()},
            ("track", "import", "{dir}/in.csv", "--dir", "{dir}"),
        )
    for index, value in enumerate(HOSTILE_FIELDS):
        note = rng.choice(HOSTILE_FIELDS)
        yield Case(
            f"track-add-{index}",
            {STRATEGY: BAKERY_TEXT.encode()},
            ("track", "add", "waste-share", "2027-01-04", value, "--note", note, "--dir", "{dir}"),
        )


# -- event logs ----------------------------------------------------------------------------

_XES_EVENT = (
    '<event><string key="concept:name" value="A"/>'
    '<date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>'
)
XES_LOGS = {
    "entity": b'<?xml version="1.0"?><!DOCTYPE log [<!ENTITY a "aaaa">]><log>&a;</log>',
    "utf16-entity": '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE log [<!ENTITY a "x">]>'
    "<log>&a;</log>".encode("utf-16"),
    "truncated": b"<log><trace><event>",
    "deep": b"<log>" + b"<list>" * 100_000 + b"</log>",
    "long-attribute": f'<log><trace><event><string key="k" value="{"v" * 5_000_000}"/></event>'
    "</trace></log>".encode(),
    "no-events": b"<log><trace/></log>",
    "bad-timestamp": (
        f"<log><trace>{_XES_EVENT.replace('2024-01-01', '2024-13-45')}</trace></log>".encode()
    ),
    "binary": bytes(range(256)) * 64,
}


def xes_cases() -> Iterator[Case]:
    """Hostile event logs read by `mine` with each XES scanner."""
    for scanner in ("compiled", "numpy"):
        for name, content in XES_LOGS.items():
            yield Case(
                f"mine-{scanner}-{name}",
                {"log.xes": content},
                ("mine", "{dir}/log.xes"),
                {"HEADWAY_XES_SCANNER": scanner},
            )


LOG_FIELDS = [
    "A",
    "",
    "\x1b[2Jcleared",
    "x" * 100_000,
    "nan",
    "2024-13-45 10:00",
    "99999-01-01",
    "1e400",
    '"unterminated',
    "a,b",
    "\x00",
    "é€",
]


def csv_log_cases(seed: int = 19, count: int = 12) -> Iterator[Case]:
    """Seeded CSV event logs with hostile cases, activities and timestamps, read by `mine`."""
    rng = random.Random(seed)
    for index in range(count):
        lines = ["case,activity,timestamp"]
        for row in range(rng.randint(1, 30)):
            stamp = f"2024-01-{1 + row % 28:02d} 10:00"
            fields = [f"c{row % 4}", "A", stamp]
            fields[rng.randrange(3)] = rng.choice(LOG_FIELDS)
            lines.append(",".join(fields))
        content = ("\n".join(lines) + "\n").encode("utf-8")
        yield Case(f"mine-csv-{index}", {"log.csv": content}, ("mine", "{dir}/log.csv"))
