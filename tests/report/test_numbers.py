"""Numbers in the business's locale and currency (CLDR via Babel)."""

from __future__ import annotations

import pytest

from headway.report.numbers import DASH, Numbers


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
    assert f.points(0.219) == "21.9 pts"
    assert f.money(-1200) == "-£1,200"
