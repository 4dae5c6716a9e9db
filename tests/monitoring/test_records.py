"""The tracking files read back exactly what was written (values, notes with commas, quotes)."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway.monitoring.measurements import measurements_from_table
from headway.monitoring.records import Measurement, format_number, measurements_text
from headway.monitoring.tables import read_table

TEXT = st.text(alphabet=string.ascii_letters + string.digits + " ,;\"'é€-", max_size=30)
MEASUREMENT = st.builds(
    Measurement,
    kpi=st.sampled_from(["waste-share", "queue-minutes"]),
    date=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    source=TEXT.map(str.strip).filter(bool),
    value=st.floats(allow_nan=False, allow_infinity=False, width=64),
    note=TEXT.map(str.strip),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(MEASUREMENT, max_size=8, unique_by=lambda m: m.key))
def test_measurements_round_trip(
    tmp_path_factory: pytest.TempPathFactory, items: list[Measurement]
) -> None:
    path = tmp_path_factory.mktemp("rt") / "measurements.csv"
    path.write_text(measurements_text(items), encoding="utf-8")
    back = measurements_from_table(read_table(path), None, default_source="import")
    assert sorted(back) == sorted(items)


def test_format_number() -> None:
    assert format_number(3.0) == "3"
    assert format_number(0.1 + 0.2) == "0.30000000000000004"
    assert format_number(None) == ""
    assert float(format_number(1e-300)) == 1e-300
