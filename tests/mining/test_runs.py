"""Executions: start/complete pairing (first in, first out) and the waiting between them."""

from __future__ import annotations

import math
from pathlib import Path

from headway.mining import ColumnMapping, read_log
from headway.mining.frame import load_frame
from headway.mining.runs import Runs, executions

MAPPING = ColumnMapping(case="case", activity="activity", timestamp="time", lifecycle="life")


def runs_of(tmp_path: Path, rows: list[str]) -> tuple[Runs, list[str]]:
    path = tmp_path / "log.csv"
    path.write_text("case,activity,time,life\n" + "\n".join(rows) + "\n", encoding="utf-8")
    log = read_log(str(path), MAPPING)
    try:
        frame = load_frame(log.connection)
    finally:
        log.close()
    return executions(frame), frame.activity_names


def test_starts_and_completes_pair_first_in_first_out(tmp_path: Path) -> None:
    """Two overlapping Checks: the first start pairs with the first complete."""
    runs, names = runs_of(
        tmp_path,
        [
            "c,Check,2024-01-01 09:00,start",
            "c,Check,2024-01-01 09:10,start",
            "c,Check,2024-01-01 09:30,complete",
            "c,Check,2024-01-01 09:50,complete",
            "c,Check,2024-01-01 09:55,schedule",  # not an execution
        ],
    )
    assert [names[a] for a in runs.activity.tolist()] == ["Check", "Check"]
    assert runs.service_s.tolist() == [1800.0, 2400.0]
    # The second execution started (09:10) before the first ended (09:30): no waiting.
    assert math.isnan(runs.waiting_s[0]) and runs.waiting_s[1] == 0.0


def test_a_complete_without_its_start_has_no_service_time(tmp_path: Path) -> None:
    runs, _ = runs_of(
        tmp_path,
        [
            "c,Pack,2024-01-01 09:00,start",
            "c,Pack,2024-01-01 09:20,complete",
            "c,Pack,2024-01-01 10:00,complete",  # its start is missing
        ],
    )
    assert runs.service_s[0] == 1200.0 and math.isnan(runs.service_s[1])
    assert runs.waiting_s.tolist()[1] == 2400.0  # from 09:20 to 10:00


def test_without_lifecycles_every_event_is_one_execution(tmp_path: Path) -> None:
    runs, _ = runs_of(
        tmp_path,
        ["c,A,2024-01-01 09:00,", "c,B,2024-01-01 09:05,", "d,A,2024-01-01 08:00,"],
    )
    assert len(runs.case) == 3
    assert all(math.isnan(s) for s in runs.service_s.tolist())
    # Only A -> B in case c has a gap; case d's single event waits for nothing.
    assert [x for x in runs.waiting_s.tolist() if not math.isnan(x)] == [300.0]
    assert [x for x in runs.waiting_after_s.tolist() if not math.isnan(x)] == [300.0]
