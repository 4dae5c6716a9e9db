"""The strategy workbook: lossless round trip, located import errors, crafted workbooks refused."""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from headway.cli import app
from headway.strategy.load import dump_strategy, load_strategy, validate_data
from headway.strategy.model import Strategy
from headway.strategy.xlsx import strategy_from_xlsx, strategy_to_xlsx
from headway.strategy.xlsx_read import MAX_COLUMNS, MAX_PROBLEMS, MAX_ROWS
from tests.conftest import TEMPLATES
from tests.strategy.conftest import problems_of

TEMPLATE_PATHS = sorted(TEMPLATES.glob("*.yaml"))


def round_trip(strategy: Strategy) -> Strategy:
    return strategy_from_xlsx(strategy_to_xlsx(strategy), file="plan.xlsx")


def assert_identical(got: Strategy, expected: Strategy) -> None:
    """Equal as models and as YAML text (which also catches -0.0 and int/float drift)."""
    assert got == expected
    assert dump_strategy(got) == dump_strategy(expected)


def edited(strategy: Strategy, edit: Any) -> bytes:
    """The strategy's workbook after `edit(workbook)`, as a person would save it."""
    book = openpyxl.load_workbook(io.BytesIO(strategy_to_xlsx(strategy)))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column_of(sheet: Any, header: str) -> int:
    return next(c.column for c in sheet[1] if c.value == header)


def kitchen_sink(bakery: Strategy) -> Strategy:
    """The bakery with every part the templates leave empty: AHP judgments, readiness answers
    (and a respondent without any), ethics resolutions, optional texts, awkward text."""
    data = bakery.model_dump(mode="json")
    goal_ids = [g["id"] for g in data["goals"]]
    pairs = list(itertools.combinations(goal_ids, 2))
    data["goal_weighting"] = {
        "method": "ahp",
        "respondents": [
            {"name": "Owner", "comparisons": [{"a": a, "b": b, "ratio": 3} for a, b in pairs]},
            {"name": "Baker", "comparisons": [{"a": b, "b": a, "ratio": 0.2} for a, b in pairs]},
        ],
    }
    data["readiness"] = {
        "respondents": [
            {
                "name": "Ann",
                "role": "owner",
                "answers": {"culture-try-new": 4, "skills-daily-tools": 2},
            },
            {"name": "Bo", "role": "staff", "answers": {}},
        ]
    }
    first = data["initiatives"][0]
    first["description"] = '=HYPERLINK("http://evil.example","click")'
    first["ethics"]["redeployment_plan"] = "  Counter staff move to\r\ndecorating.  "
    first["ethics"]["resolutions"] = [
        {"rule": "personal-data", "by": "Owner", "why": "+ DPA signed", "date": "2027-02-03"}
    ]
    data["business"]["name"] = "@Crust ünïcode ☕ bakery"
    data["assumptions"].append("-5% waste is plausible\tper Smith (2024)")
    data["kpis"][0]["baseline"] = 0.1 + 0.2  # needs 17 significant digits
    data["kpis"][1]["baseline"] = -0.0
    return validate_data(data)


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
def test_every_template_round_trips(path: Path) -> None:
    strategy = load_strategy(path)
    assert_identical(round_trip(strategy), strategy)


def test_every_part_of_the_document_round_trips(bakery: Strategy) -> None:
    strategy = kitchen_sink(bakery)
    assert_identical(round_trip(strategy), strategy)


# -- property: any valid strategy made from a template survives the round trip ---------------


def test_text_that_looks_like_a_formula_is_written_as_quoted_text(bakery: Strategy) -> None:
    content = strategy_to_xlsx(kitchen_sink(bakery))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if "worksheets/" in n)
    assert b"<f>" not in xml and b"<f " not in xml
    sheet = openpyxl.load_workbook(io.BytesIO(content))["initiatives"]
    cell = sheet.cell(row=2, column=column_of(sheet, "description"))
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert cell.value.startswith("=HYPERLINK")


def test_choices_have_dropdowns_and_an_instructions_sheet_comes_first(bakery: Strategy) -> None:
    book = openpyxl.load_workbook(io.BytesIO(strategy_to_xlsx(bakery)))
    assert book.sheetnames[0] == "instructions"
    rules = book["initiatives"].data_validations.dataValidation
    assert any(rule.formula1 == '"low,medium,high"' for rule in rules)
    assert any(
        "initiatives" in (rule.formula1 or "")
        for rule in book["kpi_effects"].data_validations.dataValidation
    )


