"""`headway mine`: tables, JSON, merging into a strategy, and errors without tracebacks."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway import load_strategy
from headway.cli import app

runner = CliRunner()

CSV = """id,step,at,who
1,Receive,2024-01-01 09:00,ann
1,Pack,2024-01-01 10:00,bob
2,Receive,2024-01-02 09:00,ann
2,Pack,2024-01-02 09:30,bob
2,Pack,2024-01-02 09:45,bob
"""
COLUMNS = ["--case", "id", "--activity", "step", "--timestamp", "at", "--resource", "who"]


@pytest.fixture
def csv_log(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_json_output_holds_the_documented_fields(csv_log: Path) -> None:
    result = runner.invoke(app, ["mine", str(csv_log), *COLUMNS, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {k: data["totals"][k] for k in ("events", "cases", "activities", "variants")} == {
        "events": 5,
        "cases": 2,
        "activities": 2,
        "variants": 2,
    }
    assert {a["activity"]: a["events"] for a in data["activities"]} == {"Receive": 2, "Pack": 3}
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    assert edges[("Receive", "Pack")]["count"] == 2
    assert edges[("Receive", "Pack")]["mean_s"] == 2700.0
    assert edges[("Pack", "Pack")]["median_s"] == 900.0
    assert data["candidates"][0]["activity"] in {"Receive", "Pack"}
    assert any("only 2 cases" in w for w in data["warnings"])


def test_tables_show_activities_and_candidates(csv_log: Path) -> None:
    result = runner.invoke(app, ["mine", str(csv_log), *COLUMNS], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "5 events, 2 cases, 2 activities, 2 variants" in result.output
    assert "automation candidates" in result.output
    assert "warning:" in result.output


def test_into_merges_the_picked_activity(csv_log: Path, tmp_path: Path, bakery_path: Path) -> None:
    document = tmp_path / "headway.yaml"
    shutil.copy(bakery_path, document)
    args = ["mine", str(csv_log), *COLUMNS, "--into", str(document), "--role", "counter"]
    result = runner.invoke(app, [*args, "--pick", "Pack"])
    assert result.exit_code == 0, result.output
    assert "added" in result.output and "pack" in result.output
    assert any(p.id == "pack" for p in load_strategy(document).processes)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--case", "nope"], "case column 'nope' is not in the file"),
        (["--into", "x.yaml"], "--into needs --role"),
        (["--period", "fortnight"], "unknown period"),
    ],
)
def test_bad_options_exit_2_with_a_message(csv_log: Path, args: list[str], message: str) -> None:
    base = ["--activity", "step", "--timestamp", "at"] if "--case" in args else COLUMNS
    result = runner.invoke(app, ["mine", str(csv_log), *base, *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_damaged_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "cut.xes.gz"
    path.write_bytes(gzip.compress(b'<?xml version="1.0"?><log><trace>' * 50)[:60])
    result = runner.invoke(app, ["mine", str(path)])
    assert result.exit_code == 2
    assert "damaged or truncated" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_empty_log_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "empty.xes"
    path.write_text('<?xml version="1.0"?><log xes.version="1.0"></log>', encoding="utf-8")
    result = runner.invoke(app, ["mine", str(path)])
    assert result.exit_code == 2
    assert "no events" in result.output


LONG = "Check the customer's delivery address against the postcode register"
TIMED = f"""id,step,at,who,life
1,Receive order,2024-01-01 09:00,system,complete
1,{LONG},2024-01-01 09:05,ann,start
1,{LONG},2024-01-01 09:17,ann,complete
2,Receive order,2024-01-02 09:00,system,complete
2,{LONG},2024-01-02 09:10,bob,start
2,{LONG},2024-01-02 09:19,bob,complete
"""


@pytest.mark.parametrize("width", ["80", "120"])
def test_at_80_and_120_columns_names_and_numbers_are_never_cut(tmp_path: Path, width: str) -> None:
    log = tmp_path / "timed.csv"
    log.write_text(TIMED, encoding="utf-8")
    args = ["mine", str(log), *COLUMNS, "--lifecycle", "life"]
    result = runner.invoke(app, args, env={"COLUMNS": width})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= int(width) for line in lines)
    assert "…" not in result.output
    flat = " ".join(" ".join(line.split()) for line in lines)
    for word in LONG.split():  # the name wraps at spaces, every word whole
        assert word in result.output
    assert "Most frequent variants (1 of 1)" in flat and "Busiest paths" in flat
    assert "Receive order → Check the customer's" in flat
    assert "hours/year" in flat and "at stake" in flat
    # The timed check (work) ranks above the receipt, a system event with assumed minutes.
    table = result.output[result.output.index("automation candidates") :]
    assert table.index("Check the") < table.index("Receive order")
    assert "5.0*" in table and "* assumed minutes" in table and "system" in table


def test_map_writes_the_process_map_as_svg(csv_log: Path, tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    result = runner.invoke(app, ["mine", str(csv_log), *COLUMNS, "--map", str(target)])
    assert result.exit_code == 0, result.output
    drawn = target.read_text(encoding="utf-8")
    assert drawn.startswith("<svg") and "<title" in drawn and "<desc" in drawn
    assert "Receive" in drawn and "Pack" in drawn
    assert f"wrote process map {target}" in " ".join(result.output.split())


def test_map_onto_the_log_itself_is_refused_before_reading(csv_log: Path) -> None:
    before = csv_log.read_text(encoding="utf-8")
    result = runner.invoke(app, ["mine", str(csv_log), *COLUMNS, "--map", str(csv_log)])
    assert result.exit_code == 2
    assert "also an input" in result.output
    assert csv_log.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("as_json", [True, False])
def test_progress_of_a_long_run_reaches_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_json: bool
) -> None:
    from headway.cli import progress

    monkeypatch.setattr(progress, "AFTER", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.001)
    events = "".join(
        f'<event><string key="concept:name" value="A{i % 3}"/>'
        f'<date key="time:timestamp" value="2024-01-01T00:{i % 60:02d}:00Z"/></event>'
        for i in range(3000)
    )
    path = tmp_path / "log.xes.gz"
    path.write_bytes(gzip.compress(f"<log><trace>{events}</trace></log>".encode()))
    result = runner.invoke(app, ["mine", str(path), *(["--json"] if as_json else [])])
    assert result.exit_code == 0, result.output
    assert "mine: reading log.xes.gz" in result.stderr
    assert "mine: measuring activities, flow and variants: 3,000 events" in result.stderr
    assert "mine: done in" in result.stderr
    assert "mine:" not in result.stdout
    if as_json:
        assert json.loads(result.stdout)["totals"]["events"] == 3000


def test_progress_of_a_csv_read_counts_its_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from headway.cli import progress

    monkeypatch.setattr(progress, "AFTER", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.001)
    seen: list[str] = []
    original = progress.Progress.events_read

    def events_read(self: progress.Progress, count: int) -> None:
        original(self, count)
        seen.append(self.line())

    monkeypatch.setattr(progress.Progress, "events_read", events_read)
    rows = "".join(f"c{i % 50},A{i % 3},2024-01-01 00:{i % 60:02d}:00\n" for i in range(3000))
    path = tmp_path / "log.csv"
    path.write_text("case_id,activity,timestamp\n" + rows, encoding="utf-8")
    result = runner.invoke(app, ["mine", str(path), "--json"])
    assert result.exit_code == 0, result.output
    size = f"{path.stat().st_size / 1e6:,.1f} MB"
    assert seen and seen[-1].startswith(f"mine: reading log.csv: {size}, 3,000 events (")
    assert "mine: reading log.csv" in result.stderr
    assert "mine: measuring activities, flow and variants: 3,000 events" in result.stderr
    assert json.loads(result.stdout)["totals"]["events"] == 3000
