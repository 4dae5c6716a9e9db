"""Headway against PM4Py (the peer) on every real log in ../shared/data/eventlogs/.

PM4Py is AGPL, so it is only a test peer (the optional `peer` extra). What is compared, and
PM4Py's conventions that make the comparison exact:

- activity counts: rows per `concept:name` of PM4Py's DataFrame (every event, every lifecycle
  transition: PM4Py's DataFrame functions do not filter on `lifecycle:transition`);
- DFG edge counts and mean/median times: `discover_dfg` / `discover_performance_dfg`, which
  sort stably by case and timestamp, ties in file order, as Headway does;
- variants: `get_variants`, which takes activities in the DataFrame's row order (its own sort
  is a no-op in PM4Py 2.7) - equal here because each trace in these files is in time order;
- case throughput: `get_all_case_durations` (last minus first event in row order), sorted.

Each log's headline figures are first checked against SOURCES.md; without PM4Py the test
then skips, saying so. PM4Py reads with its Rust importer `r4pm` when installed (the `peer`
extra installs it; it is ~8x faster) and one test also uses its lxml parser.
The logs are by their creators (see ../shared/data/eventlogs/SOURCES.md for DOIs).
"""

from __future__ import annotations

import importlib.util
import math
import os
import warnings
from pathlib import Path
from typing import Any

import pytest

from headway.mining import ProcessProfile, mine

# file: (cases, events, activities, variants) as published in SOURCES.md.
LOGS = {
    "bpic2012.xes.gz": (13087, 262200, 24, 4366),
    "bpic2013_incidents.xes.gz": (7554, 65533, 4, 1511),
    "bpic2013_closed_problems.xes.gz": (1487, 6660, 4, 183),
    "receipt_wabo_coselog.xes.gz": (1434, 8577, 27, 116),
    "sepsis.xes.gz": (1050, 15214, 16, 846),
    "bpic2020_DomesticDeclarations.xes.gz": (10357, 55628, 14, 90),
    "bpic2020_InternationalDeclarations.xes.gz": (6323, 70727, 33, 727),
    "bpic2020_PrepaidTravelCost.xes.gz": (2007, 17507, 29, 189),
    "bpic2020_RequestForPayment.xes.gz": (6760, 36072, 16, 77),
    "bpic2019_1t_per_variant.xes.gz": (11973, 338247, 42, 11973),
    "hospital_billing_1t_per_variant.xes.gz": (1020, 12506, 18, 1020),
}
LARGE = {"bpic2012.xes.gz", "bpic2019_1t_per_variant.xes.gz"}


def cases() -> list[Any]:
    return [
        pytest.param(name, marks=[pytest.mark.slow] if name in LARGE else [], id=name)
        for name in LOGS
    ]


def read_with_pm4py(path: Path, variant: str) -> Any:
    pm4py = pytest.importorskip("pm4py")
    os.environ.setdefault("PM4PY_SHOW_PROGRESS_BAR", "false")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pm4py.read_xes(str(path), variant=variant, show_progress_bar=False)


def pm4py_reader() -> str:
    """PM4Py's Rust importer when installed (fast), else its lxml `iterparse` default."""
    return "r4pm" if importlib.util.find_spec("r4pm") else "iterparse"


def assert_same_as_pm4py(profile: ProcessProfile, frame: Any) -> None:
    import pm4py

    activity_counts = frame["concept:name"].value_counts().to_dict()
    assert {a.activity: a.events for a in profile.activities} == activity_counts

    dfg, _, _ = pm4py.discover_dfg(frame)
    assert {(e.source, e.target): e.count for e in profile.edges} == dict(dfg)

    performance, _, _ = pm4py.discover_performance_dfg(frame)
    for edge in profile.edges:
        theirs = performance[(edge.source, edge.target)]
        assert math.isclose(edge.mean_s, theirs["mean"], rel_tol=1e-9, abs_tol=1e-6)
        assert math.isclose(edge.median_s, theirs["median"], rel_tol=1e-9, abs_tol=1e-6)

    variants = pm4py.get_variants(frame)
    assert {v.activities: v.cases for v in profile.variants} == {
        tuple(k): int(n) for k, n in variants.items()
    }

    durations = pm4py.get_all_case_durations(frame)
    assert len(durations) == len(profile.case_durations_s)
    assert all(
        math.isclose(ours, theirs, abs_tol=1e-6)
        for ours, theirs in zip(profile.case_durations_s, durations, strict=True)
    )


@pytest.mark.parametrize("name", cases())
def test_real_log_matches_sources_and_pm4py(shared_data: Path, name: str) -> None:
    """Headline figures as published; then, where PM4Py is installed, every compared table."""
    path = shared_data / "eventlogs" / name
    profile = mine(str(path))
    totals = profile.totals
    assert (totals.cases, totals.events, totals.activities, totals.variants) == LOGS[name]
    frame = read_with_pm4py(path, pm4py_reader())
    assert_same_as_pm4py(profile, frame)


def test_equal_to_pm4py_with_its_lxml_parser(shared_data: Path) -> None:
    path = shared_data / "eventlogs" / "receipt_wabo_coselog.xes.gz"
    frame = read_with_pm4py(path, "iterparse")
    assert_same_as_pm4py(mine(str(path)), frame)


def test_equal_to_pm4py_on_a_log_sorted_by_time_instead_of_case(tmp_path: Path) -> None:
    """A CSV in time order (cases interleaved): PM4Py's variants need the frame grouped by case,
    so it gets the frame sorted stably by case and time; its DFG sorts by itself."""
    pytest.importorskip("pm4py")
    import pandas as pd

    rows = []
    for case in range(60):
        for step, activity in enumerate(["A", "B", "C" if case % 3 else "D", "E"][: 2 + case % 3]):
            rows.append(
                (
                    f"c{case}",
                    activity,
                    pd.Timestamp("2024-01-01", tz="UTC")
                    + pd.Timedelta(minutes=7 * case + 31 * step + (case % 5)),
                )
            )
    frame = pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp"])
    frame = frame.sort_values("time:timestamp", kind="stable").reset_index(drop=True)
    path = tmp_path / "by_time.csv"
    frame.to_csv(path, index=False)
    grouped = frame.sort_values(["case:concept:name", "time:timestamp"], kind="stable")
    assert_same_as_pm4py(mine(str(path)), grouped)
