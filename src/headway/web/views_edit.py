"""Editors for the strategy's goals, KPIs, roles, processes, initiatives and constraints, and the
automation catalogue (add an initiative in one step). Each save is a draft edit through the
workspace layer (`headway.workspace.items`); the engine's problems appear beside their field and
nothing is stored when it refuses."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from pydantic import BaseModel

from headway.errors import HeadwayError, Path
from headway.strategy.model import Constraints, Goal, Initiative, Kpi, Process, Role
from headway.strategy.templates import shipped_catalogue
from headway.web import drafts
from headway.web import editor_form as ef
from headway.web.access import page_member
from headway.web.draft_edits import save_edit, working_document
from headway.web.editor_pilot import GROUP as PILOT
from headway.web.editor_pilot import pilot_specs, with_pilot
from headway.web.errors import problems_of
from headway.web.field_errors import attach_problems
from headway.workspace.guided import open_assumptions
from headway.workspace.items import add_from_catalogue, item_index, remove_item, replace_item
from headway.workspace.store import Document

SECTIONS: dict[str, tuple[type[BaseModel], str, frozenset[str]]] = {
    "goals": (Goal, "Goals", frozenset()),
    "kpis": (Kpi, "KPIs", frozenset()),
    "roles": (Role, "Roles", frozenset()),
    "processes": (Process, "Processes", frozenset()),
    "initiatives": (Initiative, "Initiatives", frozenset({"ethics", "resources", "pilot"})),
    "constraints": (Constraints, "Constraints", frozenset({"resources"})),
}
NEW = "new"
WHOLE = "all"


def _section(section: str) -> tuple[type[BaseModel], str, frozenset[str]]:
    if section not in SECTIONS:
        raise Http404("no such section")
    return SECTIONS[section]


def editor_index(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Every section with its items, each a link to its editor."""
    member = page_member(request)
    document, revision = working_document(member.workspace)
    sections = [
        {
            "key": key,
            "title": title,
            "items": [
                (i.get("id"), i.get("name") or i.get("title")) for i in document.get(key, [])
            ],
        }
        for key, (_, title, _) in SECTIONS.items()
        if key != "constraints"
    ]
    context = {"member": member, "sections": sections, "revision": revision}
    return render(request, "web/editor_index.html", context)


def _good_when_high(document: Document, item: dict[str, Any]) -> dict[Path, bool]:
    directions = {k.get("id"): k.get("direction") for k in document.get("kpis", [])}
    effects = item.get("kpi_effects") or []
    found: dict[Path, bool] = {("kpi_effects", len(effects), "change"): True}
    for n, effect in enumerate(effects):
        found[("kpi_effects", n, "change")] = directions.get(effect.get("kpi")) != "decrease"
    return found


def _current_item(document: Document, section: str, item_id: str) -> dict[str, Any]:
    if section == "constraints":
        return dict(document.get("constraints") or {})
    if item_id == NEW:
        return {}
    at = item_index(document, section, item_id)
    if at is None:
        raise Http404("no such item")
    return dict(document[section][at])


