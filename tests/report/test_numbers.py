"""Numbers in the business's locale and currency (CLDR via Babel)."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.report.numbers import DASH, Figure, Numbers, Unit, xlsx_cell


@pytest.mark.parametrize(
    ("locale", "money", "share", "number"),
    [
        ("en_IE", "€12,346", "12.5%", "1,234.5"),
        ("de_DE", "12.346\xa0€", "12,5\xa0%", "1.234,5"),
        ("fr_FR", "12\u202f346\xa0€", "12,5\xa0%", "1\u202f234,5"),
    ],
)
def test_money_shares_and_numbers_follow_the_locale(
    locale: str, money: str, share: str, number: str
) -> None:
    f = Numbers(locale, "EUR")
    assert f.money(12345.6) == money
    assert f.percent(0.125, 1) == share
    assert f.number(1234.5) == number


def test_missing_or_infinite_values_show_a_dash() -> None:
    f = Numbers("en_GB", "GBP")
    assert f.money(None) == DASH
    assert f.number(float("inf")) == DASH
    assert f.gap(None) == DASH
    assert f.money(-1200) == "-£1,200"


def test_each_unit_has_one_display_rule() -> None:
    f = Numbers("en_IE", "EUR")
    assert f.gap(0.3156) == "31.6%"
    assert f.score(0.841) == "84.1"
    assert f.hours(1249.6) == "1,250 h"
    assert f.days(12.46) == "12.5 days"
    assert f.months(14.0) == "14 months"
    assert f.text(1249.6, Unit.hours, with_unit=False) == "1,250"
    assert f.money(24480) == "€24,480"  # never rounded to hundreds
    assert f.header("NPV", Unit.money) == "NPV (EUR)"
    assert f.header("Saved", Unit.hours, per="a year") == "Saved (hours a year)"


def test_an_estimate_reads_likely_then_its_range() -> None:
    shown = Numbers("en_IE", "EUR").estimate(12300, 8000, 15000, Unit.money)
    assert shown.text == "€12,300 (€8,000 to €15,000)"
    assert shown.likely == Figure(12300, Unit.money, "€12,300")


def test_language_and_locale_are_separate() -> None:
    """An English report for a German business: German numbers, an English date."""
    f = Numbers("de_DE", "EUR", language="en")
    assert f.money(12345.6) == "12.346\xa0€"
    assert f.date(dt.date(2027, 1, 15)) == "15 January 2027"
    assert Numbers("de_DE", "EUR", language="de").date(dt.date(2027, 1, 15)) == "15. Januar 2027"


@pytest.mark.parametrize(("value", "unit"), [(0.841, Unit.score), (0.586, Unit.gap)])
def test_spreadsheet_formats_keep_the_digits_the_text_shows(value: float, unit: Unit) -> None:
    """`#,##0.0` showed 0.841 as 0.8; each unit's cell format shows what the text shows."""
    cell, number_format = xlsx_cell(value, unit)
    shown = Numbers("en_GB", "GBP").text(value, unit)
    assert cell is not None
    as_excel = f"{cell * 100:.1f}%" if number_format.endswith("%") else f"{cell:.1f}"
    assert as_excel == shown


def test_an_english_report_for_a_german_business() -> None:
    """The words' language and the numbers' locale are separate: English words, German numbers."""
    from headway.report import render_html
    from tests.conftest import TEMPLATES
    from tests.report.conftest import template_report

    report = template_report(TEMPLATES / "logistics.yaml")
    assert report.strategy.business.locale == "de_DE" and report.language == "en"
    html = render_html(report)
    assert '<html lang="en">' in html
    assert "15 January 2027" in html and "15. Januar 2027" not in html
    assert Numbers("de_DE", "EUR").money(report.plan.upfront_total) in html
