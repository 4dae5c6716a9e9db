"""Measurement import: validation of the whole file, idempotence, replacement, formats."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from headway.monitoring.errors import TrackingError
from headway.monitoring.measurements import parse_value
from headway.monitoring.records import Measurement
from headway.workspace import Workspace
from tests.monitoring.conftest import write

GOOD = """kpi,date,value,source,note
waste-share,2027-01-04,9.1,stock sheet,
waste-share,2027-02-01,8.7,stock sheet,after new oven
online-order-share,2027-01-04,3.2,till,
"""


def files(ws: Workspace) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(ws.root.iterdir()) if p.suffix == ".csv"}


def test_import_adds_measurements_sorted(workspace: Workspace, tmp_path: Path) -> None:
    result = workspace.import_measurements(write(tmp_path / "in.csv", GOOD))
    assert (result.added, result.replaced, result.unchanged) == (3, 0, 0)
    assert workspace.measurements() == [
        Measurement("online-order-share", date(2027, 1, 4), "till", 3.2),
        Measurement("waste-share", date(2027, 1, 4), "stock sheet", 9.1),
        Measurement("waste-share", date(2027, 2, 1), "stock sheet", 8.7, "after new oven"),
    ]


def test_reimport_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", GOOD)
    workspace.import_measurements(source)
    before = files(workspace)
    result = workspace.import_measurements(source)
    assert (result.added, result.replaced, result.unchanged) == (0, 0, 3)
    assert files(workspace) == before
    assert "replacements.csv" not in before


def test_later_value_replaces_and_is_logged(workspace: Workspace, tmp_path: Path) -> None:
    workspace.import_measurements(write(tmp_path / "in.csv", GOOD))
    fixed = GOOD.replace("waste-share,2027-01-04,9.1", "waste-share,2027-01-04,9.4")
    result = workspace.import_measurements(write(tmp_path / "fixed.csv", fixed))
    assert (result.added, result.replaced, result.unchanged) == (0, 1, 2)
    assert [m.value for m in workspace.measurements() if m.date == date(2027, 1, 4)] == [3.2, 9.4]
    [logged] = workspace.replacements()
    assert (logged.kpi, logged.old_value, logged.new_value, logged.origin) == (
        "waste-share",
        9.1,
        9.4,
        "fixed.csv",
    )
    # The same correction again is a no-op, and the log keeps it once.
    workspace.import_measurements(tmp_path / "fixed.csv")
    assert len(workspace.replacements()) == 1


def test_same_day_other_source_is_a_second_measurement(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.import_measurements(write(tmp_path / "in.csv", GOOD))
    result = workspace.add_measurement("waste-share", "2027-01-04", "9.3", source="manual")
    assert result.added == 1
    assert len(workspace.measurements()) == 4


def test_every_bad_row_is_reported_and_nothing_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.import_measurements(write(tmp_path / "in.csv", GOOD))
    before = files(workspace)
    bad = (
        "kpi,date,value,source,note\n"
        "waste-share,2027-03-01,8.5,,\n"  # row 2 fine
        "wast-share,2027-03-01,8.5,,\n"  # row 3 unknown KPI
        "waste-share,2027-13-01,8.5,,\n"  # row 4 bad month
        "waste-share,2027-04-01,lots,,\n"  # row 5 not a number
        "waste-share,2027-05-01,,,\n"  # row 6 missing value
        "waste-share,03/05/2027,8,,\n"  # row 7 ambiguous date format
        "waste-share,2027-06-01,nan,,\n"  # row 8 not finite
    )
    with pytest.raises(TrackingError) as caught:
        workspace.import_measurements(write(tmp_path / "bad.csv", bad))
    found = [(p.line, p.path, p.column) for p in caught.value.problems]
    assert found == [
        (3, ("kpi",), 1),
        (4, ("date",), 2),
        (5, ("value",), 3),
        (6, ("value",), 3),
        (7, ("date",), 2),
        (8, ("value",), 3),
    ]
    text = str(caught.value)
    assert "did you mean 'waste-share'" in text
    assert "bad.csv:7:2: date: '03/05/2027' is not a date; write dates as YYYY-MM-DD" in text
    assert files(workspace) == before


def test_duplicate_rows_in_one_file(workspace: Workspace, tmp_path: Path) -> None:
    same = GOOD + "waste-share,2027-01-04,9.1,stock sheet,\n"
    assert workspace.import_measurements(write(tmp_path / "same.csv", same)).added == 3
    clash = GOOD + "waste-share,2027-01-04,9.9,stock sheet,\n"
    with pytest.raises(TrackingError) as caught:
        workspace.import_measurements(write(tmp_path / "clash.csv", clash))
    [problem] = caught.value.problems
    assert problem.line == 5
    assert "also on row 2 with value 9.1" in problem.message


def test_header_problems(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(TrackingError) as caught:
        workspace.import_measurements(write(tmp_path / "h.csv", "kpi,day,value,colour\n"))
    messages = [p.message for p in caught.value.problems]
    assert messages[0].startswith("no 'date' column")
    with pytest.raises(TrackingError, match="empty"):
        workspace.import_measurements(write(tmp_path / "e.csv", ""))


def test_semicolon_file_with_decimal_commas(workspace: Workspace, tmp_path: Path) -> None:
    text = "kpi;date;value\nwaste-share;2027-01-04;9,1\nwaste-share;2027-01-11;8,75%\n"
    workspace.import_measurements(write(tmp_path / "eu.csv", text))
    assert [m.value for m in workspace.measurements()] == [9.1, 8.75]


def test_wide_format(workspace: Workspace, tmp_path: Path) -> None:
    text = "date,waste-share,queue-minutes\n2027-01-04,9.1,6.5\n2027-01-11,,6.1\n"
    result = workspace.import_measurements(write(tmp_path / "wide.csv", text), source="till")
    assert result.added == 3
    assert {(m.kpi, m.source) for m in workspace.measurements()} == {
        ("waste-share", "till"),
        ("queue-minutes", "till"),
    }


def test_xlsx_import(workspace: Workspace, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kpi", "date", "value", "source", "note"])
    sheet.append(["waste-share", date(2027, 1, 4), 9.1, "stock sheet", None])
    sheet.append(["queue-minutes", "2027-01-04", 6, None, "rush"])
    sheet.append(["queue-minutes", "2027-01-11", "six", None, None])
    path = tmp_path / "in.xlsx"
    book.save(path)
    with pytest.raises(TrackingError) as caught:
        workspace.import_measurements(path)
    assert [(p.line, p.path) for p in caught.value.problems] == [(4, ("value",))]
    sheet.delete_rows(4)
    book.save(path)
    assert workspace.import_measurements(path).added == 2
    assert workspace.measurements()[0] == Measurement(
        "queue-minutes", date(2027, 1, 4), "import", 6.0, "rush"
    )


def test_xlsx_percent_cells_read_as_shown(workspace: Workspace, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kpi", "date", "value"])
    sheet.append(["waste-share", "2027-01-04", 0.07])
    sheet["C2"].number_format = "0.0%"
    book.save(tmp_path / "pct.xlsx")
    workspace.import_measurements(tmp_path / "pct.xlsx")
    assert workspace.measurements()[0].value == 7.0


def test_not_an_xlsx(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(TrackingError, match="not an XLSX workbook"):
        workspace.import_measurements(write(tmp_path / "x.xlsx", "kpi,date\n"))


def test_lower_is_better_values_are_stored_as_given(workspace: Workspace) -> None:
    # Direction changes what counts as better, never the stored value.
    workspace.add_measurement("queue-minutes", "2027-01-04", 5)
    assert workspace.measurements()[0].value == 5.0


def test_decimal_separators() -> None:
    assert parse_value("3,5", decimal_comma=True) == 3.5
    assert parse_value("1.234,5", decimal_comma=True) == 1234.5
    assert parse_value("1,234.5", decimal_comma=True) == 1234.5
    assert parse_value("3.5", decimal_comma=True) == 3.5
    assert parse_value("12.5%") == 12.5
    assert parse_value("1.234.567", decimal_comma=True) == 1234567
    assert parse_value("1,234", decimal_comma=True) == 1.234  # the file's own decimal mark
    assert parse_value("1.234") == 1.234


@pytest.mark.parametrize(("text", "decimal_comma"), [("1.234", True), ("1,234", False)])
def test_a_separator_that_may_group_or_mark_decimals_is_refused(
    text: str, decimal_comma: bool
) -> None:
    with pytest.raises(ValueError, match=r"ambiguous.*write 1234 or"):
        parse_value(text, decimal_comma=decimal_comma)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        # An ambiguous value is named at its row and column, never guessed.
        (
            "kpi;date;value\nwaste-share;2027-01-04;1.234,5\nwaste-share;2027-01-11;1.234\n",
            (3, 3, ("value",)),
            "ambiguous",
        ),
        # An extra separator would shift the values: the row is refused, not misread.
        (
            "kpi,date,value,source,note\nqueue-minutes,2028-02-01,12,5,a,\n",
            (2, None, ()),
            "6 fields but the header only 5",
        ),
    ],
    ids=["ambiguous-decimal", "extra-field"],
)
def test_a_row_that_could_be_misread_is_refused(
    workspace: Workspace,
    tmp_path: Path,
    text: str,
    where: tuple[int, int | None, tuple[str, ...]],
    message: str,
) -> None:
    with pytest.raises(TrackingError) as caught:
        workspace.import_measurements(write(tmp_path / "in.csv", text))
    (found,) = caught.value.problems
    assert (found.line, found.column, found.path) == where
    assert message in found.message
    assert not (workspace.root / "measurements.csv").exists()


def test_a_flood_of_bad_rows_is_capped(workspace: Workspace, tmp_path: Path) -> None:
    rows = "".join(f"waste-share,2027-01-{1 + i % 28:02d},x{i},s{i},\n" for i in range(300))
    with pytest.raises(TrackingError) as caught:
        workspace.import_measurements(
            write(tmp_path / "flood.csv", "kpi,date,value,source\n" + rows)
        )
    assert len(caught.value.problems) == 201
    assert caught.value.problems[-1].message == "... and 100 more problems; fix these first"
