"""The view-model of the guided start's result page: the first evaluation of the current
version and the template figures still assumed in the draft, those that move the plan most
first (each a background job, as on the other analysis pages)."""

from __future__ import annotations

from typing import Any

from headway.analysis.defaults import DEFAULT_SCENARIOS
from headway.web import jobs, models
from headway.web.draft_edits import working_document
from headway.web.jobs import JobView
from headway.web.store import published
from headway.workspace.store import Document

SHOWN_ASSUMPTIONS = 10
EVALUATION_SEED = 0
_SECTIONS = {"kpis": "KPI", "roles": "Role", "processes": "Process", "initiatives": "Initiative"}


def figure_label(document: Document, key: str) -> str:
    """`initiatives/pos/upfront_cost` -> `Initiative "Till system": upfront cost`."""
    parts = key.split("/")
    section, rest = parts[0], parts[1:]
    if section in _SECTIONS and rest:
        item: dict[str, Any] = next(
            (i for i in document.get(section, []) if i.get("id") == rest[0]), {}
        )
        where = f"{_SECTIONS[section]} “{item.get('name', rest[0])}”"
        rest = rest[1:]
    else:
        where = section.capitalize()
    words = [p.replace("_", " ") for p in rest if not p.isdigit()]
    return f"{where}: {', '.join(words)}" if words else where


def shown_value(value: Any) -> str:
    """A figure as text: a number, or a three-point estimate as best / likely / worst."""
    if isinstance(value, dict):
        return f"{value['low']:g} / {value['likely']:g} / {value['high']:g}"
    return f"{value:g}"


def evaluation_job(workspace: models.Workspace) -> JobView | None:
    """The background job evaluating the current version (as the API's `get_evaluation` with
    seed 0, so both share it), or None when nothing is published."""
    found = published(workspace)
    if found is None:
        return None
    sha256, document = found
    options = {"seed": EVALUATION_SEED, "scenarios": DEFAULT_SCENARIOS}
    return jobs.submit(workspace, "evaluation", document, options, sha256=sha256)


def assumptions_job(workspace: models.Workspace, draft: Document) -> JobView:
    """The background job ranking the draft's template figures by how much each moves the
    plan (seconds of re-evaluation: a page shows its progress, then its answer)."""
    return jobs.submit(workspace, "assumptions", draft, {"draft": draft})


def start_view(workspace: models.Workspace) -> dict[str, Any]:
    """Context for `start_result.html`: `job` (the evaluation's, None when nothing is
    published), `ranked` (its top initiatives once done), `assumptions_job`, `assumptions` (the
    largest swings, each with label, value and swings; None until that job is done),
    `assumption_count`, `revision`."""
    document, revision = working_document(workspace)
    swings_job = assumptions_job(workspace, document)
    found = swings_job.result if swings_job.done else None
    swings = found["swings"] if found is not None else []
    rows = [
        {
            "key": s["assumption"]["key"],
            "label": figure_label(document, s["assumption"]["key"]),
            "value": shown_value(s["assumption"]["value"]),
            "npv_down": s["npv"][0],
            "npv_up": s["npv"][1],
            "alignment_down": 100 * s["alignment"][0],
            "alignment_up": 100 * s["alignment"][1],
        }
        for s in swings[:SHOWN_ASSUMPTIONS]
    ]
    job = evaluation_job(workspace)
    evaluation = job.result if job is not None and job.done else None
    return {
        "job": job,
        "ranked": (evaluation or {}).get("initiatives", [])[:8],
        "assumptions_job": swings_job,
        "assumptions": rows if found is not None else None,
        "assumption_count": len(swings),
        "revision": revision,
        "currency": document.get("business", {}).get("currency", ""),
    }
