"""The folder store: files a person can read and keep in git, and no lost update."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from headway.analysis.ethics import ethics_review
from headway.strategy.survey import default_survey
from headway.strategy.templates import template_path
from headway.workspace import (
    FolderStore,
    WorkspaceError,
    current_strategy,
    record_answers,
    resolve_finding,
)
from headway.workspace.folder import LOCK_FILE, STRATEGY_FILE

OPEN = [
    "marketplace-app/lock-in-without-export",
    "self-order-kiosk/hours-displaced-no-plan",
    "review-requests/legitimate-interest-test",
]
DAY = dt.date(2027, 1, 4)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    shutil.copyfile(template_path("bakery"), folder / STRATEGY_FILE)
    return folder


def holding_the_lock(pid: int, lock: Path) -> bool:
    """Whether process `pid` has the lock file open (it is waiting for, or holds, the lock)."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == str(lock) for fd in fds.iterdir())
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_three_parallel_resolutions_and_a_concurrent_edit_are_all_kept(root: Path) -> None:
    """Three `headway ethics --resolve` processes at once: each reads the document only once it
    holds the lock, so none loses another's resolution, nor the edit made while they waited."""
    store = FolderStore(root)
    headway = Path(sys.executable).with_name("headway")
    document = str(root / STRATEGY_FILE)
    with store.lock():
        resolve = ["ethics", document, "--date", DAY.isoformat(), "--resolve"]
        processes = [
            subprocess.Popen(
                [headway, *resolve, finding, "--by", f"person {n}", "--why", f"reason {n}"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for n, finding in enumerate(OPEN)
        ]
        deadline = time.monotonic() + 120
        while not all(holding_the_lock(p.pid, root / LOCK_FILE) for p in processes):
            assert time.monotonic() < deadline, "the processes never reached the lock"
            assert all(p.poll() is None for p in processes), "a process ended early"
            time.sleep(0.05)
        # While the three wait, another change lands (the same lock is re-entrant here).
        answers = dict.fromkeys(default_survey().question_ids, 4)
        record_answers(store, "Zoe", answers)
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode in (0, 1), err.decode()  # 1: a high finding still open
    strategy = current_strategy(store)
    resolved = {f.id: f.resolution.by for f in ethics_review(strategy) if f.resolution}
    for n, finding in enumerate(OPEN):
        assert resolved[finding] == f"person {n}"
    assert "Zoe" in [r.name for r in strategy.readiness.respondents]
    assert len(store.versions()) == 4


def test_every_version_is_kept_as_a_file_beside_an_index(root: Path) -> None:
    store = FolderStore(root)
    first = resolve_finding(store, OPEN[0], by="Ana", why="Export agreed.", on=DAY)
    second = resolve_finding(store, OPEN[1], by="Ana", why="Hours go to baking.", on=DAY)
    assert [v.number for v in store.versions()] == [1, 2]
    assert (root / "versions" / "headway-0002.yaml").read_text(encoding="utf-8") == (
        root / STRATEGY_FILE
    ).read_text(encoding="utf-8")
    assert store.version_document(1) != store.version_document(2)
    assert store.versions()[0].sha256 == first.version.sha256 != second.version.sha256
    with pytest.raises(WorkspaceError, match="no version 3"):
        store.version_document(3)


def test_the_edit_keeps_the_users_comments(root: Path) -> None:
    before = (root / STRATEGY_FILE).read_text(encoding="utf-8")
    resolve_finding(FolderStore(root), OPEN[1], by="Ana", why="Hours go to baking.", on=DAY)
    after = (root / STRATEGY_FILE).read_text(encoding="utf-8")
    # Only the kiosk's one-line `ethics` mapping changes (it becomes a block with the record).
    lost = [line for line in before.splitlines() if line not in after.splitlines()]
    assert lost == ["    ethics: {hours_displaced_per_year: 430}"]
    assert "          why: Hours go to baking." in after.splitlines()


def test_a_json_document_is_edited_as_json(tmp_path: Path) -> None:
    path = tmp_path / "strategy.json"
    data = FolderStore.for_document(template_path("bakery")).document()
    path.write_text(json.dumps(data), encoding="utf-8")
    store = FolderStore.for_document(path)
    resolve_finding(store, OPEN[0], by="Ana", why="Export agreed.", on=DAY)
    written = json.loads(path.read_text(encoding="utf-8"))
    market = next(i for i in written["initiatives"] if i["id"] == "marketplace-app")
    assert market["ethics"]["resolutions"][-1]["date"] == "2027-01-04"
    assert (tmp_path / "versions" / "strategy-0001.json").is_file()


def test_a_workbook_or_a_missing_document_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="workbook cannot be changed in place"):
        FolderStore.for_document(tmp_path / "s.xlsx").document()
    with pytest.raises(WorkspaceError, match="not a workspace"):
        FolderStore(tmp_path).document()


def test_a_hand_edited_invalid_document_names_the_line(root: Path) -> None:
    from headway.strategy.errors import StrategyError

    path = root / STRATEGY_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("employees: 12", "employees: -1"))
    with pytest.raises(StrategyError) as caught:
        FolderStore(root).document()
    assert caught.value.problems[0].line is not None


def test_a_document_over_the_size_limit_is_refused_before_reading(root: Path) -> None:
    from headway.strategy.errors import StrategyError

    with pytest.raises(StrategyError, match="larger than the limit of 1,000 bytes"):
        FolderStore(root, max_bytes=1000).document()
