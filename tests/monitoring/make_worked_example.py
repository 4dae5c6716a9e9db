"""Regenerate the bakery's worked-example tracking data (deterministic, seeded).

    .venv/bin/python -m tests.monitoring.make_worked_example

A year of weekly KPI measurements (2027) for Corner Crust Bakery where e-invoicing (live
2027-03-01) delivers — paperwork hours drop 3.2 h/week at once, café debtor days drop 13 days
after its one-quarter lag — and the online shop (live 2027-04-05) does not: online share and
repeat customers keep to their old trend. The cloud till (live 2027-02-01) shortens the queue.
It also derives version 2 of the strategy (`headway-v2.yaml`) from the current bakery template
by the edits in `V2_EDITS`, so the two stay in step when the template changes.
`test_worked_example.py` checks that the shipped files equal this script's output.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np

from headway.monitoring.records import (
    Measurement,
    Status,
    StatusRecord,
    measurements_text,
    statuses_text,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "src/headway/strategy/templates/bakery-example"
SEED = 20270101


def _weeks() -> list[date]:
    first = date(2027, 1, 4)
    return [first + timedelta(weeks=w) for w in range(52)]


def measurements() -> list[Measurement]:
    """The example's measurements, rounded as a till or accounts export would give them."""
    rng = np.random.default_rng(SEED)
    weeks = _weeks()
    t = np.arange(len(weeks), dtype=float)

    def after(day: date) -> np.ndarray:
        return np.array([w >= day for w in weeks], dtype=float)

    weekly = {
        # KPI: (level, trend per week, noise sd, step changes (from, size), decimals)
        "online-order-share": 3.0 + 0.01 * t + rng.normal(0, 0.4, t.size),
        "repeat-customers": 20.0 + 0.02 * t + rng.normal(0, 1.5, t.size),
        "admin-hours-week": 28.0 - 3.2 * after(date(2027, 3, 1)) + rng.normal(0, 1.0, t.size),
        "wholesale-debtor-days": 38.0 - 13.0 * after(date(2027, 6, 1)) + rng.normal(0, 2, t.size),
        "queue-minutes": 7.0 - 1.6 * after(date(2027, 2, 1)) + rng.normal(0, 0.5, t.size),
    }
    result = [
        Measurement(
            kpi,
            day,
            "till" if kpi in ("online-order-share", "queue-minutes") else "accounts",
            round(float(v), 1),
        )
        for kpi, values in weekly.items()
        for day, v in zip(weeks, values, strict=True)
    ]
    # Monthly figures: waste counted by hand until August, margin from the monthly accounts.
    for month in range(1, 13):
        day = date(2027, month, 1)
        if month <= 8:
            value = round(float(9.0 + rng.normal(0, 0.5)), 1)
            result.append(Measurement("waste-share", day, "stock sheet", value))
        margin = round(float(60.0 + 0.05 * month + rng.normal(0, 0.4)), 1)
        result.append(Measurement("gross-margin-pct", day, "accounts", margin))
    return sorted(result)


def status_records() -> list[StatusRecord]:
    """The initiatives' history: three live, one in progress, one idea made live off-plan."""
    s = Status
    return [
        StatusRecord("cloud-pos", s.planned, date(2026, 12, 1), "Maya"),
        StatusRecord("cloud-pos", s.in_progress, date(2027, 1, 4), "Maya", 2000.0),
        StatusRecord("cloud-pos", s.live, date(2027, 2, 1), "Maya", 4900.0, 89.0),
        StatusRecord("e-invoicing", s.planned, date(2027, 1, 4), "Tom"),
        StatusRecord("e-invoicing", s.in_progress, date(2027, 2, 1), "Tom"),
        StatusRecord("e-invoicing", s.live, date(2027, 3, 1), "Tom", 750.0, 35.0),
        StatusRecord("online-shop", s.planned, date(2027, 1, 4), "Maya"),
        StatusRecord("online-shop", s.in_progress, date(2027, 3, 1), "Maya"),
        StatusRecord(
            "online-shop",
            s.live,
            date(2027, 4, 5),
            "Maya",
            3600.0,
            95.0,
            "launched with a flyer; few customers found it",
        ),
        StatusRecord(
            "route-planner",
            s.live,
            date(2027, 5, 3),
            "Sam",
            400.0,
            40.0,
            "bought by the driver without a goal behind it",
        ),
        StatusRecord("demand-forecast", s.planned, date(2027, 6, 1), "Maya"),
        StatusRecord("demand-forecast", s.in_progress, date(2027, 10, 4), "Maya", 1200.0),
    ]


