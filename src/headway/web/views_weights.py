"""Weights by pairwise judgment: a screen per level (goals, evaluation criteria) with one slider
per pair, the live consistency ratio (htmx, with a "Check" button when scripts are off), the
judgment to revisit, and the group result. Saving records the person's judgments in the draft
through the workspace layer (`headway.workspace.judgments`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from headway.analysis.weights import criteria_weighting, goal_weighting
from headway.errors import HeadwayError
from headway.strategy.load import validate_data
from headway.web import drafts
from headway.web import weights_model as wm
from headway.web.access import Member, page_member
from headway.web.draft_edits import save_edit, working_document
from headway.web.errors import problems_of
from headway.workspace.judgments import LEVELS, level_items, record_judgments
from headway.workspace.store import Document

_TITLES = {"goals": "goals", "criteria": "evaluation criteria"}


def _labels(document: Document, level: str) -> list[str]:
    if level == "goals":
        return [str(g.get("title", g.get("id"))) for g in document.get("goals", [])]
    return [str(c.get("id")).replace("_", " ") for c in document["criteria"]["items"]]


def _current_weights(document: Document, level: str, ids: list[str]) -> list[float]:
    """The level's weights now (direct, equal or AHP), in `ids` order; equal when the document
    is not valid (the page still opens)."""
    try:
        strategy = validate_data(document, file="draft")
    except HeadwayError:
        return [1.0] * len(ids)
    derived = goal_weighting(strategy) if level == "goals" else criteria_weighting(strategy)
    return [derived.weights[item] for item in ids]


def _parse(request: HttpRequest, n: int) -> tuple[dict[wm.Pair, int], dict[str, str]]:
    positions: dict[wm.Pair, int] = {}
    errors: dict[str, str] = {}
    for i, j in wm.pairs(n):
        name = wm.field_name(i, j)
        raw = request.POST.get(name, "0").strip()[:10]
        try:
            value = int(raw)
        except ValueError:
            errors[name] = f"'{raw}' is not a slider position: a whole number from -8 to 8"
            continue
        if not -8 <= value <= 8:
            errors[name] = f"{value} is off the scale: a whole number from -8 to 8"
            continue
        positions[(i, j)] = value
    return positions, errors


def _context(
    member: Member, level: str, positions: dict[wm.Pair, int] | None, **extra: object
) -> dict[str, object]:
    document, revision = working_document(member.workspace)
    ids = level_items(document, level)
    me = member.user.get_username()
    if positions is None:
        positions = wm.respondent_positions(document, level, ids, me)
        positions = positions or wm.positions_from_weights(_current_weights(document, level, ids))
    labels = _labels(document, level)
    screen = wm.screen(document, level, ids, labels, me, positions)
    return {"member": member, "level": level, "title": _TITLES[level], "revision": revision,
            "levels": LEVELS, **screen, **extra}  # fmt: skip


def _level(level: str) -> str:
    if level not in LEVELS:
        raise Http404("no such level")
    return level


def weights(request: HttpRequest, workspace_id: int, level: str) -> HttpResponse:
    """The screen; POST with `action=check` recomputes without saving, `action=save` saves."""
    member = page_member(request)
    level = _level(level)
    if request.method != "POST":
        return render(request, "web/weights.html", _context(member, level, None))
    document, _ = working_document(member.workspace)
    ids = level_items(document, level)
    positions, errors = _parse(request, len(ids))
    if errors or request.POST.get("action") != "save":
        status = 400 if errors else 200
        context = _context(member, level, positions, errors=errors)
        return render(request, "web/weights.html", context, status=status)
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    me = member.user.get_username()
    judged = wm.judgments_of(ids, positions)
    try:
        save_edit(
            member, lambda doc, where: record_judgments(doc, level, me, judged, where), revision
        )
    except HeadwayError as exc:
        context = _context(member, level, positions, problems=problems_of(exc))
        status = 409 if isinstance(exc, drafts.DraftConflictError) else 400
        return render(request, "web/weights.html", context, status=status)
    messages.success(request, f"Your judgments of the {_TITLES[level]} are saved in the draft.")
    return redirect("weights", workspace_id=workspace_id, level=level)


@require_POST
def weights_check(request: HttpRequest, workspace_id: int, level: str) -> HttpResponse:
    """The consistency panel for the posted slider positions (for htmx; nothing is saved)."""
    member = page_member(request)
    level = _level(level)
    document, _ = working_document(member.workspace)
    positions, errors = _parse(request, len(level_items(document, level)))
    context = _context(member, level, positions, errors=errors)
    return render(request, "web/weights_consistency.html", context, status=400 if errors else 200)
