"""The number model: one unit and one display rule for every quantity Headway shows.

Every surface (the command line, the HTML/PDF report, the XLSX workbook, the web app) and the
engine's own sentences (verdicts) format numbers through `Numbers`, so a figure reads the same
everywhere. It sits beside `errors` and `settings` at the foundation, so every layer may import
it (`headway.report.numbers` re-exports it for the report's view-models):

| `Unit`   | engine value                  | shown as (en_IE, EUR) | XLSX cell          |
|----------|-------------------------------|-----------------------|--------------------|
| `money`  | currency amount               | `€24,480`             | `#,##0`            |
| `gap`    | share of the weighted gap 0-1 | `31.6%` (of the gap)  | `0.0%`             |
| `share`  | share 0-1                     | `58%`, `3.5%`         | `0.0%`             |
| `score`  | score 0-1                     | `84.1` (of 100)       | `0.0` (held 0-100) |
| `hours`  | hours                         | `1,250 h`             | `#,##0`            |
| `days`   | person-days                   | `12.5 days`           | `#,##0.0`          |
| `months` | months                        | `14.5 months`         | `#,##0.0`          |
| `count`  | whole number                  | `3`                   | `#,##0`            |
| `kpi`    | a KPI value in its own unit   | `1,234.57`            | `#,##0.00`         |

Money is whole units of the workspace currency in its locale (never rounded to hundreds);
numbers and dates follow the business locale (`business.locale`, e.g. `de_DE`); the words
around them are in the report language (`language`, English), so an English report for a German
business prints `15 January 2027` and `12.346 €`. An estimate is shown as its likely value with
the P10-P90 range of the Monte Carlo (`Numbers.estimate`). The module is pure (Babel only).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from babel import Locale
from babel.dates import format_date
from babel.localedata import exists as locale_exists
from babel.numbers import (
    NumberPattern,
    format_currency,
    format_decimal,
    format_percent,
    parse_pattern,
)

DASH = "–"
"""Shown where a number does not exist (e.g. no payback within the horizon)."""

REPORT_LANGUAGE = "en"
"""The language of report and terminal text (English; numbers and dates follow the locale)."""


class Unit(Enum):
    """What a number measures; each unit has exactly one display rule (see the module doc)."""

    money = "money"
    gap = "gap"
    share = "share"
    score = "score"
    hours = "hours"
    days = "days"
    months = "months"
    count = "count"
    kpi = "kpi"


XLSX_FORMATS: dict[Unit, str] = {
    Unit.money: "#,##0",
    Unit.gap: "0.0%",
    Unit.share: "0.0%",
    Unit.score: "0.0",
    Unit.hours: "#,##0",
    Unit.days: "#,##0.0",
    Unit.months: "#,##0.0",
    Unit.count: "#,##0",
    Unit.kpi: "#,##0.00",
}
"""The spreadsheet number format of each unit: it shows the same digits as the text rule."""

XLSX_SCALE: dict[Unit, float] = {Unit.score: 100.0}
"""Units whose spreadsheet cell holds the shown number, not the engine's (score: 0-100)."""

_DECIMALS: dict[Unit, int] = {
    Unit.money: 0,
    Unit.gap: 1,
    Unit.share: 1,
    Unit.score: 1,
    Unit.hours: 0,
    Unit.days: 1,
    Unit.months: 1,
    Unit.count: 0,
    Unit.kpi: 2,
}
_SUFFIX: dict[Unit, str] = {Unit.hours: " h", Unit.days: " days", Unit.months: " months"}

HEADER_UNITS: dict[Unit, str] = {
    Unit.gap: "% of weighted gap",
    Unit.share: "%",
    Unit.score: "0-100",
    Unit.hours: "hours",
    Unit.days: "person-days",
    Unit.months: "months",
    Unit.count: "count",
}
"""The unit named in a column header (money's is the currency code, a KPI's its own unit)."""


@dataclass(frozen=True)
class Figure:
    """One number as a view-model: the engine's value, its unit and how it is shown.

    `value` is in the engine's unit (money in the currency, shares 0-1, hours, ...), None when
    the number does not exist; `text` is the display string for the business's locale.
    """

    value: float | None
    unit: Unit
    text: str


@dataclass(frozen=True)
class Estimate:
    """An uncertain figure: the likely value with its P10-P90 range (10% and 90% quantiles of
    the Monte Carlo, or the low and high of a three-point estimate)."""

    likely: Figure
    low: Figure
    high: Figure

    @property
    def text(self) -> str:
        """`€12,300 (€8,000 to €15,000)`: likely first, then the range."""
        return f"{self.likely.text} ({self.low.text} to {self.high.text})"


def sentence(text: str) -> str:
    """An engine's note as a sentence: capital first letter, final full stop."""
    text = text.strip()
    if not text:
        return ""
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


@functools.lru_cache(maxsize=64)
def _locale(identifier: str) -> Locale:
    """The Babel locale of `identifier`, parsed once per process (every figure formats by it;
    parsing it again for each one was most of the time a report's text took)."""
    return Locale.parse(identifier)


@functools.lru_cache(maxsize=256)
def _pattern(pattern: str) -> NumberPattern:
    """A number pattern, parsed once per process (Babel parses a text pattern on every call)."""
    return parse_pattern(pattern)


