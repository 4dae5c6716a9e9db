"""Hostile and extreme inputs, and the commands that read them.

Each `Case` is a set of files written into an empty folder and a command line run there, in a
process of its own (`run`). The strategy documents are the bakery with one field made extreme
(refused) or at the edge of its range (valid, computed); the workbooks, tracking files and
event logs come from seeded generators, so every run tries the same inputs.
`python -m tests.hostile.corpus [FILE]` runs them all through every command that reads them and
prints the counts (inputs tried, refused cleanly, accepted and computed; FILE receives them).
"""

from __future__ import annotations

import io
import os
import random
import re
import signal
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from traceback import print_exc

from headway.cli import app
from headway.cli.app import EXIT_BUG
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
    """How a command ended on one input, as the user's shell would see it."""

    exit_code: int
    """The process's exit code; -N when signal N killed it (as `subprocess` reports it)."""
    output: str
    """What the command wrote to stdout and stderr."""
    traceback: str | None
    seconds_exceeded: bool
    files_changed: list[str]
    files_added: list[str] = field(default_factory=list)

    @property
    def signal(self) -> int | None:
        """The signal that ended the process, if one did (killed over time: SIGKILL)."""
        return -self.exit_code if self.exit_code < 0 else None


def run(case: Case, folder: Path) -> Outcome:
    """Write the case's files into `folder` and run its command there in a process of its own,
    stopped after `SECONDS`: what a user's shell sees (exit code, signal, output, time) and
    which of the files the command changed.

    The process is forked from this one (Headway already imported: a fresh interpreter takes
    seconds to start) and runs `headway` exactly as the installed script does: its exit code is
    the one `sys.exit` gives, an uncaught exception prints a traceback and exits 1, and a crash
    in a C library ends it by a signal.
    """
    for name, content in case.files.items():
        (folder / name).write_bytes(content)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    args = [a.replace("{dir}", str(folder)) for a in case.args]
    with tempfile.TemporaryFile() as captured:
        status, over = _forked(args, case.env, folder, captured.fileno())
        captured.seek(0)
        output = captured.read().decode("utf-8", "replace")
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    changed = sorted(n for n in before if after.get(n) != before[n])
    added = sorted(set(after) - set(before))
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    traceback = None
    if "Traceback (most recent call last)" in output or code == EXIT_BUG:
        traceback = output[-500:]
    return Outcome(code, output, traceback, over, changed, added)


