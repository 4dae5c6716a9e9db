"""Months and planning periods of a horizon."""

from __future__ import annotations

from headway.strategy.model import Horizon


def month_number(month: str) -> int:
    """`YYYY-MM` as a count of months since year 0 (so differences are month counts)."""
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def month_text(number: int) -> str:
    """Inverse of `month_number`."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def horizon_months(horizon: Horizon) -> tuple[int, int]:
    """First and last month (as `month_number`) covered by the horizon."""
    first = month_number(horizon.start)
    return first, first + horizon.periods * horizon.period.months - 1


def period_of_month(horizon: Horizon, month: str) -> int:
    """0-based period index holding `month` (may lie outside 0..periods-1)."""
    return (month_number(month) - month_number(horizon.start)) // horizon.period.months


def period_label(horizon: Horizon, period: int) -> str:
    """A readable label for a 0-based period: `2027-Q1` or `2027-01`."""
    first = month_number(horizon.start) + period * horizon.period.months
    if horizon.period.months == 1:
        return month_text(first)
    year, mon = divmod(first, 12)
    if mon % 3 == 0:
        return f"{year}-Q{mon // 3 + 1}"
    return f"{month_text(first)}+3m"
