"""Pages for staff ideas: submit a pain point or an automation idea for a process, comment and
vote; editors see the ideas ranked by votes or by the engine's first estimate of their strategic
value (`headway.analysis.ideas`) and turn one into an initiative of the draft."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from headway.analysis.ideas import IdeaEstimate, IdeaReport, idea_estimate
from headway.errors import HeadwayError
from headway.strategy.load import validate_data
from headway.strategy.model import Strategy
from headway.web import models
from headway.web.access import Member, page_member
from headway.web.audit import record
from headway.web.draft_edits import save_edit, working_document
from headway.web.field_errors import attach_problems
from headway.web.forms_people import CommentForm, ConvertForm, IdeaForm
from headway.web.permissions import Access
from headway.web.store import DatabaseStore
from headway.workspace.ideas import InitiativeDraft, initiative_from_idea

ORDERS = {"votes": "most votes first", "value": "highest strategic value first"}


@dataclass(frozen=True)
class IdeaRow:
    """An idea as the list and its page show it."""

    idea: models.Idea
    votes: int
    voted: bool
    estimate: IdeaEstimate
    process_name: str


def _strategy(member: Member) -> Strategy:
    return validate_data(DatabaseStore(member.workspace).document(), file=member.workspace.name)


def _row(idea: models.Idea, strategy: Strategy, member: Member) -> IdeaRow:
    report = IdeaReport(idea.process, idea.times_per_month, idea.hours_each, idea.errors_per_month)
    names = {p.id: p.name for p in strategy.processes}
    voters = {vote.user_id for vote in idea.votes.all()}
    return IdeaRow(
        idea,
        len(voters),
        member.user.pk in voters,
        idea_estimate(strategy, report),
        names.get(idea.process, idea.process or "no process named"),
    )


def _list_page(
    request: HttpRequest, form: IdeaForm | None = None, status: int = 200
) -> HttpResponse:
    member = page_member(request)
    strategy = _strategy(member)
    order = request.GET.get("order", "votes")
    order = order if order in ORDERS else "votes"
    ideas = member.workspace.ideas.prefetch_related("votes")
    rows = [_row(idea, strategy, member) for idea in ideas]
    if order == "value":
        rows.sort(key=lambda r: (-r.estimate.value_per_year, -r.votes))
    else:
        rows.sort(key=lambda r: (-r.votes, -r.estimate.value_per_year))
    context = {
        "member": member,
        "rows": rows,
        "order": order,
        "orders": ORDERS,
        "currency": strategy.business.currency,
        "form": form or IdeaForm(processes=strategy.processes),
        "can_submit": member.can(Access.CONTRIBUTOR),
    }
    return render(request, "web/ideas.html", context, status=status)


def ideas(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Every idea, ranked by votes (or by strategic value with `?order=value`)."""
    return _list_page(request)


@require_POST
def idea_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Submit an idea; the form comes back with an error beside each wrong field."""
    member = page_member(request)
    form = IdeaForm(request.POST, processes=_strategy(member).processes)
    if not form.is_valid():
        return _list_page(request, form, 400)
    idea = models.Idea.objects.create(
        workspace=member.workspace,
        author=member.user,
        author_name=member.actor.name,
        **form.cleaned_data,
    )
    record(member.workspace, member.actor, "idea.submit", f"idea {idea.pk}", None, idea.title)
    return redirect("idea", workspace_id=workspace_id, idea_id=idea.pk)


def _idea_of(member: Member, idea_id: int) -> models.Idea:
    idea = member.workspace.ideas.filter(pk=idea_id).first()
    if idea is None:
        raise Http404("no such idea")
    return idea


def _idea_page(
    request: HttpRequest, idea_id: int, status: int = 200, **forms: object
) -> HttpResponse:
    member = page_member(request)
    strategy = _strategy(member)
    idea = _idea_of(member, idea_id)
    row = _row(idea, strategy, member)
    suggested = {
        "id": f"idea-{idea.pk}",
        "name": idea.title[:200],
        "category": "staff idea",
        "hours_displaced": round(row.estimate.hours_per_year * 0.5),
    }
    context: dict[str, Any] = {
        "member": member,
        "row": row,
        "idea": idea,
        "currency": strategy.business.currency,
        "comments": idea.comments.all(),
        "comment_form": CommentForm(),
        "convert_form": ConvertForm(initial=suggested, prefix="convert"),
        "can_take_part": member.can(Access.CONTRIBUTOR),
        "can_convert": member.can(Access.EDITOR) and not idea.initiative,
        **forms,
    }
    return render(request, "web/idea.html", context, status=status)


def idea(request: HttpRequest, workspace_id: int, idea_id: int) -> HttpResponse:
    """One idea: its figures, the first estimate, votes, comments and what became of it."""
    return _idea_page(request, idea_id)


@require_POST
def idea_vote(request: HttpRequest, workspace_id: int, idea_id: int) -> HttpResponse:
    """Vote for an idea, or take the vote back when already given."""
    member = page_member(request)
    idea = _idea_of(member, idea_id)
    with transaction.atomic():
        deleted, _ = idea.votes.filter(user=member.user).delete()
        if not deleted:
            models.IdeaVote.objects.create(idea=idea, user=member.user)
    action = "idea.unvote" if deleted else "idea.vote"
    record(member.workspace, member.actor, action, f"idea {idea.pk}")
    return redirect("idea", workspace_id=workspace_id, idea_id=idea.pk)


@require_POST
def idea_comment(request: HttpRequest, workspace_id: int, idea_id: int) -> HttpResponse:
    """Add a comment to an idea."""
    member = page_member(request)
    idea = _idea_of(member, idea_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _idea_page(request, idea_id, 400, comment_form=form)
    models.IdeaComment.objects.create(
        idea=idea, author=member.user, author_name=member.actor.name, text=form.cleaned_data["text"]
    )
    record(member.workspace, member.actor, "idea.comment", f"idea {idea.pk}")
    return redirect("idea", workspace_id=workspace_id, idea_id=idea.pk)


@require_POST
def idea_convert(request: HttpRequest, workspace_id: int, idea_id: int) -> HttpResponse:
    """Turn an idea into an initiative of the draft, keeping the link on the idea."""
    member = page_member(request)
    idea = _idea_of(member, idea_id)
    form = ConvertForm(request.POST, prefix="convert")
    if idea.initiative:
        form.add_error(None, f"this idea already became initiative '{idea.initiative}'")
    if not form.is_valid():
        return _idea_page(request, idea_id, 400, convert_form=form)
    plan = InitiativeDraft(
        **form.cleaned_data, idea_number=idea.pk, idea_title=idea.title, process=idea.process
    )
    try:
        with transaction.atomic():
            save_edit(
                member,
                lambda document, where: initiative_from_idea(document, plan, where),
                working_document(member.workspace)[1],
            )
            idea.initiative, idea.converted_by = plan.id, member.actor.name
            idea.converted_at = timezone.now()
            idea.save(update_fields=["initiative", "converted_by", "converted_at"])
            record(member.workspace, member.actor, "idea.convert", f"idea {idea.pk}", None, plan.id)
    except HeadwayError as exc:
        attach_problems(form, exc, ConvertForm.PATHS, strip=2)
        return _idea_page(request, idea_id, 400, convert_form=form)
    return redirect("idea", workspace_id=workspace_id, idea_id=idea.pk)
