"""The events-per-log bound (setting `mining_max_events`): every reader refuses a log past it,
naming the bound and the setting, and stops reading soon after the limit instead of reading on."""

from __future__ import annotations

import gzip
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from headway.cli import app
from headway.mining import MiningError, read_csv, read_parquet, read_xes, xes_compiled, xes_scan

EVENT = (
    '<event><string key="concept:name" value="A"/>'
    '<date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>'
)
SCANNERS = [
    "numpy",
    pytest.param(
        "compiled",
        marks=pytest.mark.skipif(not xes_compiled.available(), reason="compiled scanner not built"),
    ),
]


def xes_log(path: Path, events: int) -> Path:
    """An XES log of `events` events in one case; a small gzip bomb when `path` ends in .gz."""
    body = ("<log><trace>" + EVENT * events + "</trace></log>").encode()
    path.write_bytes(gzip.compress(body, compresslevel=9) if path.suffix == ".gz" else body)
    return path


@pytest.mark.parametrize("scanner", SCANNERS)
def test_an_xes_log_past_the_limit_is_refused_early(
    scanner: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xes_scan, "BLOCK_BYTES", 64 * 1024)
    path = xes_log(tmp_path / "log.xes", 100_000)
    seen: list[int] = []
    with pytest.raises(MiningError, match=r"more than 1,000 events.*mining_max_events"):
        read_xes(str(path), scanner=scanner, max_events=1_000, progress=lambda d, _: seen.append(d))
    # read in blocks: the refusal comes within the first few, not after the whole file
    assert seen and max(seen) < path.stat().st_size / 10
    log = read_xes(str(path), scanner=scanner, max_events=100_000)
    assert log.event_count == 100_000
    log.close()
    bomb = xes_log(tmp_path / "bomb.xes.gz", 100_000)
    with pytest.raises(MiningError, match=r"more than 99,999 events"):
        read_xes(str(bomb), scanner=scanner, max_events=99_999)


def test_a_csv_log_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    rows = "".join(f"c{i // 5},A{i % 5},2024-01-01 00:00:{i % 60:02d}\n" for i in range(5_000))
    path.write_text("case,activity,timestamp\n" + rows, encoding="utf-8")
    with pytest.raises(MiningError, match=r"more than 4,999 events.*mining_max_events"):
        read_csv(str(path), max_events=4_999)
    log = read_csv(str(path), max_events=5_000)
    assert log.event_count == 5_000
    log.close()


def test_a_parquet_log_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "log.parquet"
    duckdb.execute(
        "COPY (SELECT 'c' || (i // 5) AS case_id, 'A' AS activity, "
        "TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND AS timestamp FROM range(3000) t(i)) "
        f"TO '{path}' (FORMAT parquet)"
    )
    with pytest.raises(MiningError, match="more than 2,999 events"):
        read_parquet(str(path), max_events=2_999)
    log = read_parquet(str(path), max_events=3_000)
    assert log.event_count == 3_000
    log.close()


def test_mine_refuses_past_the_setting_and_says_how_to_change_it(tmp_path: Path) -> None:
    path = xes_log(tmp_path / "bomb.xes.gz", 5_000)
    runner = CliRunner()
    refused = runner.invoke(app, ["mine", str(path)], env={"HEADWAY_MINING_MAX_EVENTS": "4999"})
    assert refused.exit_code == 2, refused.output
    assert "more than 4,999 events" in refused.output
    assert "mining_max_events" in refused.output
    assert runner.invoke(app, ["mine", str(path)]).exit_code == 0
