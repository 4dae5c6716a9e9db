"""Merging mined activities into a strategy document, keeping the user's comments and edits.

The entries come from `headway.mining.into_strategy`; the merge is the workspace layer's
(`edits.merge_processes` applied by `changes.merge_mined_processes`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from headway import load_strategy
from headway.mining import ColumnMapping, MiningError, ProcessProfile, mine
from headway.mining.into_strategy import process_id
from headway.strategy.errors import StrategyError
from headway.workspace import FolderStore, Saved, merge_mined_processes


def merge_into_strategy(
    document: Path, profile: ProcessProfile, activities: list[str], role: str
) -> Saved:
    """Merge through the workspace layer, as `headway mine --into` does."""
    return merge_mined_processes(FolderStore.for_document(document), profile, activities, role)


ROWS = [
    "o1,Receive order,2024-01-04 09:00,ann,complete",
    "o1,Check stock,2024-01-04 09:10,bob,start",
    "o1,Check stock,2024-01-04 09:30,bob,complete",
    "o1,Check stock,2024-01-04 10:00,bob,start",
    "o1,Check stock,2024-01-04 10:20,bob,complete",
    "o2,Receive order,2024-03-04 09:00,ann,complete",
    "o2,Check stock,2024-03-04 09:05,dan,start",
    "o2,Check stock,2024-03-04 09:15,dan,complete",
]


@pytest.fixture
def profile(tmp_path: Path) -> ProcessProfile:
    path = tmp_path / "orders.csv"
    path.write_text("case,activity,time,who,life\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    mapping = ColumnMapping(
        case="case", activity="activity", timestamp="time", resource="who", lifecycle="life"
    )
    return mine(str(path), mapping=mapping)


@pytest.fixture
def document(tmp_path: Path, bakery_path: Path) -> Path:
    target = tmp_path / "headway.yaml"
    shutil.copy(bakery_path, target)
    return target


def test_process_ids_are_valid_strategy_ids() -> None:
    assert process_id("W_Completeren aanvraag") == "w-completeren-aanvraag"
    assert process_id("Prüfung (2.)") == "pr-fung-2"
    assert process_id("!!!") == "activity"
    assert len(process_id("x" * 300)) <= 64


def test_new_processes_are_added_with_measured_figures(
    document: Path, profile: ProcessProfile
) -> None:
    before = document.read_text(encoding="utf-8")
    result = merge_into_strategy(document, profile, ["Check stock"], role="counter")
    assert result.added == ("check-stock",)
    strategy = load_strategy(document)
    process = next(p for p in strategy.processes if p.id == "check-stock")
    # 3 executions over a 59.0-day log, scaled to a year and to the bakery's quarters.
    span = profile.totals.span_days
    assert process.volume_per_period == pytest.approx(3 * 365.25 / span * 3 / 12, abs=0.05)
    assert process.minutes_each == pytest.approx(20.0)  # median of 20, 20 and 10 minutes
    assert process.error_rate == 0.5  # one of its two cases repeats it
    assert process.source.value == "measured"
    assert process.role == "counter"
    after = document.read_text(encoding="utf-8")
    # Every line the user wrote (comments included) is still there.
    for line in before.splitlines():
        assert line in after
    assert "# mined from orders.csv" in after


def test_existing_processes_keep_the_users_edits(document: Path, profile: ProcessProfile) -> None:
    merge_into_strategy(document, profile, ["Check stock"], role="counter")
    text = document.read_text(encoding="utf-8")
    text = text.replace("name: Check stock", "name: Checking the stock shelf  # my words")
    document.write_text(text, encoding="utf-8")
    result = merge_into_strategy(document, profile, ["Check stock"], role="owner")
    assert (result.added, result.updated) == ((), ("check-stock",))
    after = document.read_text(encoding="utf-8")
    assert "name: Checking the stock shelf  # my words" in after
    process = next(p for p in load_strategy(document).processes if p.id == "check-stock")
    assert process.role == "counter"  # the user's choice stays


def test_assumed_minutes_are_marked_in_the_document(
    document: Path, profile: ProcessProfile
) -> None:
    merge_into_strategy(document, profile, ["Receive order"], role="counter")
    assert "# assumed: the log has no start/complete times" in document.read_text(encoding="utf-8")


def test_an_unknown_role_is_refused_and_the_file_untouched(
    document: Path, profile: ProcessProfile
) -> None:
    before = document.read_bytes()
    with pytest.raises(MiningError, match="role 'chef' is not in the document; pass --role"):
        merge_into_strategy(document, profile, ["Check stock"], role="chef")
    assert document.read_bytes() == before


def test_an_unknown_activity_gets_a_suggestion(document: Path, profile: ProcessProfile) -> None:
    with pytest.raises(MiningError, match="'Check stok' is not in the log; did you mean"):
        merge_into_strategy(document, profile, ["Check stok"], role="counter")


def test_an_invalid_document_is_reported_not_overwritten(
    tmp_path: Path, profile: ProcessProfile
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("business: {name: x}\n", encoding="utf-8")
    with pytest.raises(StrategyError):
        merge_into_strategy(broken, profile, ["Check stock"], role="counter")
    assert broken.read_text(encoding="utf-8") == "business: {name: x}\n"
