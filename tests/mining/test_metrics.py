"""Metrics on a small log worked out by hand (times in seconds), and order independence."""

from __future__ import annotations

import importlib
import random
from datetime import date
from pathlib import Path

import pytest

from headway.mining import ColumnMapping, MiningError, ProcessProfile, mine

MAPPING = ColumnMapping(
    case="case", activity="activity", timestamp="time", resource="who", lifecycle="life"
)

# Two orders. o1: Receive, Check twice (rework), Ship. o2: Receive, Check, Ship.
# Rows are sorted by time across cases, as many systems export them.
ROWS = [
    "o1,Receive,2024-03-04 09:00,ann,complete",
    "o2,Receive,2024-03-04 09:00,ann,complete",
    "o2,Check,2024-03-04 09:05,dan,start",
    "o1,Check,2024-03-04 09:10,bob,start",
    "o2,Check,2024-03-04 09:15,dan,complete",
    "o1,Check,2024-03-04 09:30,bob,complete",
    "o1,Check,2024-03-04 10:00,bob,start",
    "o1,Check,2024-03-04 10:20,bob,complete",
    "o2,Ship,2024-03-04 11:15,cara,complete",
    "o1,Ship,2024-03-04 12:00,cara,complete",
]


def profile_of(tmp_path: Path, rows: list[str], name: str = "log.csv") -> ProcessProfile:
    path = tmp_path / name
    path.write_text("case,activity,time,who,life\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return mine(str(path), mapping=MAPPING)


@pytest.fixture
def profile(tmp_path: Path) -> ProcessProfile:
    return profile_of(tmp_path, ROWS)


def test_totals(profile: ProcessProfile) -> None:
    totals = profile.totals
    assert (totals.events, totals.cases, totals.activities, totals.variants) == (10, 2, 3, 2)
    assert totals.span_days == pytest.approx(3 / 24)


def test_directly_follows_graph_counts_every_event(profile: ProcessProfile) -> None:
    edges = {(e.source, e.target): (e.count, e.mean_s, e.median_s) for e in profile.edges}
    assert edges == {
        ("Receive", "Check"): (2, 450.0, 450.0),
        ("Check", "Check"): (4, 1200.0, 1200.0),
        ("Check", "Ship"): (2, 6600.0, 6600.0),
    }


def test_variants_and_throughput(profile: ProcessProfile) -> None:
    variants = {v.activities: (v.cases, v.share, v.mean_throughput_s) for v in profile.variants}
    assert variants == {
        ("Receive", "Check", "Check", "Check", "Check", "Ship"): (1, 0.5, 10800.0),
        ("Receive", "Check", "Check", "Ship"): (1, 0.5, 8100.0),
    }
    assert profile.case_durations_s == (8100.0, 10800.0)
    assert profile.throughput is not None
    assert profile.throughput.median_s == 9450.0
    assert profile.start_activities == {"Receive": 2}
    assert profile.end_activities == {"Ship": 2}
    assert [(a.period_start, a.cases) for a in profile.arrivals] == [(date(2024, 3, 1), 2)]


def test_start_and_complete_pair_into_executions(profile: ProcessProfile) -> None:
    check = profile.activity("Check")
    assert (check.events, check.cases, check.executions, check.repeats) == (6, 2, 3, 1)
    assert (check.rework_cases, check.rework_rate) == (1, 0.5)
    assert check.service_median_s == 1200.0
    assert check.service_mean_s == pytest.approx(1000.0)
    assert check.service_p90_s == pytest.approx(1200.0)
    # Waiting before Check: 600 (o1, first), 1800 (o1, second), 300 (o2).
    assert check.waiting_median_s == 600.0
    # Waiting after Check until the next execution starts: 1800 + 6000 + 7200 seconds.
    assert check.waiting_after_hours == pytest.approx(15000 / 3600)
    assert (check.resources, check.top_resource) == (2, "bob")
    assert check.top_resource_share == pytest.approx(2 / 3)
    assert (check.predecessors, check.successors) == (1, 1)


def test_activities_without_starts_have_no_service_time(profile: ProcessProfile) -> None:
    receive = profile.activity("Receive")
    assert (receive.executions, receive.service_median_s, receive.waiting_median_s) == (
        2,
        None,
        None,
    )
    assert receive.waiting_after_hours == pytest.approx(900 / 3600)
    ship = profile.activity("Ship")
    assert ship.waiting_median_s == 6600.0


def test_row_order_does_not_matter(tmp_path: Path, profile: ProcessProfile) -> None:
    shuffled = ROWS.copy()
    for seed in range(3):
        random.Random(seed).shuffle(shuffled)
        other = profile_of(tmp_path, shuffled, f"shuffled{seed}.csv")
        assert {k: v for k, v in other.to_dict().items() if k != "source"} == {
            k: v for k, v in profile.to_dict().items() if k != "source"
        }


def test_equal_timestamps_keep_their_file_order(tmp_path: Path) -> None:
    rows = [
        "c,B,2024-01-01 10:00,x,complete",
        "c,A,2024-01-01 09:00,x,complete",
        "c,C,2024-01-01 10:00,x,complete",
    ]
    found = profile_of(tmp_path, rows)
    assert found.variants[0].activities == ("A", "B", "C")
    reversed_ties = profile_of(tmp_path, [rows[2], rows[1], rows[0]], "r.csv")
    assert reversed_ties.variants[0].activities == ("A", "C", "B")


def test_small_logs_get_data_quality_warnings(profile: ProcessProfile) -> None:
    text = " ".join(profile.warnings)
    assert "only 2 cases" in text
    assert "covers 0.1 days" in text


def test_unknown_period_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("case,activity,time,who,life\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    with pytest.raises(MiningError, match="unknown period 'fortnight'"):
        mine(str(path), mapping=MAPPING, period="fortnight")


def test_activities_without_lifecycle_run_once_per_event_beside_paired_ones(
    tmp_path: Path,
) -> None:
    """Pairing start/complete for one activity must not drop activities that have no
    lifecycle values at all: each of their events is one execution."""
    rows = [
        "c1,Register,2024-01-01 09:00,ann,",
        "c1,Check,2024-01-01 09:10,bob,start",
        "c1,Check,2024-01-01 09:40,bob,complete",
        "c1,Register,2024-01-01 10:00,ann,",
    ]
    found = profile_of(tmp_path, rows)
    register = found.activity("Register")
    assert (register.executions, register.repeats, register.rework_cases) == (2, 1, 1)
    assert register.waiting_median_s == 1200.0  # 10:00 after Check ended at 09:40
    assert found.activity("Check").service_median_s == 1800.0


def test_a_tie_for_top_resource_goes_to_the_first_name(tmp_path: Path) -> None:
    rows = [
        "c1,Pack,2024-01-01 09:00,zoe,complete",
        "c2,Pack,2024-01-01 09:00,adam,complete",
        "c3,Pack,2024-01-01 09:00,mia,complete",
    ]
    pack = profile_of(tmp_path, rows).activity("Pack")
    assert (pack.resources, pack.top_resource, pack.top_resource_share) == (3, "adam", 1 / 3)


def test_events_without_a_time_come_last_and_measure_nothing(tmp_path: Path) -> None:
    """Only XES may leave out a time: such an event sorts last in its case (as in pandas)."""

    def event(name: str, time: str | None) -> str:
        stamp = f'<date key="time:timestamp" value="{time}"/>' if time else ""
        return f'<event><string key="concept:name" value="{name}"/>{stamp}</event>'

    path = tmp_path / "log.xes"
    path.write_text(
        '<log><trace><string key="concept:name" value="c1"/>'
        + event("B", None)
        + event("A", "2024-01-01T09:00:00Z")
        + event("C", "2024-01-01T10:00:00Z")
        + "</trace></log>",
        encoding="utf-8",
    )
    found = mine(str(path))
    assert found.variants[0].activities == ("A", "C", "B")
    edges = {(e.source, e.target): (e.count, e.mean_s) for e in found.edges}
    assert edges == {("A", "C"): (1, 3600.0), ("C", "B"): (1, 0.0)}
    assert found.case_durations_s == (3600.0,)
    assert found.activity("B").waiting_median_s is None


def test_a_log_read_in_small_batches_gives_the_same_profile(
    tmp_path: Path, profile: ProcessProfile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches are encoded one by one; their dictionaries merge into the same codes."""
    frame_module = importlib.import_module("headway.mining.frame")
    monkeypatch.setattr(frame_module, "BATCH_ROWS", 2)
    batched = profile_of(tmp_path, ROWS, "again.csv")
    assert {k: v for k, v in batched.to_dict().items() if k != "source"} == {
        k: v for k, v in profile.to_dict().items() if k != "source"
    }


def test_equally_frequent_variants_are_ordered_by_their_sequence(tmp_path: Path) -> None:
    rows = [
        "c1,Zeta,2024-01-01 09:00,x,complete",
        "c2,Alpha,2024-01-01 09:00,x,complete",
        "c2,Check,2024-01-01 10:00,x,complete",
        "c3,Alpha,2024-01-01 09:00,x,complete",
        "c3,Beta,2024-01-01 10:00,x,complete",
        "c3,Check,2024-01-01 11:00,x,complete",
        "c4,Alpha,2024-01-01 09:00,x,complete",
        "c4,Beta,2024-01-01 10:00,x,complete",
    ]
    found = [v.activities for v in profile_of(tmp_path, rows).variants]
    assert found == [
        ("Alpha", "Beta"),
        ("Alpha", "Beta", "Check"),
        ("Alpha", "Check"),
        ("Zeta",),
    ]
