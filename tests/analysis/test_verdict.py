"""Verdicts: harms are said, unpriced money is called "not priced", not "does not pay back"."""

from __future__ import annotations

from headway.analysis.verdict import verdict
from headway.numbers import Numbers

EUR = Numbers("en_IE", "EUR")


def test_unpriced_effects_make_the_money_not_priced_instead_of_not_returning() -> None:
    plain = verdict(0.05, -900, 0.2, EUR)
    assert plain.startswith("Doubtful") and "unlikely to return" in plain
    priced = verdict(0.05, -900, 0.2, EUR, unpriced=["gross-margin-pct"])
    assert "unlikely to return" not in priced
    assert priced.startswith("Worth considering, money not priced")
    assert "not the effect on gross-margin-pct" in priced
    strong = verdict(0.2, -900, 0.2, EUR, unpriced=["gross-margin-pct"])
    assert strong.startswith("Strategic, money not priced")


def test_money_that_pays_back_is_judged_as_before_even_when_unpriced() -> None:
    assert verdict(0.2, 5000, 0.95, EUR, unpriced=["x"]).startswith("Do it")


def test_harms_are_said_in_the_verdict() -> None:
    text = verdict(0.05, 100, 0.6, EUR, harms=["worsens driver-turnover by 2 % (-1.25 points)"])
    assert "It worsens driver-turnover by 2 % (-1.25 points)." in text


def test_the_verdict_uses_the_number_model() -> None:
    """The same figures as the tables: alignment to one decimal, the likely NPV in the locale."""
    text = verdict(0.1912, 35213, 1.0, EUR)
    assert "closes 19.1% of the weighted strategic gap" in text
    assert "likely NPV €35,213, 100% chance NPV > 0" in text
    german = verdict(0.1912, 35213, 1.0, Numbers("de_DE", "EUR"))
    assert "likely NPV 35.213\xa0€" in german
