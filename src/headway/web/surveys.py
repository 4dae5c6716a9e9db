"""Readiness survey rounds (a pulse) in the database: open a round, make a staff member's link
(a random token shown once; only its SHA-256 is kept), take one answer per link (anonymous if
the person chooses), and read the rounds back as the engine's respondents.

The answers a round may put into the strategy document are only those of dimensions at least
five people answered (`headway.monitoring.pulse.shareable`); anonymous people appear there as
"anonymous 1", "anonymous 2"…
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from headway.strategy.model import ReadinessRespondent
from headway.web import models
from headway.web.audit import Actor, record
from headway.web.tokens import digest
from headway.workspace.errors import refuse

LINK_PREFIX = "hs_"


def open_round(workspace: models.Workspace, actor: Actor) -> models.SurveyRound:
    """Open the next round (numbered from 1); an earlier open round stays open."""
    with transaction.atomic():
        latest = workspace.survey_rounds.select_for_update().order_by("-number").first()
        row = models.SurveyRound.objects.create(
            workspace=workspace, number=(latest.number + 1) if latest else 1, opened_by=actor.name
        )
        record(workspace, actor, "survey.open", f"round {row.number}")
    return row


def make_link(survey_round: models.SurveyRound, name: str, role: str, actor: Actor) -> str:
    """A new link token for one staff member (returned in clear, the only time)."""
    if survey_round.closed_at is not None:
        raise refuse(f"round {survey_round.number} is closed", "survey", ("round",))
    token = LINK_PREFIX + secrets.token_urlsafe(24)
    models.SurveyInvite.objects.create(
        round=survey_round, name=name.strip(), role=role.strip() or "staff", digest=digest(token)
    )
    record(survey_round.workspace, actor, "survey.link", f"round {survey_round.number}", None, name)
    return token


def invite_of(token: str) -> models.SurveyInvite | None:
    """The link's invitation, or None for an unknown token."""
    if not token.startswith(LINK_PREFIX) or len(token) > 100:
        return None
    return models.SurveyInvite.objects.select_related("round").filter(digest=digest(token)).first()


def answer(invite: models.SurveyInvite, answers: Mapping[str, int], anonymous: bool) -> None:
    """Keep one person's answers; refuses (`WorkspaceError`) a used link or a closed round."""
    with transaction.atomic():
        locked = models.SurveyInvite.objects.select_for_update().get(pk=invite.pk)
        if locked.answered_at is not None:
            raise refuse("this link has already been used to answer", "survey", ("link",))
        if locked.round.closed_at is not None:
            raise refuse("this survey round is closed", "survey", ("link",))
        if not answers:
            raise refuse("answer at least one statement", "survey", ("answers",))
        models.SurveyResponse.objects.create(
            round=locked.round,
            name="" if anonymous else locked.name,
            role=locked.role,
            answers=dict(answers),
        )
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answered_at"])


def respondents(survey_round: models.SurveyRound) -> list[ReadinessRespondent]:
    """The round's answers as the engine's respondents (anonymous ones numbered)."""
    people = []
    anonymous = 0
    for row in survey_round.responses.all():
        if not row.name:
            anonymous += 1
        name = row.name or f"anonymous {anonymous}"
        people.append(ReadinessRespondent(name=name, role=row.role, answers=row.answers))
    return people


def close_round(survey_round: models.SurveyRound, actor: Actor) -> None:
    """Close the round: its links answer no more."""
    models.SurveyRound.objects.filter(pk=survey_round.pk).update(closed_at=timezone.now())
    record(survey_round.workspace, actor, "survey.close", f"round {survey_round.number}")
