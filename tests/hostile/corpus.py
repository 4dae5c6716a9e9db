"""Hostile and extreme inputs, and the commands that read them.

Each `Case` is a set of files written into an empty folder and a command line run there. The
strategy documents are the bakery with one field made extreme; the workbooks and tracking files
come from a seeded generator, so every run tries the same inputs. `python -m tests.hostile.corpus`
runs them all and prints the counts (tried, refused cleanly, accepted and computed).
"""

from __future__ import annotations

import io
import random
import re
import signal
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from headway.cli import app
from headway.strategy.load import dump_strategy, load_strategy
from headway.strategy.xlsx import strategy_to_xlsx
from tests.conftest import TEMPLATES
from tests.strategy.test_xlsx_guard import archive as _zip

SECONDS = 30
"""Longest a command may run on one input."""
BAKERY_TEXT = (TEMPLATES / "bakery.yaml").read_text(encoding="utf-8")
BAKERY = load_strategy(TEMPLATES / "bakery.yaml")
STRATEGY = "headway.yaml"


@dataclass(frozen=True)
class Case:
    """Files to write (name -> bytes) and the command to run in their folder ({dir} is it)."""

    name: str
    files: dict[str, bytes]
    args: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """How a command ended on one input."""

    exit_code: int
    output: str
    traceback: str | None
    seconds_exceeded: bool
    files_changed: list[str]
    files_added: list[str] = field(default_factory=list)


class _TooLongError(Exception):
    pass


def run(case: Case, folder: Path) -> Outcome:
    """Write the case's files into `folder`, run its command in-process within `SECONDS`, and
    say how it ended and which of the files it changed."""
    for name, content in case.files.items():
        (folder / name).write_bytes(content)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    args = [a.replace("{dir}", str(folder)) for a in case.args]

    def stop(*_: Any) -> None:
        raise _TooLongError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(SECONDS)
    try:
        result = CliRunner().invoke(app, args, env=case.env)
    except _TooLongError:
        return Outcome(-1, "", None, True, [])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    exception = result.exception
    traceback = None
    if exception is not None and not isinstance(exception, SystemExit):
        traceback = f"{type(exception).__name__}: {exception}"[:500]
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    changed = sorted(n for n in before if after.get(n) != before[n])
    added = sorted(set(after) - set(before))
    return Outcome(result.exit_code, result.output, traceback, False, changed, added)


# -- strategy documents ---------------------------------------------------------------------


def _bakery_with(old: str, new: str) -> bytes:
    assert old in BAKERY_TEXT, old
    return BAKERY_TEXT.replace(old, new, 1).encode("utf-8")


def _yaml_mutations() -> Iterator[tuple[str, bytes]]:
    revenue = "annual_revenue: 780000"
    numbers = {
        "inf": ".inf",
        "minus-inf": "-.inf",
        "nan": ".nan",
        "1e308": "1.0e+308",
        "huge-int": "9" * 5000,
        "negative": "-1",
        "text": "lots",
        "list": "[1, 2]",
        "bool": "true",
        "null": "null",
    }
    for label, value in numbers.items():
        yield f"revenue-{label}", _bakery_with(revenue, f"annual_revenue: {value}")
    targets = [
        ("employees: 12", "employees: {}"),
        ("weight: 0.7", "weight: {}"),
        ("volume_per_period:", "volume_per_period: {} #"),
        ("baseline:", "baseline: {} #"),
        ("periods:", "periods: {} #"),
        ("gross_margin:", "gross_margin: {} #"),
        ("budget_total:", "budget_total: {} #"),
        ("ratio:", "ratio: {} #"),
    ]
    for old, template in targets:
        if old not in BAKERY_TEXT:
            continue
        for label, value in (("nan", ".nan"), ("inf", ".inf"), ("huge", "1.0e+300")):
            key = old.split(":")[0]
            yield f"{key}-{label}", _bakery_with(old, template.format(value))
    yield "locale-unknown", _bakery_with("locale: en_IE", "locale: xx_YY")
    yield "name-escape", _bakery_with("name: ", 'name: "\\e[31mred\\e[0m" #')
    yield "name-bell", _bakery_with("name: ", 'name: "a\\x07b" #')
    yield "name-surrogate", _bakery_with("name: ", 'name: "a\\uD800b" #')
    yield "alias-bytes", _alias_bomb(1_000, 30_000)
    yield "alias-count", _alias_bomb(200_000, 1)
    yield "deep-nesting", b"a: " + b"[" * 5000 + b"]" * 5000
    yield "python-tag", b"business: !!python/object/apply:os.system ['true']\n"
    yield "duplicate-keys", _bakery_with("employees: 12", "employees: 12\n  employees: 13")
    yield "not-a-mapping", b"- just\n- a list\n"
    yield "empty", b""
    yield "nul-bytes", b"business:\x00\n"
    yield "latin-1", BAKERY_TEXT.replace("Corner", "Caf\xe9").encode("latin-1", "replace")
    yield "two-documents", BAKERY_TEXT.encode() + b"\n---\na: 1\n"


