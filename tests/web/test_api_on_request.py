"""What a plan leaves to a request can be asked for through the API: which limits bind and one
initiative's full explanation, each a background job (202, then 200 with the engine's answer),
shared with the plan page's link; an initiative the version does not have is 404."""

from __future__ import annotations

from dataclasses import asdict

from django.test import Client

from headway.portfolio.on_request import explain_limits
from headway.portfolio.planner import explain, plan
from headway.strategy.load import validate_data
from headway.web import models
from headway.web.store import DatabaseStore
from headway.web.what_if import planner_settings
from tests.web.conftest import World
from tests.web.test_jobs import _work


def _viewer(world: World) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens['viewer']}"
    return client


def test_limits_and_an_initiatives_explanation_are_asked_for_through_the_api(
    world: World,
) -> None:
    client, base = _viewer(world), f"/api/workspaces/{world.workspace.pk}/plan"
    waiting = client.get(f"{base}/limits")
    assert waiting.status_code == 202 and waiting.json()["kind"] == "explain_limits"
    assert client.get(f"{base}/initiatives/online-shop").status_code == 202
    _work()
    strategy = validate_data(DatabaseStore(world.workspace).document())
    chosen = plan(strategy, planner_settings(explain=False))
    limits = client.get(f"{base}/limits")
    assert limits.status_code == 200
    expected = [asdict(s) for s in explain_limits(strategy, chosen)]
    got = limits.json()["sensitivities"]
    assert [s["family"] for s in got] == [s["family"] for s in expected]
    assert [s["binding"] for s in got] == [s["binding"] for s in expected]
    why = client.get(f"{base}/initiatives/online-shop")
    assert why.status_code == 200
    decision = explain(strategy, chosen, "online-shop")
    assert why.json()["initiative"] == "online-shop"
    assert why.json()["selected"] == decision.selected
    assert why.json()["reasons"] == list(decision.reasons)
    page = Client()
    page.force_login(world.users["viewer"])
    jobs_before = models.Job.objects.count()
    shown = page.get(f"/w/{world.workspace.pk}/initiatives/online-shop/")
    assert shown.status_code == 200 and b"<progress" not in shown.content  # the API's job
    assert models.Job.objects.count() == jobs_before


def test_an_initiative_the_version_does_not_have_is_not_found(world: World) -> None:
    missing = _viewer(world).get(f"/api/workspaces/{world.workspace.pk}/plan/initiatives/nope")
    assert missing.status_code == 404
    assert "no initiative 'nope' in the current version" in missing.json()["detail"]
