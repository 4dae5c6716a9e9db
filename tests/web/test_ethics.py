"""The ethics review and the plan's approval on the web: an open high finding of an initiative
in the plan refuses the approval and names the finding; a resolution recorded through the form
(into the draft) and published lets the plan through; every approval is numbered and audited.
A wrong resolution is refused beside its field and nothing is stored."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from headway.web import drafts, models
from headway.web.audit import Actor
from headway.web.store import DatabaseStore
from tests.web.conftest import World

KIOSK = "self-order-kiosk/hours-displaced-no-plan"


def _as(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.users[name])
    return client


def _url(name: str, world: World) -> str:
    return reverse(name, kwargs={"workspace_id": world.workspace.pk})


def _kiosk_in_the_plan(world: World) -> None:
    """Publish a version where the self-order kiosk (high finding: hours taken over with no
    redeployment plan) is mandatory, so it is in every plan."""
    actor = Actor(world.users["owner"])
    document = copy.deepcopy(DatabaseStore(world.workspace).document())
    kiosk = next(i for i in document["initiatives"] if i["id"] == "self-order-kiosk")
    kiosk["mandatory"] = True
    limits = document["constraints"]
    limits["budget_per_period"] = limits["budget_total"] = 100_000
    draft = drafts.save_draft(world.workspace, actor, document, None)
    drafts.publish_draft(world.workspace, actor, draft.revision, "kiosk is a must")


def _publish(world: World) -> None:
    draft = drafts.current_draft(world.workspace)
    assert draft is not None
    drafts.publish_draft(world.workspace, Actor(world.users["owner"]), draft.revision, "")


@pytest.mark.slow
def test_an_open_high_finding_blocks_approval_until_resolved(world: World) -> None:
    _kiosk_in_the_plan(world)
    owner = _as(world, "owner")
    refused = owner.post(_url("plan_approve", world))
    assert refused.status_code == 409
    assert any(KIOSK in b for b in refused.context["blockers"])
    assert KIOSK in refused.content.decode()
    assert not models.PlanApproval.objects.exists()
    assert DatabaseStore(world.workspace).approved_plan() is None

    resolution = {
        "finding": KIOSK,
        "by": "Olivia, owner",
        "why": "two staff move to baking",
        "date": "2027-01-05",
    }
    assert (
        _as(world, "contributor").post(_url("ethics_resolve", world), resolution).status_code == 403
    )
    assert _as(world, "editor").post(_url("ethics_resolve", world), resolution).status_code == 302
    page = owner.get(_url("ethics", world)).content.decode()
    assert "Resolved by <strong>Olivia, owner</strong>" in page
    assert owner.post(_url("plan_approve", world)).status_code == 409  # the draft is not published
    _publish(world)
    assert owner.post(_url("plan_approve", world)).status_code == 302
    first = models.PlanApproval.objects.get()
    assert first.number == 1 and first.approved_by == "owner"
    assert "self-order-kiosk" in [i["id"] for i in first.record["initiatives"]]
    kiosk = next(e for e in first.record["ethics"] if e["finding"] == KIOSK)
    assert kiosk["resolved_by"] == "Olivia, owner"
    assert DatabaseStore(world.workspace).approved_plan() == first.record

    owner.post(_url("plan_approve", world))
    numbers = list(models.PlanApproval.objects.values_list("number", flat=True))
    assert numbers == [1, 2]
    entries = models.AuditEntry.objects.filter(action="plan.approve").order_by("id")
    assert [e.before for e in entries] == [None, first.record]


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("why", "", "required"),
        ("by", "   ", "required"),
        ("date", "2027-13-40", "valid date"),
        ("by", "x" * 101, "at most 100"),
    ],
)
def test_a_wrong_resolution_is_refused_beside_its_field(
    world: World, field: str, value: str, says: str
) -> None:
    data: dict[str, Any] = {"finding": KIOSK, "by": "Olivia", "why": "ok", "date": "2027-01-05"}
    response = _as(world, "editor").post(_url("ethics_resolve", world), {**data, field: value})
    assert response.status_code == 400
    assert drafts.current_draft(world.workspace) is None
    rows = response.context["by_initiative"]["self-order-kiosk"]
    form = next(form for finding, form in rows if finding.id == KIOSK)
    assert any(says in e for e in form.errors[field]), form.errors


def test_an_unknown_finding_is_refused_and_nothing_is_stored(world: World) -> None:
    data = {"finding": "nope/rule", "by": "Olivia", "why": "ok", "date": "2027-01-05"}
    response = _as(world, "editor").post(_url("ethics_resolve", world), data)
    assert response.status_code == 400
    assert any("no finding 'nope/rule'" in p for p in response.context["problems"])
    assert "no finding &#x27;nope/rule&#x27;" in response.content.decode()
    assert drafts.current_draft(world.workspace) is None
