"""The guided start in-process: a bakery owner answers the interview and lands on a valid
strategy (two versions: the template, then the answers) with its first evaluation and the
template figures that move the plan most; wrong answers come back beside their field with
nothing created; confirming a figure records it in the draft."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from headway.web import models
from headway.web.store import DatabaseStore
from tests.web.conftest import World, make_user
from tests.web.test_jobs import _work

ANSWERS = {
    "template": "bakery",
    "business_name": "Rye & Co",
    "employees": "9",
    "currency": "EUR",
    "locale": "en_IE",
    "yearly_budget": "12000",
    "change_hours_per_month": "40",
    "top_goals": ["grow-online", "cut-waste", "protect-margin"],
    "kpi_0": "4.5",
}


def _owner(db: None) -> Client:
    client = Client()
    client.force_login(make_user("newowner"))
    return client


def test_the_interview_lands_on_a_valid_strategy_with_its_evaluation(db: None) -> None:
    client = _owner(db)
    assert b"Bakery" in client.get("/start/").content
    page = client.get("/start/?template=bakery").content.decode()
    assert "The three goals that matter most" in page and "Share of revenue from online" in page
    response = client.post("/start/", ANSWERS)
    assert response.status_code == 302, response.content.decode()[:2000]
    workspace = models.Workspace.objects.get(name="Rye & Co")
    store = DatabaseStore(workspace)
    assert [v.number for v in store.versions()] == [1, 2]
    document = store.document()
    assert document["business"]["name"] == "Rye & Co" and document["business"]["employees"] == 9
    assert document["constraints"]["budget_total"] == pytest.approx(24000)  # 2-year horizon
    assert document["constraints"]["change_capacity_days_per_period"] == pytest.approx(15)
    online = next(k for k in document["kpis"] if k["id"] == "online-order-share")
    assert (online["baseline"], online["baseline_source"]) == (4.5, "measured")
    weights = {g["id"]: g["weight"] for g in document["goals"]}
    assert weights["grow-online"] == 3 and weights["free-skilled-time"] == 1
    result = client.get(response["Location"]).content.decode()
    assert "<progress" in result and "Evaluation with Monte Carlo" in result  # not in the request
    assert "Working out which of the template's figures move the plan most" in result
    queued = models.Job.objects.get(workspace=workspace, kind="evaluation", status="queued")
    assert models.Job.objects.filter(workspace=workspace, kind="assumptions", status="queued")
    _work()
    evaluated = client.get(response["Location"]).content.decode()
    ranked = models.Job.objects.get(pk=queued.pk).result["initiatives"]
    assert "Candidate automation, best first" in evaluated and "<progress" not in evaluated
    assert f'<td data-label="Initiative">{escape(ranked[0]["name"])}</td>' in evaluated
    listed = client.get(response["Location"] + "assumptions/").content.decode()
    assert "Check these assumptions first" in listed and "Confirm" in listed
    assert "online-order-share/baseline" not in listed  # measured now
    assert "242 figures still come from the template" in listed  # 247 less 4 checked, 1 measured
    editor = client.get(f"/w/{workspace.pk}/edit/initiatives/online-shop/").content.decode()
    assert editor.count("Assumed: the template") >= 3  # its three-point costs, at least
    kpi = client.get(f"/w/{workspace.pk}/edit/kpis/online-order-share/").content.decode()
    baseline = kpi[kpi.index('name="baseline"') : kpi.index('name="target"')]
    assert "Assumed" not in baseline  # measured in the interview
    assert "Assumed" in kpi[kpi.index('name="target"') :]
    again = client.get(response["Location"]).content.decode()
    assert "Working out" not in again and 'name="key"' in again  # computed once, kept


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("locale", "xx_YY", "unknown locale"),
        ("currency", "EURO", "Enter a valid value"),
        ("yearly_budget", "-5", "greater than or equal to 0"),
        ("kpi_1", "1e400", "Ensure this value"),
        ("top_goals", ["grow-online", "cut-waste"], "choose three different goals"),
        ("employees", "ten", "whole number"),
    ],
)
def test_a_wrong_answer_is_shown_beside_its_field_and_nothing_is_created(
    db: None, field: str, value: Any, message: str
) -> None:
    client = _owner(db)
    response = client.post("/start/", {**ANSWERS, field: value})
    assert response.status_code == 400
    page = response.content.decode()
    anchor = 'id="id_top_goals-error"' if field == "top_goals" else f'id="id_{field}_error"'
    at = page.find(anchor)
    assert at != -1, page[:3000]
    assert message in page[at : at + 400]
    assert models.Workspace.objects.count() == 0


def test_confirming_a_figure_moves_it_off_the_list_in_the_draft(world: World) -> None:
    client = Client()
    client.force_login(world.users["owner"])
    client.post("/start/", ANSWERS)
    workspace = models.Workspace.objects.get(name="Rye & Co")
    assert "<progress" in client.get(f"/w/{workspace.pk}/start/assumptions/").content.decode()
    _work()
    page = client.get(f"/w/{workspace.pk}/start/assumptions/").content.decode()
    key = page.split('name="key" value="', 1)[1].split('"', 1)[0]
    response = client.post(f"/w/{workspace.pk}/assumptions/confirm/", {"key": key, "revision": 0})
    assert response.status_code == 302
    draft = models.Draft.objects.get(workspace=workspace)
    assert any(
        line.startswith(f"checked: {key} (confirmed by owner")
        for line in draft.document["assumptions"]
    )
    computing = client.get(f"/w/{workspace.pk}/start/assumptions/").content.decode()
    assert "<progress" in computing  # the changed draft's figures: a new job
    _work()
    after = client.get(f"/w/{workspace.pk}/start/assumptions/").content.decode()
    assert "Check these assumptions first" in after and "Confirm" in after
    assert f'value="{key}"' not in after
    stale = client.post(f"/w/{workspace.pk}/assumptions/confirm/", {"key": key, "revision": 0})
    assert stale.status_code == 409
    unknown = client.post(
        f"/w/{workspace.pk}/assumptions/confirm/", {"key": "nope/x", "revision": draft.revision}
    )
    assert unknown.status_code == 400 and b"not an assumption" in unknown.content
    assert models.Draft.objects.get(workspace=workspace).revision == draft.revision
