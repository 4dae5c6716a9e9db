"""The compiled reader's columns for the profile give what the `events` view gives."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from headway.mining import mine, xes_compiled
from headway.mining.xes import read_xes

pytestmark = pytest.mark.skipif(
    not xes_compiled.available(), reason="the compiled XES scanner was not built here"
)


def event(activity: str, minute: int, lifecycle: str, resource: str = "r1") -> str:
    return (
        f'<event><string key="concept:name" value="{activity}"/>'
        f'<date key="time:timestamp" value="2024-01-01T09:{minute:02d}:00+01:00"/>'
        f'<string key="org:resource" value="{resource}"/>'
        f'<string key="lifecycle:transition" value="{lifecycle}"/></event>'
    )


def trace(name: str | None, *events: str) -> str:
    named = f'<string key="concept:name" value="{name}"/>' if name is not None else ""
    return f"<trace>{named}{''.join(events)}</trace>"


def profiles(tmp_path: Path, traces: list[str]) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """(profile from the reader's columns, profile from the view, whether columns were made)."""
    path = tmp_path / "log.xes.gz"
    path.write_bytes(gzip.compress(f"<log>{''.join(traces)}</log>".encode()))
    log = read_xes(str(path), scanner="compiled")
    made = log.columns is not None
    try:
        direct = mine(log, max_variants=None).to_dict(variants=100)
        log.columns = None
        viewed = mine(log, max_variants=None).to_dict(variants=100)
    finally:
        log.close()
    return direct, viewed, made


def test_repeated_case_names_unused_traces_and_lifecycle_spellings_match_the_view(
    tmp_path: Path,
) -> None:
    traces = [
        trace("c1", event("A", 1, "start"), event("A", 5, "Complete"), event("B", 9, "complete")),
        trace("empty"),
        trace("c2", event("B", 2, "COMPLETE", "r2"), event("A", 3, "complete")),
        trace("c1", event("C", 20, "complete", "r3")),  # the same case id again: one case
    ]
    direct, viewed, made = profiles(tmp_path, traces)
    assert made
    assert direct == viewed
    assert direct["totals"]["cases"] == 2
    assert direct["activities"][0]["activity"] == "A"
    assert direct["activities"][0]["executions"] == 2  # "Complete" pairs with "start"


def test_a_trace_without_a_name_is_left_to_the_view(tmp_path: Path) -> None:
    traces = [trace(None, event("A", 1, "complete")), trace("c2", event("B", 2, "complete"))]
    direct, viewed, made = profiles(tmp_path, traces)
    assert not made
    assert direct == viewed
    assert direct["totals"]["cases"] == 2
