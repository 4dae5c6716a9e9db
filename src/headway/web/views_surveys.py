"""Pages for the readiness survey as a pulse: editors open rounds, make a link per staff member
and use a round's answers in the draft; staff answer by link without an account (anonymously
if they choose); everyone sees each round only in aggregate, and the trend of readiness and
employee morale across rounds (`headway.monitoring.pulse`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from headway.errors import HeadwayError
from headway.monitoring.pulse import MIN_GROUP, pulse_trend, shareable
from headway.strategy.load import validate_data
from headway.web import models, surveys
from headway.web.access import Member, page_member
from headway.web.audit import Actor, record
from headway.web.draft_edits import save_edit, working_document
from headway.web.errors import problems_of
from headway.web.forms_people import LinkForm, SurveyForm
from headway.web.permissions import Access
from headway.web.store import DatabaseStore
from headway.workspace.pulse import use_answers


def _scope(member: Member) -> list[str]:
    """The initiatives of the approved plan (the morale aspect's scope), none without one."""
    approved = DatabaseStore(member.workspace).approved_plan() or {}
    return [str(item["id"]) for item in approved.get("initiatives") or []]


def _surveys_page(request: HttpRequest, status: int = 200, **extra: Any) -> HttpResponse:
    member = page_member(request)
    rounds = list(member.workspace.survey_rounds.prefetch_related("responses", "invites"))
    strategy = validate_data(DatabaseStore(member.workspace).document(), file="workspace")
    trend = pulse_trend(
        strategy,
        [(str(r.number), surveys.respondents(r)) for r in rounds],
        _scope(member),
    )
    context = {
        "member": member,
        "rows": list(zip(rounds, trend, strict=True)),
        "min_group": MIN_GROUP,
        "can_manage": member.can(Access.EDITOR),
        "link_form": extra.pop("link_form", None) or LinkForm(),
        **extra,
    }
    return render(request, "web/surveys.html", context, status=status)


def survey_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Every round in aggregate, oldest first, with the trend."""
    return _surveys_page(request)


@require_POST
def survey_open(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Open the next round."""
    member = page_member(request)
    surveys.open_round(member.workspace, member.actor)
    return redirect("surveys", workspace_id=workspace_id)


def _round(member: Member, number: int) -> models.SurveyRound:
    row = member.workspace.survey_rounds.filter(number=number).first()
    if row is None:
        raise Http404("no such round")
    return row


@require_POST
def survey_link(request: HttpRequest, workspace_id: int, number: int) -> HttpResponse:
    """Make a staff member's link to a round (shown once)."""
    member = page_member(request)
    survey_round = _round(member, number)
    form = LinkForm(request.POST)
    if not form.is_valid():
        return _surveys_page(request, 400, link_form=form, form_round=number)
    data = form.cleaned_data
    try:
        token = surveys.make_link(survey_round, data["name"], data["role"], member.actor)
    except HeadwayError as exc:
        return _surveys_page(request, 400, problems=problems_of(exc))
    link = request.build_absolute_uri(f"/survey/{token}/")
    return _surveys_page(request, new_link=link, new_name=data["name"])


@require_POST
def survey_close(request: HttpRequest, workspace_id: int, number: int) -> HttpResponse:
    """Close a round: its links answer no more."""
    member = page_member(request)
    surveys.close_round(_round(member, number), member.actor)
    return redirect("surveys", workspace_id=workspace_id)


@require_POST
def survey_use(request: HttpRequest, workspace_id: int, number: int) -> HttpResponse:
    """Put a round's shareable answers into the draft as the readiness answers."""
    member = page_member(request)
    people = shareable(surveys.respondents(_round(member, number)))
    try:
        save_edit(
            member,
            lambda document, where: use_answers(document, people, where),
            working_document(member.workspace)[1],
        )
    except HeadwayError as exc:
        return _surveys_page(request, 400, problems=problems_of(exc))
    return redirect("draft", workspace_id=workspace_id)


def survey_answer(request: HttpRequest, survey_token: str) -> HttpResponse:
    """The survey for the holder of a link (no account needed); one answer per link."""
    invite = surveys.invite_of(survey_token)
    if invite is None:
        raise Http404("no such survey link")
    context: dict[str, Any] = {"invite": invite, "done": invite.answered_at is not None}
    form = SurveyForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if request.method != "POST" or context["done"]:
        status = 410 if context["done"] and request.method == "POST" else 200
        return render(request, "web/survey_answer.html", context, status=status)
    if not form.is_valid():
        return render(request, "web/survey_answer.html", context, status=400)
    anonymous = form.cleaned_data["anonymous"]
    try:
        surveys.answer(invite, form.answers(), anonymous)
    except HeadwayError as exc:
        context["problems"] = problems_of(exc)
        return render(request, "web/survey_answer.html", context, status=400)
    who = Actor(AnonymousUser(), "survey link")  # never who answered: answers may be anonymous
    record(invite.round.workspace, who, "survey.answer", f"round {invite.round.number}")
    context["done"] = context["thanks"] = True
    return render(request, "web/survey_answer.html", context)
