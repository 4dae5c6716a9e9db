"""The workspace list is a consultant's overview: each workspace's dashboard signals, read from
the stored dashboard answer only (never computed by the list), and only the user's workspaces."""

from __future__ import annotations

from django.test import Client

from headway.web import members, models
from headway.web.analysis import ATTENTION_KINDS
from headway.web.overview import _signals
from tests.web.conftest import PASSWORD, World
from tests.web.test_jobs import _work


def _client(name: str) -> Client:
    client = Client()
    client.login(username=name, password=PASSWORD)
    return client


def test_overview_shows_stored_dashboard_signals_only(world: World) -> None:
    viewer = _client("viewer")
    jobs_before = models.Job.objects.count()
    cold = viewer.get("/w/").content.decode()
    assert models.Job.objects.count() == jobs_before  # the list computes nothing
    dashboard = f"/w/{world.workspace.pk}/dashboard/"
    assert "Not computed yet" in cold and f'href="{dashboard}"' in cold
    assert "Other" not in cold  # another user's workspace
    viewer.get(dashboard)
    _work()
    html = viewer.get("/w/").content.decode()
    assert "Not computed yet" not in html
    assert "of the weighted strategic gap, by the horizon" in html
    assert "of the weighted strategic gap, over the horizon" in html
    assert "Alignment Index</dt><dd>no tracking data yet" in html
    job = models.Job.objects.get(kind="report")
    assert job.result is not None
    signals = job.result["signals"]
    assert signals["plan_value"] in html and signals["gap_closed"] in html
    counted = sum(signals["attention"].values())
    assert counted == len(job.result["attention"])
    assert ("Needs attention</dt><dd>nothing" in html) == (counted == 0)


def test_a_what_if_answer_is_not_the_dashboard(world: World) -> None:
    viewer = _client("viewer")
    viewer.get(f"/w/{world.workspace.pk}/plan/?budget_total=3000")
    _work()
    assert "Not computed yet" in viewer.get("/w/").content.decode()


def test_overview_needs_sign_in(world: World) -> None:
    response = Client().get("/w/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_two_workspaces_with_the_same_strategy_each_have_their_own_jobs(world: World) -> None:
    second = members.new_workspace("Bakery two", world.users["owner"], "bakery")
    owner = _client("owner")
    owner.get(f"/w/{world.workspace.pk}/dashboard/")
    owner.get(f"/w/{second.pk}/dashboard/")
    job = models.Job.objects.get(workspace=second, kind="report")
    assert owner.get(f"/w/{second.pk}/jobs/{job.pk}/").status_code == 200
    _work()
    html = owner.get("/w/").content.decode()
    assert "Not computed yet" not in html and html.count("gap, over the horizon</dd>") == 2


def test_attention_counts_read_as_words() -> None:
    counted = dict.fromkeys(ATTENTION_KINDS, 0) | {"off_track": 1, "not_delivering": 2}
    result = {
        "made_on": "31 Dec 2027",
        "signals": {
            "gap_closed": "31.6%",
            "plan_value": "34.9%",
            "alignment_index": None,
            "attention": counted,
        },
    }
    shown = _signals(result)
    assert shown.attention == ("1 KPI off track", "2 initiatives not delivering")
    assert shown.alignment_index == "no tracking data yet"