def _page(
    request: HttpRequest,
    section: str,
    item_id: str,
    form: Any,
    lay: ef.Layout,
    revision: int,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    groups: list[dict[str, Any]] = [
        {"title": "", "fields": [form[s.name] for s in lay.specs if not s.group]}
    ]
    for name, count in lay.rows.items():
        for n in range(count):
            title = f"{ef._label(name)}: {'new row' if n == count - 1 else f'row {n + 1}'}"
            fields = [form[s.name] for s in lay.specs if s.group == name and s.path[1] == n]
            groups.append({"title": title, "fields": fields})
    pilot = [form[s.name] for s in lay.specs if s.group == PILOT]
    if pilot:
        title = "Pilot (optional: run first, then a go/no-go gate; leave empty for none)"
        groups.append({"title": title, "fields": pilot})
    context = {
        "member": page_member(request), "section": section, "title": SECTIONS[section][1],
        "item_id": item_id, "groups": groups, "form": form, "revision": revision, **extra,
    }  # fmt: skip
    return render(request, "web/editor_item.html", context, status=status)


def editor_item(
    request: HttpRequest, workspace_id: int, section: str, item_id: str
) -> HttpResponse:
    """One item's editor; POST saves it into the draft (or shows the problems by their field)."""
    member = page_member(request)
    model, _, skip = _section(section)
    document, revision = working_document(member.workspace)
    item = _current_item(document, section, item_id)
    lay = ef.layout(model, item, skip, _good_when_high(document, item))
    if section == "initiatives":
        lay.specs += pilot_specs(item)
    form_class = ef.form_class(lay.specs)
    if request.method != "POST":
        form = form_class(initial=ef.initial(lay.specs, item))
        _mark_assumed(form, lay.specs, document, section, item_id)
        return _page(request, section, item_id, form, lay, revision)
    form = form_class(request.POST)
    try:
        seen = int(request.POST.get("revision", ""))
    except ValueError:
        seen = -1
    if not form.is_valid():
        return _page(request, section, item_id, form, lay, revision, 400)
    edited = ef.updated_item(lay.specs, lay.rows, item, form.cleaned_data)
    if section == "initiatives":
        edited = with_pilot(edited, [s for s in lay.specs if s.group == PILOT], form.cleaned_data)
    target = None if item_id == NEW or section == "constraints" else item_id
    try:
        save_edit(
            member, lambda doc, where: replace_item(doc, section, target, edited, where), seen
        )
    except HeadwayError as exc:
        fields = _field_paths(lay.specs)
        attach_problems(form, exc, fields, strip=1 if section == "constraints" else 2)
        status = 409 if isinstance(exc, drafts.DraftConflictError) else 400
        return _page(request, section, item_id, form, lay, revision, status)
    messages.success(
        request, f"Saved in the draft: {SECTIONS[section][1]} · {edited.get('id', section)}."
    )
    return redirect("editor_index", workspace_id=workspace_id)


ASSUMED = (
    "Assumed: the template's figure, not checked yet. Confirm it on the start page or change it."
)


def _mark_assumed(
    form: Any, specs: list[ef.Spec], document: Document, section: str, item_id: str
) -> None:
    """Say beside each field that still holds a template figure that it is an assumption."""
    prefix = f"{section}/" if section == "constraints" else f"{section}/{item_id}/"
    assumed = [
        tuple(int(p) if p.isdigit() else p for p in a.key[len(prefix) :].split("/"))
        for a in open_assumptions(document)
        if a.key.startswith(prefix)
    ]
    for spec in specs:
        if any(spec.path[: len(path)] == path for path in assumed):
            field = form.fields[spec.name]
            field.help_text = f"{field.help_text} {ASSUMED}".strip()


def _field_paths(specs: list[ef.Spec]) -> dict[Path, str]:
    """Every path and each of its prefixes -> the first field at or under it."""
    found: dict[Path, str] = {}
    for spec in specs:
        for end in range(len(spec.path), 0, -1):
            found.setdefault(spec.path[:end], spec.name)
    return found


@require_POST
def editor_remove(
    request: HttpRequest, workspace_id: int, section: str, item_id: str
) -> HttpResponse:
    """Remove an item from the draft (refused while something refers to it)."""
    member = page_member(request)
    _section(section)
    try:
        seen = int(request.POST.get("revision", ""))
    except ValueError:
        seen = -1
    try:
        save_edit(member, lambda doc, where: remove_item(doc, section, item_id, where), seen)
    except HeadwayError as exc:
        for problem in problems_of(exc):
            messages.error(request, problem)
        return redirect("editor_index", workspace_id=workspace_id)
    messages.success(request, f"Removed from the draft: {item_id}.")
    return redirect("editor_index", workspace_id=workspace_id)


def catalogue(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The automation catalogue; POST adds the chosen entry as an initiative in the draft."""
    member = page_member(request)
    entries = shipped_catalogue().entries
    _, revision = working_document(member.workspace)
    if request.method != "POST":
        context = {"member": member, "entries": entries, "revision": revision}
        return render(request, "web/catalogue.html", context)
    entry_id = request.POST.get("entry", "")[:100]
    try:
        seen = int(request.POST.get("revision", ""))
    except ValueError:
        seen = -1
    try:
        edited = save_edit(
            member, lambda doc, where: add_from_catalogue(doc, entry_id, where), seen
        )
    except HeadwayError as exc:
        context = {
            "member": member,
            "entries": entries,
            "revision": revision,
            "problems": problems_of(exc),
        }
        status = 409 if isinstance(exc, drafts.DraftConflictError) else 400
        return render(request, "web/catalogue.html", context, status=status)
    new_id = edited.added[0]
    messages.success(request, f"Added to the draft as initiative {new_id}: give it its effects.")
    return redirect("editor_item", workspace_id=workspace_id, section="initiatives", item_id=new_id)
