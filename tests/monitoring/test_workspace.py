"""The workspace on disk: opening, status records, and crash safety of writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from headway.monitoring.errors import TrackingError
from headway.monitoring.initiatives import initiative_states
from headway.monitoring.records import Status, StatusRecord
from headway.workspace import Workspace
from tests.monitoring.conftest import write


def test_open_without_strategy(tmp_path: Path) -> None:
    with pytest.raises(TrackingError, match="not a workspace"):
        Workspace.open(tmp_path)


def test_status_records_and_state(workspace: Workspace) -> None:
    records = [
        StatusRecord("e-invoicing", Status.planned, date(2027, 1, 4), "Tom"),
        StatusRecord("e-invoicing", Status.live, date(2027, 3, 1), "", 750.0, 35.0, "on time"),
    ]
    for record in records:
        assert workspace.record_status(record)
    assert not workspace.record_status(records[1])  # already there: nothing written
    assert workspace.status_records() == records
    state = initiative_states(workspace.strategy, workspace.status_records())["e-invoicing"]
    assert (state.status, state.go_live, state.owner) == (Status.live, date(2027, 3, 1), "Tom")
    assert state.estimated_upfront == pytest.approx((500 + 4 * 800 + 1500) / 6)
    assert state.upfront == 750.0
    assert state.first_year_spend == 750.0 + 12 * 35.0
    idle = initiative_states(workspace.strategy, [])["cloud-pos"]
    assert (idle.status, idle.go_live, idle.upfront) == (Status.idea, None, 4666.666666666667)


def test_unknown_initiative(workspace: Workspace) -> None:
    with pytest.raises(TrackingError, match="'robot' is not an initiative"):
        workspace.record_status(StatusRecord("robot", Status.live, date(2027, 1, 1)))


def test_status_spellings() -> None:
    assert Status.parse("In-Progress") is Status.in_progress
    assert Status.parse("in_progress") is Status.in_progress


def test_hand_edited_file_errors_name_the_row(workspace: Workspace) -> None:
    write(workspace.root / "initiatives.csv",
          "initiative,status,date,owner,actual_upfront,actual_recurring_per_month,note\n"
          "cloud-pos,live,2027-02-30,,,,\n")  # fmt: skip
    with pytest.raises(TrackingError) as caught:
        workspace.status_records()
    assert caught.value.problems[0].line == 2


def _big_import(path: Path, value: float, rows: int = 10_000) -> Path:
    lines = ["kpi,date,value,source,note"]
    first = date(1950, 1, 1).toordinal()
    lines += [
        f"waste-share,{date.fromordinal(first + i).isoformat()},{value},s," for i in range(rows)
    ]
    return write(path, "\n".join(lines) + "\n")


IMPORT = """
import os, sys, time
from headway.workspace import Workspace
if sys.argv[3] == "pause-before-rename":
    real = os.fsync
    def slow(fd):
        real(fd)
        open(sys.argv[4], "w").close()
        time.sleep(60)
    os.fsync = slow
Workspace.open(sys.argv[1]).import_measurements(sys.argv[2])
"""


def _run(workspace: Workspace, source: Path, mode: str, marker: Path) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-c", IMPORT, str(workspace.root), str(source), mode, str(marker)]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow
def test_killed_import_leaves_old_or_new_file(workspace: Workspace, tmp_path: Path) -> None:
    """A process killed while importing leaves measurements.csv whole: old or new, never half."""
    workspace.import_measurements(_big_import(tmp_path / "old.csv", 1.0))
    target = workspace.root / "measurements.csv"
    old = target.read_bytes()
    new_source = _big_import(tmp_path / "new.csv", 2.0)

    # 1. Killed after the new content is fully written to the temporary file, before the rename.
    marker = tmp_path / "paused"
    process = _run(workspace, new_source, "pause-before-rename", marker)
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert marker.exists(), "the import never reached the write"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert target.read_bytes() == old
    assert {m.value for m in workspace.measurements()} == {1.0}

    # 2. Killed at times spread over a whole import: each time the file is the old or the new.
    started = time.monotonic()
    _run(workspace, _big_import(tmp_path / "probe.csv", 1.0), "plain", marker).wait()
    duration = time.monotonic() - started
    new = None
    for step in range(3):
        process = _run(workspace, new_source, "plain", marker)
        time.sleep(duration * (0.5 + step * 0.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        content = target.read_bytes()
        assert content == old or content.count(b"\n") == old.count(b"\n")
        values = {m.value for m in workspace.measurements()}
        assert values in ({1.0}, {2.0})
        if values == {2.0}:
            new = content
            target.write_bytes(old)
    if new is not None:
        assert new == old.replace(b",1,s,", b",2,s,")


def test_measurements_of_a_dropped_kpi_are_kept(workspace: Workspace) -> None:
    write(workspace.root / "measurements.csv",
          "kpi,date,value,source,note\nold-kpi,2027-01-04,1,import,\n")  # fmt: skip
    workspace.add_measurement("waste-share", "2027-01-04", 9)
    assert [m.kpi for m in workspace.measurements()] == ["old-kpi", "waste-share"]