def _alias_bomb(count: int, size: int) -> bytes:
    data = BAKERY_TEXT.split("\nassumptions:", 1)[0]
    lines = [data, "assumptions:", f"  - &big {'a' * size}"]
    lines += ["  - *big"] * count
    return ("\n".join(lines) + "\n").encode()


def _json_mutations() -> Iterator[tuple[str, bytes]]:
    text = dump_strategy(BAKERY, "json")
    revenue = re.search(r'"annual_revenue": [0-9.]+', text)
    assert revenue is not None
    for label, value in (
        ("nan", "NaN"),
        ("infinity", "Infinity"),
        ("1e400", "1e400"),
        ("huge-int", "9" * 5000),
        ("deep", "[" * 100_000 + "]" * 100_000),
    ):
        yield (
            f"json-revenue-{label}",
            text.replace(revenue.group(), f'"annual_revenue": {value}').encode(),
        )


def strategy_cases() -> Iterator[Case]:
    """Every hostile strategy document with `validate` and `convert` to a workbook."""
    long = dump_strategy(BAKERY).replace("assumptions:\n", f"assumptions:\n- {'y' * 40_000}\n", 1)
    documents = [*_yaml_mutations(), ("assumption-40k", long.encode())]
    for name, content in documents:
        yield Case(f"validate-{name}", {STRATEGY: content}, ("validate", f"{{dir}}/{STRATEGY}"))
        yield Case(
            f"convert-{name}",
            {STRATEGY: content},
            ("convert", f"{{dir}}/{STRATEGY}", "{dir}/out.xlsx"),
        )
    for name, content in _json_mutations():
        yield Case(f"validate-{name}", {"s.json": content}, ("validate", "{dir}/s.json"))


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


def all_cases() -> list[Case]:
    """The whole corpus."""
    return [*strategy_cases(), *workbook_cases(), *csv_cases(), *xes_cases()]


def main() -> None:  # pragma: no cover - prints the figures for the closing note
    import tempfile
    import time

    tried = refused = accepted = tracebacks = slow = 0
    for case in all_cases():
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            outcome = run(case, Path(folder))
            tried += 1
            tracebacks += outcome.traceback is not None
            slow += outcome.seconds_exceeded
            if outcome.exit_code == 0:
                accepted += 1
            elif outcome.exit_code == 2 and outcome.traceback is None:
                refused += 1
            if outcome.traceback or outcome.seconds_exceeded or outcome.exit_code not in (0, 2):
                print(f"{case.name}: exit {outcome.exit_code} {outcome.traceback or ''}")
            print(f"{case.name}: {outcome.exit_code} {time.perf_counter() - started:.1f}s")
    print(
        f"tried {tried}, refused cleanly {refused}, accepted and computed {accepted}, "
        f"tracebacks {tracebacks}, over {SECONDS} s {slow}"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