# -- import errors name sheet, row and column --------------------------------------------------


def test_wrong_types_are_reported_at_their_cells(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        sheet = book["initiatives"]
        sheet.cell(row=3, column=column_of(sheet, "upfront_cost.low"), value="cheap")
        sheet.cell(row=4, column=column_of(sheet, "mandatory"), value="perhaps")
        sheet = book["kpi_effects"]
        sheet.cell(row=2, column=column_of(sheet, "lag_periods"), value=1.5)

    problems = problems_of(edited(bakery, edit))
    where = {(p.file, p.line, p.column) for p in problems}
    initiatives = book_columns(bakery, "initiatives")
    assert ("plan.xlsx[initiatives]", 3, initiatives["upfront_cost.low"]) in where
    assert ("plan.xlsx[initiatives]", 4, initiatives["mandatory"]) in where
    assert (
        "plan.xlsx[kpi_effects]",
        2,
        book_columns(bakery, "kpi_effects")["lag_periods"],
    ) in where
    text = "\n".join(map(str, problems))
    assert "expected a number, got text 'cheap'" in text
    assert "expected TRUE or FALSE" in text
    assert "expected a whole number" in text
    assert "initiatives[1].upfront_cost.low" in text


def book_columns(strategy: Strategy, name: str) -> dict[str, int]:
    sheet = openpyxl.load_workbook(io.BytesIO(strategy_to_xlsx(strategy)))[name]
    return {c.value: c.column for c in sheet[1]}


def test_validation_problems_point_at_the_offending_cell(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        sheet = book["initiatives"]
        sheet.cell(row=2, column=column_of(sheet, "upfront_cost.low"), value=99999)
        book["process_effects"].cell(row=2, column=1, value="no-such-initiative")

    problems = problems_of(edited(bakery, edit))
    by_sheet = {p.file: p for p in problems}
    assert by_sheet["plan.xlsx[initiatives]"].line == 2
    assert "low <= likely <= high" in by_sheet["plan.xlsx[initiatives]"].message
    assert (
        "unknown initiative 'no-such-initiative'" in by_sheet["plan.xlsx[process_effects]"].message
    )


def test_reference_problems_point_at_the_offending_cell(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        sheet = book["goal_kpis"]
        sheet.cell(row=2, column=column_of(sheet, "kpi"), value="no-such-kpi")

    (problem,) = problems_of(edited(bakery, edit))
    assert (problem.file, problem.line) == ("plan.xlsx[goal_kpis]", 2)
    assert problem.column == book_columns(bakery, "goal_kpis")["kpi"]
    assert "unknown KPI 'no-such-kpi'" in problem.message


def test_unknown_sheets_columns_and_settings_are_named(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        book.create_sheet("kpi")["A1"] = "id"
        book["roles"].cell(row=1, column=9, value="wage")
        book["settings"].cell(row=2, column=1, value="business.nmae")

    text = "\n".join(map(str, problems_of(edited(bakery, edit))))
    assert "unknown sheet 'kpi'" in text
    assert "plan.xlsx[roles]:1:9: (document): column I (wage): unknown column 'wage'" in text
    assert "unknown setting 'business.nmae'" in text


def test_a_formula_cell_is_refused_not_evaluated(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        sheet = book["kpis"]
        sheet.cell(row=2, column=column_of(sheet, "target"), value="=B2*2")
        sheet.cell(row=3, column=column_of(sheet, "name"), value='=cmd|" /C calc"!A0')

    problems = problems_of(edited(bakery, edit))
    assert len(problems) == 2
    assert all(
        "cell holds a formula" in p.message and p.file == "plan.xlsx[kpis]" for p in problems
    )


def test_text_typed_in_a_number_column_stays_text(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        sheet = book["kpis"]
        cell = sheet.cell(row=2, column=column_of(sheet, "target"), value="=1+1")
        cell.data_type = "s"

    (problem,) = problems_of(edited(bakery, edit))
    assert "expected a number, got text '=1+1'" in problem.message


def test_a_huge_sheet_is_refused(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        sheet = book["assumptions"]
        for row in range(2, MAX_ROWS + 10):
            sheet.cell(row=row, column=1, value="x")

    (problem,) = problems_of(edited(bakery, edit))
    assert problem.file == "plan.xlsx[assumptions]"
    assert problem.line == MAX_ROWS + 9
    assert f"the limit is {MAX_ROWS:,} rows" in problem.message


def test_a_value_far_below_the_limit_is_refused_not_dropped(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        book["assumptions"].cell(row=MAX_ROWS + 500, column=1, value="x")

    (problem,) = problems_of(edited(bakery, edit))
    assert problem.line == MAX_ROWS + 500
    assert f"down to row {MAX_ROWS + 500:,}" in problem.message


def test_an_edited_workbook_reads_back_with_the_edits(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        sheet = book["kpis"]
        sheet.cell(row=2, column=column_of(sheet, "target"), value="16")  # typed as text
        sheet.cell(
            row=2, column=column_of(sheet, "due"), value=__import__("datetime").datetime(2028, 9, 1)
        )
        sheet.insert_rows(3)  # an empty row in the middle is skipped

    strategy = strategy_from_xlsx(edited(bakery, edit))
    assert strategy.kpis[0].target == 16
    assert strategy.kpis[0].due == "2028-09"
    assert len(strategy.kpis) == len(bakery.kpis)


# -- the convert command -------------------------------------------------------------------


def test_convert_round_trips_through_every_format(tmp_path: Path, bakery_path: Path) -> None:
    runner = CliRunner()
    chain = [bakery_path, tmp_path / "a.xlsx", tmp_path / "b.json", tmp_path / "c.xlsx"]
    chain.append(tmp_path / "d.yaml")
    for source, target in itertools.pairwise(chain):
        result = runner.invoke(app, ["convert", str(source), str(target)])
        assert result.exit_code == 0, result.output
    assert_identical(load_strategy(chain[-1]), load_strategy(bakery_path))


def test_convert_of_a_bad_workbook_changes_nothing(tmp_path: Path, bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        sheet = book["kpis"]
        sheet.cell(row=2, column=column_of(sheet, "baseline"), value="lots")

    source = tmp_path / "plan.xlsx"
    source.write_bytes(edited(bakery, edit))
    target = tmp_path / "headway.yaml"
    target.write_text("kept: as it was\n")
    result = CliRunner().invoke(app, ["convert", str(source), str(target)])
    assert result.exit_code == 2
    assert "plan.xlsx[kpis]:2:" in result.output
    assert target.read_text() == "kept: as it was\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["headway.yaml", "plan.xlsx"]


def test_a_sheet_wider_than_the_limit_is_refused(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        book["kpis"].cell(row=2, column=MAX_COLUMNS + 1, value="x")

    (problem,) = problems_of(edited(bakery, edit))
    assert problem.file == "plan.xlsx[kpis]"
    assert f"column BI; the limit is {MAX_COLUMNS} columns" in problem.message


def test_many_problems_are_counted_not_listed(bakery: Strategy) -> None:
    def edit(book: Any) -> None:
        for row in range(2, 300):
            book["kpis"].cell(row=row, column=MAX_COLUMNS, value="x")

    problems = problems_of(edited(bakery, edit))
    assert "column without a known header" in problems[0].message
    assert len(problems) == MAX_PROBLEMS + 1  # the rest are counted, not listed
    assert problems[-1].message == f"... and {298 - MAX_PROBLEMS:,} more problems"


def test_libreoffice_booleans_read_as_booleans(bakery: Strategy) -> None:
    """LibreOffice Calc saves TRUE/FALSE cells as the formulas =TRUE() and =FALSE() (seen when
    re-saving an exported workbook with LibreOffice 7.4); they are constants, not formulas."""

    def edit(book: Any) -> None:
        sheet = book["initiatives"]
        sheet.cell(row=2, column=column_of(sheet, "mandatory"), value="=TRUE()")
        sheet.cell(row=2, column=column_of(sheet, "ethics.data_export"), value="=FALSE()")

    strategy = strategy_from_xlsx(edited(bakery, edit))
    assert strategy.initiatives[0].mandatory is True
    assert strategy.initiatives[0].ethics.data_export is False