def _forked(args: list[str], env: dict[str, str], folder: Path, out: int) -> tuple[int, bool]:
    """Run `headway ARGS` in a child process with stdout and stderr on `out`; return its wait
    status and whether it was killed for running over `SECONDS`."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.dup2(out, 1)
            os.dup2(out, 2)
            # the real descriptors, not a test runner's capture objects
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            os.chdir(folder)
            os.environ.update(env)
            app(args, prog_name="headway")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + SECONDS
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, False
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            return os.waitpid(pid, 0)[1], True
        time.sleep(0.005)


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


def _extreme_but_valid() -> Iterator[tuple[str, bytes]]:
    """Documents at the edges of every range: valid, so every command must compute them."""
    edges = {
        "budget-ceiling": ("budget_total: 16000", "budget_total: 1000000000000"),
        "budget-tiny": ("budget_total: 16000", "budget_total: 0.01"),
        "revenue-ceiling": ("annual_revenue: 780000", "annual_revenue: 1000000000000"),
        "volume-ceiling": ("volume_per_period: 2400", "volume_per_period: 1000000000"),
        "upfront-ceiling": (
            "upfront_cost: {low: 300, likely: 500, high: 1000}",
            "upfront_cost: {low: 1000000000000, likely: 1000000000000, high: 1000000000000}",
        ),
        "weight-tiny": ("weight: 0.3\n", "weight: 0.000000001\n"),
        "horizon-long": ("period: quarter\n  periods: 8", "period: month\n  periods: 120"),
        "in-flight-one": ("max_in_flight: 2", "max_in_flight: 1"),
    }
    for name, (old, new) in edges.items():
        yield f"edge-{name}", _bakery_with(old, new)


STRATEGY_COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("validate", "{doc}"),
    "show": ("show", "{doc}"),
    "evaluate": ("evaluate", "{doc}"),
    "plan": ("plan", "{doc}"),
    "frontier": ("frontier", "{doc}"),
    "ethics": ("ethics", "{doc}"),
    "report-html": ("report", "{doc}", "-o", "{dir}/out.html"),
    "report-xlsx": ("report", "{doc}", "-o", "{dir}/out.xlsx"),
    "convert": ("convert", "{doc}", "{dir}/out.xlsx"),
}
"""Every command that reads a strategy document, and how it is called on one."""
COMPUTED = ("evaluate", "plan", "frontier", "report-html", "report-xlsx")
"""The commands that compute (seconds each) rather than only read."""


def _document_cases(name: str, file: str, content: bytes, commands: list[str]) -> Iterator[Case]:
    for command in commands:
        args = tuple(a.replace("{doc}", f"{{dir}}/{file}") for a in STRATEGY_COMMANDS[command])
        yield Case(f"{command}-{name}", {file: content}, args)


def strategy_cases(sample: int | None = None, seed: int = 19) -> Iterator[Case]:
    """Every hostile strategy document read by every command that reads one.

    Without `sample`, every document goes through every command (`python -m
    tests.hostile.corpus`). With it (the test suite), every document is still validated and
    converted, a seeded `4 * sample` of the refused ones go through every other command too, and
    `sample` of the valid documents at the edges of the ranges are computed (seconds each)."""
    rng = random.Random(seed)
    long = dump_strategy(BAKERY).replace("assumptions:\n", f"assumptions:\n- {'y' * 40_000}\n", 1)
    refused = [*_yaml_mutations(), ("assumption-40k", long.encode())]
    everything = list(STRATEGY_COMMANDS)
    full = {n for n, _ in rng.sample(refused, 4 * sample)} if sample else {n for n, _ in refused}
    for name, content in refused:
        commands = everything if name in full else ["validate", "convert"]
        yield from _document_cases(name, STRATEGY, content, commands)
    for name, content in _json_mutations():
        yield from _document_cases(name, "s.json", content, ["validate", "plan", "report-html"])
    valid = list(_extreme_but_valid())
    computed = {n for n, _ in rng.sample(valid, sample)} if sample else {n for n, _ in valid}
    for name, content in valid:
        reading = [c for c in everything if c not in COMPUTED or name in computed]
        yield from _document_cases(name, STRATEGY, content, reading)


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


def all_cases(sample: int | None = None) -> list[Case]:
    """The whole corpus; `sample` limits the documents computed at length (`strategy_cases`)."""
    return [
        *strategy_cases(sample),
        *workbook_cases(),
        *csv_cases(),
        *xes_cases(),
        *csv_log_cases(),
    ]


EXPECTED_CODES = (0, 1, 2, 3)
"""Clean endings: success, the documented refusal (an open high ethics finding), bad input, the
environment in the way."""


def tally(outcomes: list[tuple[Case, Outcome]]) -> dict[str, int]:
    """The counts the closing note and bench/results/hostile.md give."""
    inputs = {tuple(sorted((n, hash(c)) for n, c in case.files.items())) for case, _ in outcomes}
    codes = [o.exit_code for _, o in outcomes]
    return {
        "inputs tried": len(inputs),
        "command runs": len(outcomes),
        "refused cleanly (exit 2)": sum(o.exit_code == 2 and not o.traceback for _, o in outcomes),
        "accepted and computed (exit 0)": codes.count(0),
        "documented refusal (exit 1)": codes.count(1),
        "environment (exit 3)": codes.count(3),
        "tracebacks": sum(o.traceback is not None for _, o in outcomes),
        "signals": sum(o.signal is not None and not o.seconds_exceeded for _, o in outcomes),
        f"over {SECONDS} s": sum(o.seconds_exceeded for _, o in outcomes),
        "refusals that changed a file": sum(
            o.exit_code != 0 and bool(o.files_changed or o.files_added) for _, o in outcomes
        ),
    }


def main() -> None:  # pragma: no cover - writes the figures for the closing note
    outcomes: list[tuple[Case, Outcome]] = []
    for case in all_cases():
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            outcome = run(case, Path(folder))
            outcomes.append((case, outcome))
            bad = outcome.traceback or outcome.exit_code not in EXPECTED_CODES
            note = f" {outcome.traceback or outcome.output[-300:]}" if bad else ""
            print(f"{case.name}: {outcome.exit_code} {time.perf_counter() - started:.1f}s{note}")
    counts = tally(outcomes)
    lines = [f"| {name} | {value:,} |" for name, value in counts.items()]
    print("\n".join(lines))
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
