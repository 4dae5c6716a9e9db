"""Numbers as the business writes them: its locale's separators and its currency (Babel, CLDR)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent

DASH = "–"
"""Shown where a number does not exist (e.g. no payback within the horizon)."""


def sentence(text: str) -> str:
    """An engine's note as a sentence: capital first letter, final full stop."""
    text = text.strip()
    if not text:
        return ""
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


@dataclass(frozen=True)
class Numbers:
    """Formats numbers for one business: `locale` like `en_IE`, `currency` an ISO 4217 code."""

    locale: str
    currency: str

    def money(self, amount: float | None, decimals: int = 0) -> str:
        """An amount in the currency, e.g. `€4,500` (en_IE) or `4.500 €` (de_DE)."""
        if amount is None or not math.isfinite(amount):
            return DASH
        pattern = Locale.parse(self.locale).currency_formats["standard"].pattern
        if decimals == 0:
            pattern = pattern.replace(".00", "")
        return format_currency(
            amount, self.currency, format=pattern, locale=self.locale, currency_digits=False
        )

    def number(self, value: float | None, decimals: int = 1) -> str:
        """A plain number with grouping, up to `decimals` decimals."""
        if value is None or not math.isfinite(value):
            return DASH
        pattern = "#,##0." + "#" * decimals if decimals else "#,##0"
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, share: float | None, decimals: int = 0) -> str:
        """A share 0-1 as a percentage, e.g. 0.125 -> `12.5%` with one decimal."""
        if share is None or not math.isfinite(share):
            return DASH
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        if decimals:
            pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals)
        return format_percent(share, format=pattern, locale=self.locale)

    def points(self, share: float | None) -> str:
        """A share of the weighted strategic gap (0-1) in points out of 100, e.g. `21.9 pts`."""
        if share is None or not math.isfinite(share):
            return DASH
        return f"{self.number(share * 100, 1)} pts"

    def d3_locale(self) -> str | None:
        """The locale's name as Vega's number formatter knows it (e.g. `de-DE`)."""
        return self.locale.replace("_", "-") if "_" in self.locale else None