def _exists(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


class Business(Protocol):
    """What the number model needs of a business (the strategy's `business` section)."""

    @property
    def locale(self) -> str: ...
    @property
    def currency(self) -> str: ...


@dataclass(frozen=True)
class Numbers:
    """Formats numbers for one business: `locale` like `en_IE` (separators, currency symbol,
    date order), `currency` an ISO 4217 code, `language` the language of the words around."""

    locale: str
    currency: str
    language: str = REPORT_LANGUAGE

    @classmethod
    def of(cls, business: Business) -> Numbers:
        """The number model of a strategy's business: its locale and currency."""
        return cls(business.locale, business.currency)

    def money(self, amount: float | None, decimals: int = 0) -> str:
        """An amount in the currency, e.g. `€4,500` (en_IE) or `4.500 €` (de_DE)."""
        if not _exists(amount):
            return DASH
        assert amount is not None
        pattern = _locale(self.locale).currency_formats["standard"].pattern
        if decimals == 0:
            pattern = pattern.replace(".00", "")
        return format_currency(
            amount,
            self.currency,
            format=_pattern(pattern),
            locale=_locale(self.locale),
            currency_digits=False,
        )

    def number(self, value: float | None, decimals: int = 1) -> str:
        """A plain number with grouping, up to `decimals` decimals."""
        if not _exists(value):
            return DASH
        assert value is not None
        pattern = "#,##0." + "#" * decimals if decimals else "#,##0"
        return format_decimal(value, format=_pattern(pattern), locale=_locale(self.locale))

    def percent(self, share: float | None, decimals: int = 0) -> str:
        """A share 0-1 as a percentage, e.g. 0.125 -> `12.5%` with one decimal."""
        if not _exists(share):
            return DASH
        assert share is not None
        pattern = _locale(self.locale).percent_formats[None].pattern
        if decimals:
            pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals)
        return format_percent(share, format=_pattern(pattern), locale=_locale(self.locale))

    def _share(self, share: float | None) -> str:
        """A share with at most one decimal: `58%`, `3.5%`."""
        if not _exists(share):
            return DASH
        assert share is not None
        pattern = _locale(self.locale).percent_formats[None].pattern
        return format_percent(
            share, format=_pattern(pattern.replace("#,##0", "#,##0.#")), locale=_locale(self.locale)
        )

    def gap(self, share: float | None) -> str:
        """A share of the weighted strategic gap (0-1) as a percentage with one decimal,
        e.g. 0.3156 -> `31.6%`; say "of the weighted gap" next to it (`HEADER_UNITS`)."""
        return self.percent(share, 1)

    def score(self, score: float | None) -> str:
        """A score 0-1 shown out of 100 with one decimal, e.g. 0.841 -> `84.1`."""
        return self.number(None if score is None else score * 100, 1)

    def hours(self, hours: float | None) -> str:
        """Hours, whole, with their unit: `1,250 h`."""
        return self.text(hours, Unit.hours)

    def days(self, days: float | None) -> str:
        """Person-days with one decimal and their unit: `12.5 days`."""
        return self.text(days, Unit.days)

    def months(self, months: float | None) -> str:
        """Months with one decimal and their unit: `14.5 months`."""
        return self.text(months, Unit.months)

    def text(self, value: float | None, unit: Unit, *, with_unit: bool = True) -> str:
        """`value` by the display rule of `unit`; hours, days and months carry their unit
        unless `with_unit` is False (in a table whose header names it)."""
        if unit is Unit.money:
            return self.money(value)
        if unit is Unit.gap:
            return self.gap(value)
        if unit is Unit.share:
            return self._share(value)
        if unit is Unit.score:
            return self.score(value)
        shown = self.number(value, _DECIMALS[unit])
        return shown + _SUFFIX.get(unit, "") if with_unit and _exists(value) else shown

    def figure(self, value: float | None, unit: Unit) -> Figure:
        """`value` as a view-model: the number, its unit and its text."""
        return Figure(value, unit, self.text(value, unit))

    def estimate(self, likely: float, low: float, high: float, unit: Unit) -> Estimate:
        """A likely value with its P10-P90 range, each by the rule of `unit`."""
        return Estimate(self.figure(likely, unit), self.figure(low, unit), self.figure(high, unit))

    def header(self, title: str, unit: Unit, *, per: str = "") -> str:
        """A column header with its unit: `NPV (EUR)`, `Hours saved (hours a year)`."""
        named = self.currency if unit is Unit.money else HEADER_UNITS.get(unit, "")
        named = f"{named} {per}".strip() if named else per
        return f"{title} ({named})" if named else title

    def date(self, day: dt.date) -> str:
        """A date in the report language, ordered as the locale's region writes it
        (`15 January 2027` for English under de_DE)."""
        return format_date(day, format="long", locale=self._date_locale())

    def _date_locale(self) -> str:
        territory = _locale(self.locale).territory
        mixed = f"{self.language}_{territory}" if territory else self.language
        return mixed if locale_exists(mixed) else self.language


def signed(numbers: Numbers, value: float) -> str:
    """A change in a KPI's own unit with its sign: `+1.25`, `-0.4`, `0`."""
    return ("+" if value > 0 else "") + numbers.text(value, Unit.kpi)


def xlsx_cell(value: float | None, unit: Unit) -> tuple[float | None, str]:
    """The value a spreadsheet cell holds for `value` in `unit`, and its number format."""
    scale = XLSX_SCALE.get(unit)
    held = value if value is None or scale is None else value * scale
    return held, XLSX_FORMATS[unit]
