"""What the analysis pages ask the engine, as plain JSON a job can hash and a template can show.

A what-if is a few plain fields (`web/what_if.py`: limits, readiness, goal weights, initiatives
forced in or out); tracking data travels as plain rows, so a new measurement makes a new
question. The answer is the report's own sections (`headway.report.view`: the same tables, words
and charts as the PDF), turned into plain data, and a short summary of the plan for the
scenario comparison.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from headway.monitoring.projection import Track
from headway.monitoring.realization import Verdict
from headway.monitoring.records import Measurement, Status, StatusRecord
from headway.monitoring.status import Tracking
from headway.portfolio.results import Sensitivity
from headway.report.build import Report, build_report, with_tracking
from headway.report.numbers import Numbers
from headway.report.parts import Section
from headway.report.plan_sections import limits_table
from headway.report.view import context, numbers_for
from headway.strategy.model import DEFAULT_LOCALE, Strategy
from headway.web.what_if import apply_what_if, plan_settings
from headway.workspace.kept import Kept

_reports: Kept[tuple[str, str, int, dt.date], Report] = Kept(4)
"""The engine's results for a strategy (after the what-if), planner settings, seed and day,
without tracking data: each measurement pushed makes a new dashboard question, whose answer
needs only the tracking part computed again (seconds saved for a 200-initiative strategy)."""


def tracking_rows(tracking: Tracking) -> dict[str, list[list[Any]]]:
    """The workspace's tracking data as plain rows (part of a job's options)."""
    return {
        "measurements": [
            [m.kpi, m.date.isoformat(), m.source, m.value, m.note] for m in tracking.measurements
        ],
        "records": [
            [
                r.initiative,
                r.status.value,
                r.date.isoformat(),
                r.owner,
                r.actual_upfront,
                r.actual_recurring_per_month,
                r.note,
            ]
            for r in tracking.records
        ],
    }


def tracking_from_rows(rows: Mapping[str, list[list[Any]]]) -> Tracking:
    """The `Tracking` that `tracking_rows` wrote."""
    day = dt.date.fromisoformat
    return Tracking(
        measurements=[
            Measurement(k, day(d), s, float(v), n) for k, d, s, v, n in rows["measurements"]
        ],
        records=[
            StatusRecord(i, Status(s), day(d), o, up, rec, n)
            for i, s, d, o, up, rec, n in rows["records"]
        ],
    )


def report_answer(strategy: Strategy, options: Mapping[str, Any]) -> dict[str, Any]:
    """Run the report's engine calls on `strategy` under the options' what-if and return its
    sections as plain data, with the plan's summary (`plan`)."""
    what_if = options.get("what_if", {})
    changed, settings = apply_what_if(strategy, what_if), plan_settings(what_if)
    seed, made_on = int(options.get("seed", 0)), dt.date.fromisoformat(options["made_on"])
    sha = hashlib.sha256(changed.model_dump_json().encode("utf-8")).hexdigest()
    report = _reports.get(
        (sha, repr(settings), seed, made_on),
        lambda: build_report(changed, settings=settings, seed=seed, made_on=made_on),
    )
    rows = options.get("tracking")
    if rows:
        report = with_tracking(report, tracking_from_rows(rows))
    shown = context(report)
    chosen = report.plan
    return {
        "attention": attention(report),
        "signals": signals(report),
        "business": shown["business"],
        "horizon": shown["horizon"],
        "made_on": shown["made_on"],
        "sections": [_plain(section) for section in shown["sections"]],
        "plan": {
            "chosen": [d.initiative for d in chosen.selected],
            "names": {d.initiative: d.name for d in chosen.decisions},
            "value": chosen.value,
            "npv": chosen.npv,
            "upfront_total": chosen.upfront_total,
            "budget_total": chosen.budget_total,
            "status": str(chosen.status),
            "proof": chosen.proof,
            "limits_on_request": chosen.limits_on_request,
        },
    }


def attention(report: Report) -> list[str]:
    """What needs a person's attention, most pressing first, each a sentence with its numbers:
    KPIs off track, initiatives not delivering, open ethics findings, inconsistent judgments,
    KPIs no initiative moves."""
    return [text for found in attention_by_kind(report).values() for text in found]


def attention_by_kind(report: Report) -> dict[str, list[str]]:
    """`attention`'s sentences under their kind (the keys of `ATTENTION_KINDS`), in its order."""
    status = report.status
    names = {k.id: k.name for k in report.strategy.kpis}
    titles = {i.id: i.name for i in report.strategy.initiatives}
    found: dict[str, list[str]] = {kind: [] for kind in ATTENTION_KINDS}
    if status is not None:
        found["off_track"] = [
            f"KPI off track: {names.get(p.kpi, p.kpi)} (target {p.target:,.2f} {p.unit} by "
            f"{p.due.isoformat()}): {p.evidence}"
            for p in status.projections
            if p.verdict is Track.off_track
        ]
        found["not_delivering"] = [
            f"Initiative not delivering: {titles.get(r.initiative, r.initiative)} on "
            f"{names.get(r.kpi, r.kpi)}: {r.evidence}"
            for r in status.realizations
            if r.verdict is Verdict.not_delivering
        ]
    found["ethics"] = [
        f"Open ethics finding ({f.severity.value}) on {titles.get(f.initiative, f.initiative)}: "
        f"{f.message}"
        for f in report.findings
        if not f.resolved
    ]
    found["inconsistent"] = [note for note in report.evaluation.notes if "inconsistent" in note]
    found["uncovered"] = [
        f"No initiative moves the KPI {c.name} (weight {c.weight:.0%} of the strategy)."
        for c in report.evaluation.uncovered
        if c.unmoved
    ]
    return found


