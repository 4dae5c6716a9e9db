"""The tracking files read back exactly what was written (values, notes with commas, quotes)."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway.monitoring.errors import TrackingError
from headway.monitoring.measurements import measurements_from_table
from headway.monitoring.records import (
    Measurement,
    Status,
    StatusRecord,
    format_number,
    measurements_text,
)
from headway.monitoring.tables import read_table
from headway.workspace import Workspace

# Separators, quotes, line breaks and formula starts: each must come back exactly.
TEXT = st.text(alphabet=string.ascii_letters + string.digits + " ,;\"'é€-\r\n\t=+@|", max_size=30)
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


def test_a_carriage_return_in_a_note_round_trips(workspace: Workspace) -> None:
    workspace.add_measurement("waste-share", "2027-03-01", "12", note="till\rexport")
    workspace.add_measurement("waste-share", "2027-04-01", "11", note='a\r\nb, "c"')
    text = (workspace.root / "measurements.csv").read_bytes().decode("utf-8")
    assert '"till\rexport"' in text
    notes = [m.note for m in workspace.measurements()]
    assert notes == ["till\rexport", 'a\r\nb, "c"']
    # The next entry still reads the file it wrote.
    assert workspace.add_measurement("waste-share", "2027-05-01", "10").added == 1


def test_formula_like_text_is_neutralised_in_the_files(workspace: Workspace) -> None:
    workspace.add_measurement("waste-share", "2027-03-01", "-3", source="=cmd|' /C calc'!A0")
    workspace.add_measurement("waste-share", "2027-04-01", "4", note="+SUM(1)")
    text = (workspace.root / "measurements.csv").read_bytes().decode("utf-8")
    assert "'=cmd|" in text and "'+SUM(1)" in text and ",-3," in text
    assert not any(field.startswith(("=", "+")) for field in text.replace("\n", ",").split(","))
    read = workspace.measurements()
    assert [m.source for m in read] == ["=cmd|' /C calc'!A0", "manual"]
    assert [m.note for m in read] == ["", "+SUM(1)"]
    assert [m.value for m in read] == [-3.0, 4.0]


def test_status_owner_and_note_round_trip(workspace: Workspace) -> None:
    initiative = workspace.strategy.initiatives[0].id
    record = StatusRecord(
        initiative, Status.planned, date(2027, 1, 5), "=HYPERLINK(x)", None, None, "a\rb"
    )
    assert workspace.record_status(record)
    assert workspace.status_records() == [record]


def test_control_characters_in_a_note_are_refused(workspace: Workspace) -> None:
    with pytest.raises(TrackingError, match="control character U\\+001B"):
        workspace.add_measurement("waste-share", "2027-03-01", "12", note="\x1b[31mred")
    assert not (workspace.root / "measurements.csv").exists()