V2_HEADER = """\
# Headway strategy, version 2 of the bakery's worked example (see docs/monitoring.md).
#
# A year on, online sales did not take off, the queue is shorter and a new administrator does the
# paperwork; the owner turns the bakery towards waste, margin and more café customers. Changes
# against bakery.yaml:
# - goals: grow-online weight 0.3 -> 0.1, cut-waste 0.25 -> 0.3, protect-margin 0.2 -> 0.35,
#   free-skilled-time 0.15 -> 0, faster-service dropped, new goal grow-wholesale (0.25) with the
#   new KPI wholesale-cafes;
# - kpis: waste-share target 5 -> 4; wholesale-cafes added;
# - constraints: budget_total 16000 -> 20000;
# - initiatives: wholesale-portal added (café ordering portal).
# Every number is still an editable ASSUMPTION, not a measurement of a real business.
"""

V2_EDITS = [
    (
        "    perspective: customer\n    weight: 0.3\n",
        "    perspective: customer\n    weight: 0.1\n",
    ),
    ("    perspective: process\n    weight: 0.25\n", "    perspective: process\n    weight: 0.3\n"),
    (
        "    perspective: financial\n    weight: 0.2\n",
        "    perspective: financial\n    weight: 0.35\n",
    ),
    ("    perspective: people\n    weight: 0.15\n", "    perspective: people\n    weight: 0.0\n"),
    (
        """\
  - id: faster-service
    title: Shorter queues at the morning rush
    perspective: customer
    weight: 0.1
    kpis:
      - {kpi: queue-minutes, weight: 0.6}
      - {kpi: customer-rating, weight: 0.4}
""",
        """\
  - id: grow-wholesale
    title: Supply more cafés
    perspective: financial
    weight: 0.25
    kpis:
      - {kpi: wholesale-cafes, weight: 1}
""",
    ),
    ("    baseline: 9\n    target: 5\n", "    baseline: 9\n    target: 4\n"),
    (
        "  - id: customer-rating\n",
        """\
  - id: wholesale-cafes
    name: Cafés supplied every week
    unit: cafés
    direction: increase
    baseline: 12
    target: 20
    due: 2028-12
  - id: customer-rating
""",
    ),
    ("goals: [grow-online, faster-service]}", "goals: [grow-online]}"),
    ("goals: [faster-service]}", "goals: []}"),
    (
        "  - id: cake-configurator\n",
        """\
  - id: wholesale-portal
    name: Online ordering portal for café customers
    category: online ordering
    upfront_cost: {low: 1500, likely: 2500, high: 4000}
    recurring_cost_per_month: {low: 30, likely: 50, high: 80}
    effort_days: {low: 5, likely: 8, high: 12}
    duration_periods: {low: 1, likely: 1, high: 1}
    risk: medium
    integration: medium
    scalability: high
    requires: [e-invoicing]
    process_effects:
      - {process: wholesale-invoicing, time_saved: {low: 0.1, likely: 0.2, high: 0.3}}
    kpi_effects:
      - {kpi: wholesale-cafes, change: {low: 2, likely: 4, high: 6}, lag_periods: 1}
    ethics: {personal_data: [café contact details, order history], lawful_basis: contract}
  - id: cake-configurator
""",
    ),
    ("  budget_total: 16000 ", "  budget_total: 20000 "),
]


def strategy_v2() -> str:
    """Version 2 of the bakery strategy: the template with `V2_EDITS` applied, each once."""
    text = (EXAMPLE.parent / "bakery.yaml").read_text("utf-8")
    body = text[text.index("schema_version:") :]
    for old, new in V2_EDITS:
        if body.count(old) != 1:
            raise ValueError(f"bakery.yaml changed: expected {old!r} exactly once")
        body = body.replace(old, new)
    return V2_HEADER + body


def main() -> None:
    """Write measurements.csv, initiatives.csv and headway-v2.yaml into the example folder."""
    EXAMPLE.mkdir(parents=True, exist_ok=True)
    (EXAMPLE / "measurements.csv").write_text(measurements_text(measurements()), "utf-8")
    (EXAMPLE / "initiatives.csv").write_text(statuses_text(status_records()), "utf-8")
    (EXAMPLE / "headway-v2.yaml").write_text(strategy_v2(), "utf-8")


if __name__ == "__main__":
    main()