ATTENTION_KINDS = {
    "off_track": ("KPI off track", "KPIs off track"),
    "not_delivering": ("initiative not delivering", "initiatives not delivering"),
    "ethics": ("open ethics finding", "open ethics findings"),
    "inconsistent": ("inconsistent judgment", "inconsistent judgments"),
    "uncovered": ("KPI no initiative moves", "KPIs no initiative moves"),
}
"""The kinds of what needs attention, with their words for one and for several."""


def signals(report: Report) -> dict[str, Any]:
    """The dashboard's figures a consultant's overview lists per workspace, as text in the
    business's number format: the weighted share of the strategic gap the plan closes by the
    horizon's end (`31.6%`), the plan's value (its share of the weighted gap over the horizon,
    `34.9%`), the Alignment Index out of 100 with
    its verdict (None without tracking data), and how many things of each kind need attention."""
    f = numbers_for(report)
    index = report.status.index if report.status is not None else None
    return {
        "gap_closed": f.gap(report.plan.gap_closed_at_end),
        "plan_value": f.gap(report.plan.value),
        "alignment_index": (
            f"{f.number(index.score, 1)} ({index.verdict.value})" if index else None
        ),
        "attention": {kind: len(found) for kind, found in attention_by_kind(report).items()},
    }


def robustness_view(result: Mapping[str, Any], document: Mapping[str, Any]) -> dict[str, Any]:
    """A robustness job's answer as shown: `same`, the share of Monte Carlo scenarios whose
    optimal plan is the plan's set (percent), and `rows`: initiative name, in the plan or not,
    the share of scenarios whose optimal plan chooses it (percent) and, for one in the plan
    chosen in fewer than half of them, the word "fragile"; most often chosen first; `note`: how
    many of the scenarios asked for the time budget left out ("" when none)."""
    business = document["business"]
    f = Numbers(business.get("locale") or DEFAULT_LOCALE, business["currency"])
    names = {i["id"]: i["name"] for i in document.get("initiatives", [])}
    fragile = set(result["fragile_items"])
    items = sorted(result["items"], key=lambda i: (-i["share_of_scenarios"], i["initiative"]))
    rows = [
        [
            names.get(i["initiative"], i["initiative"]),
            "in" if i["in_plan"] else "out",
            f.percent(i["share_of_scenarios"]),
            "fragile" if i["initiative"] in fragile else "",
        ]
        for i in items
    ]
    same = f.percent(result["same_plan_share"])
    return {"same": same, "rows": rows, "note": result.get("note", "")}


def continued_view(result: Mapping[str, Any], document: Mapping[str, Any]) -> dict[str, str]:
    """A continued proof as shown: the proof in words, the plan value before and after (share of
    the weighted gap), and the initiatives it starts, stops and moves compared with the stopped
    plan."""
    business = document["business"]
    f = Numbers(business.get("locale") or DEFAULT_LOCALE, business["currency"])
    names = {i["id"]: i["name"] for i in document.get("initiatives", [])}
    change = result["change"]
    return {
        "proof": result["proof"],
        "value": f.gap(result["value"]),
        "stopped_value": f.gap(result["stopped_value"]),
        **{
            key: ", ".join(names.get(i, i) for i in change[key]) or "none"
            for key in ("starts", "stops", "moved")
        },
    }


def limits_view(result: Mapping[str, Any], document: Mapping[str, Any]) -> dict[str, Any]:
    """An `explain_limits` job's answer as shown: the report's table of what each limit is
    worth (size with its unit, the plan's value with it lifted as a share of the weighted gap,
    binding or not), as a section the page renders like the report's."""
    business = document["business"]
    f = Numbers(business.get("locale") or DEFAULT_LOCALE, business["currency"])
    found = [
        Sensitivity(**{**s, "dropped_if_cut": tuple(s["dropped_if_cut"])})
        for s in result["sensitivities"]
    ]
    table = limits_table(found, result["value"], f)
    return _plain(Section("limits-table", "What each limit is worth", tables=[table]))


def _plain(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "title": section.title,
        "paragraphs": list(section.paragraphs),
        "leads": [list(lead) for lead in section.leads],
        "chart": section.chart,
        "chart_caption": section.chart_caption,
        "bullets": list(section.bullets),
        "tables": [
            {
                "headers": list(t.headers),
                "rows": [list(row) for row in t.rows],
                "numeric": sorted(t.numeric),
                "caption": t.caption,
            }
            for t in section.tables
        ],
        "parts": [_plain(part) for part in section.parts],
    }
