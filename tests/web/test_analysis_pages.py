"""The analysis pages never compute in the request: cold, they show a progress bar; once the job
has run, the report's sections with their charts. A lower budget is another question (another
job) and gives another plan; a saved scenario is compared with the strategy as it is."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from headway.portfolio.on_request import explain_limits
from headway.portfolio.planner import plan
from headway.strategy.load import validate_data
from headway.web import models
from headway.web.store import DatabaseStore
from headway.web.what_if import planner_settings
from tests.web.conftest import PASSWORD, World
from tests.web.test_jobs import _work


def _client(world: World, name: str) -> Client:
    client = Client()
    client.login(username=name, password=PASSWORD)
    return client


def _plan() -> dict[str, Any]:
    """The plan summary of the latest report job."""
    job = models.Job.objects.filter(kind="report").order_by("-id").first()
    assert job is not None and job.result is not None
    summary: dict[str, Any] = job.result["plan"]
    return summary


def test_pages_show_progress_then_sections_with_charts(world: World) -> None:
    client = _client(world, "viewer")
    base = f"/w/{world.workspace.pk}"
    cold = client.get(f"{base}/plan/")
    assert cold.status_code == 200 and b"<progress" in cold.content
    assert models.Job.objects.filter(kind="report", status="queued").count() == 1
    _work()
    for page, ids in [
        ("dashboard", ["summary", "gaps"]),
        ("evaluation", ["gaps", "initiatives", "assumptions"]),
        ("plan", ["roadmap", "budget", "frontier", "growth"]),
    ]:
        html = client.get(f"{base}/{page}/").content.decode()
        assert "<progress" not in html, page
        for section in ids:
            assert f'<section id="{section}"' in html, (page, section)
    plan_page = client.get(f"{base}/plan/").content.decode()
    charts = re.findall(r"<svg.*?</svg>", plan_page, re.S)
    assert len(charts) >= 3  # roadmap, budget and capacity, frontier
    assert models.Job.objects.filter(kind="report").count() == 1  # one question, asked once


def test_lower_budget_resolves_and_is_saved_and_compared(world: World) -> None:
    editor = _client(world, "editor")
    base = f"/w/{world.workspace.pk}"
    editor.get(f"{base}/plan/")
    _work()
    original = _plan()
    assert original["chosen"] and original["upfront_total"] > 3000
    low = editor.get(f"{base}/plan/?budget_total=3000")
    assert b"<progress" in low.content  # a new question: a new job
    _work()
    cheaper = _plan()
    assert cheaper["budget_total"] == 3000 and cheaper["upfront_total"] <= 3000
    assert cheaper["chosen"] != original["chosen"] and cheaper["value"] < original["value"]
    saved = editor.post(f"{base}/scenarios/save/?budget_total=3000", {"name": "Lean year"})
    assert saved.status_code == 302
    scenario = models.Scenario.objects.get(workspace=world.workspace)
    assert (scenario.name, scenario.what_if) == ("Lean year", {"budget_total": 3000.0})
    editor.get(f"{base}/scenarios/?compare=Lean+year")
    _work()
    page = editor.get(f"{base}/scenarios/?compare=Lean+year").content.decode()
    assert "As the strategy is" in page and "Lean year" in page
    assert "Stops (in the original only)" in page
    assert "(Total budget: 3,000)" in page


def test_bad_what_if_is_a_message_not_an_error(world: World) -> None:
    page = _client(world, "viewer").get(f"/w/{world.workspace.pk}/plan/?budget_total=lots")
    assert page.status_code == 200
    assert "Total budget: &#x27;lots&#x27; is not a number" in page.content.decode()
    viewer_save = _client(world, "viewer").post(
        f"/w/{world.workspace.pk}/scenarios/save/", {"name": "x"}
    )
    assert viewer_save.status_code == 403


def test_report_of_a_version_is_made_then_downloaded(world: World) -> None:
    client = _client(world, "viewer")
    base = f"/w/{world.workspace.pk}"
    listing = client.get(f"{base}/reports/").content.decode()
    assert f'href="{base}/versions/1/report.xlsx"' in listing
    waiting = client.get(f"{base}/versions/1/report.html")
    assert waiting.status_code == 200 and b"<progress" in waiting.content
    _work()
    html = client.get(f"{base}/versions/1/report.html")
    assert html["Content-Disposition"] == 'attachment; filename="Bakery-v1-report.html"'
    assert b'<section id="bank"' in html.content and b'<section id="frontier"' in html.content
    _work()
    xlsx = client.get(f"{base}/versions/1/report.xlsx")
    assert b"<progress" in xlsx.content  # another file: another job
    _work()
    assert client.get(f"{base}/versions/1/report.xlsx").content[:2] == b"PK"
    assert client.get(f"{base}/versions/9/report.html").status_code == 404
    assert client.get(f"{base}/versions/1/report.docx").status_code == 404


def test_bank_page_of_a_version_is_downloaded_alone(world: World) -> None:
    client = _client(world, "viewer")
    base = f"/w/{world.workspace.pk}"
    listing = client.get(f"{base}/reports/").content.decode()
    assert f'href="{base}/versions/1/bank.html"' in listing
    assert f'href="{base}/versions/1/bank.pdf"' in listing
    waiting = client.get(f"{base}/versions/1/bank.html")
    assert b"<progress" in waiting.content and b"Bank page of version 1" in waiting.content
    _work()
    bank = client.get(f"{base}/versions/1/bank.html")
    assert bank["Content-Disposition"] == 'attachment; filename="Bakery-v1-bank.html"'
    assert b'<section id="bank"' in bank.content and b"Funding needed" in bank.content
    assert re.findall(rb'<section id="([a-z-]+)"', bank.content) == [b"bank"]
    assert client.get(f"{base}/versions/1/bank.xlsx").status_code == 404
    assert client.get(f"{base}/versions/9/bank.pdf").status_code == 404


def test_initiative_page_says_why_with_numbers(world: World) -> None:
    client = _client(world, "viewer")
    url = f"/w/{world.workspace.pk}/initiatives/online-shop/"
    assert b"<progress" in client.get(url).content
    _work()
    page = client.get(url).content.decode()
    assert "<h2>Why</h2>" in page and ("In the plan" in page or "Left out of the plan" in page)
    assert client.get(f"/w/{world.workspace.pk}/initiatives/no-such/").status_code == 404


def test_robustness_is_offered_then_run_in_the_background(world: World) -> None:
    viewer = _client(world, "viewer")
    base = f"/w/{world.workspace.pk}/plan/?budget_total=3000"
    offered = viewer.get(base).content.decode()
    assert "Check robustness" in offered
    assert not models.Job.objects.filter(kind="robustness").exists()  # offered, not started
    started = viewer.get(base + "&robustness=1").content.decode()
    job = models.Job.objects.get(kind="robustness")
    assert job.options["what_if"] == {"budget_total": 3000.0}
    assert f'id="job-{job.pk}"' in started and "<progress" in started
    _work()
    html = viewer.get(base).content.decode()  # once asked, shown without asking again
    assert "Check robustness" not in html
    job.refresh_from_db()
    assert job.result is not None
    chosen = _plan()["chosen"]
    names = {i["id"]: i["name"] for i in job.document["initiatives"]}
    table = html[html.index('id="robustness"') :]
    for item in job.result["items"]:
        status = "in" if item["initiative"] in chosen else "out"
        assert item["in_plan"] == (status == "in")
        assert f"<td>{escape(names[item['initiative']])}</td><td>{status}</td>" in table
    job.result["note"] = "120 of the 200 scenarios asked for were solved within the budget."
    job.save()
    assert job.result["note"] in viewer.get(base).content.decode()


def test_readiness_and_goal_weight_what_ifs_compared_side_by_side(world: World) -> None:
    editor = _client(world, "editor")
    base = f"/w/{world.workspace.pk}"
    form = editor.get(f"{base}/plan/").content.decode()
    assert 'name="readiness"' in form and 'name="weight.protect-margin"' in form
    assert 'placeholder="20"' in form  # the goal's current share, typed in directly
    for query, name in [("readiness=0", "Cautious team"), ("weight.protect-margin=100", "Margin")]:
        saved = editor.post(f"{base}/scenarios/save/?{query}", {"name": name})
        assert saved.status_code == 302
    stored = {s.name: s.what_if for s in models.Scenario.objects.all()}
    assert stored == {
        "Cautious team": {"readiness": 0.0},
        "Margin": {"goal_weights": {"protect-margin": 100.0}},
    }
    compare = f"{base}/scenarios/?compare=Cautious+team&compare=Margin"
    editor.get(compare)
    _work()
    page = editor.get(compare).content.decode()
    job = models.Job.objects.get(kind="compare")
    assert job.result is not None
    original, cautious, margin = job.result["results"]
    assert cautious["value"] < original["value"] and cautious["chosen"] != original["chosen"]
    assert "margin-dashboard" in margin["chosen"] and "margin-dashboard" not in original["chosen"]
    assert "<td>Readiness: 0</td>" in page and "weight of " in page and ": 100%</td>" in page
    assert f'href="{base}/plan/?weight.protect-margin=100"' in page
    bad = editor.get(f"{base}/plan/?readiness=150&weight.cut-waste=x").content.decode()
    assert "Readiness (0-100, instead of the survey&#x27;s score): must be between 0 and 100" in bad
    assert "is not a number" in bad


def test_a_plan_stopped_by_its_time_limit_offers_to_continue_the_proof(world: World) -> None:
    viewer = _client(world, "viewer")
    base = f"/w/{world.workspace.pk}/plan/"
    viewer.get(base)
    _work()
    proven = viewer.get(base).content.decode()
    assert "Continue the proof" not in proven  # proven optimal
    assert "Work out which limits bind" not in proven  # a small plan carries its limits
    report = models.Job.objects.get(kind="report")
    assert report.result is not None
    report.result["plan"].update(status="time_limit", proof="Within 4.0% of the best plan.")
    report.save()
    cache.clear()  # a finished job's result never changes: the page part kept for it goes too
    offered = viewer.get(base).content.decode()
    assert "Continue the proof in the background" in offered and "Within 4.0%" in offered
    assert not models.Job.objects.filter(kind="continue_plan").exists()
    started = viewer.get(base + "?continue=1").content.decode()
    job = models.Job.objects.get(kind="continue_plan")
    assert f'id="job-{job.pk}"' in started and job.options == {"what_if": {}}
    _work()
    job.refresh_from_db()
    assert job.result is not None and job.result["proven_optimal"]
    assert job.result["value"] >= job.result["stopped_value"]
    shown = viewer.get(base).content.decode()
    assert "Continued proof</dt><dd>" + escape(job.result["proof"]) in shown
    assert "Stops (in the stopped plan only)</dt><dd>none" in shown


def test_a_pushed_measurement_shows_the_latest_answer_with_its_time(
    world: World, settings: Any
) -> None:
    settings.HEADWAY_TRACKED_REFRESH_SECONDS = 60
    client = _client(world, "viewer")
    dashboard = f"/w/{world.workspace.pk}/dashboard/"
    client.get(dashboard)
    _work()
    first = models.Job.objects.get(kind="report", status="done")
    pusher = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}")
    kpi = models.StrategyVersion.objects.get(workspace=world.workspace).document["kpis"][0]["id"]
    body = {"measurements": [{"kpi": kpi, "date": "2027-02-01", "value": 12.5}]}
    url = f"/api/workspaces/{world.workspace.pk}/measurements"
    assert pusher.post(url, body, content_type="application/json").status_code == 200
    page = client.get(dashboard).content.decode()
    assert first.finished_at is not None
    assert f"Shown: the result computed at {first.finished_at:%H:%M:%S} (UTC)" in page
    assert '<section id="summary"' in page  # the latest answer at once, no progress bar
    pending = models.Job.objects.get(kind="report", status="queued")
    assert pending.options["tracking"]["measurements"][0][:2] == [kpi, "2027-02-01"]


def test_a_page_whose_answer_is_there_writes_nothing(world: World) -> None:
    """Pages never wait for a writer (SQLite in write-ahead-log mode) as long as they write
    nothing themselves: once the answers are there, viewing them only reads."""
    client = _client(world, "viewer")
    base = f"/w/{world.workspace.pk}"
    for page in ("dashboard", "evaluation", "plan"):
        client.get(f"{base}/{page}/")
    _work()
    with CaptureQueriesContext(connection) as seen:
        for page in ("dashboard", "evaluation", "plan"):
            html = client.get(f"{base}/{page}/").content.decode()
            assert "<progress" not in html and 'class="report-section' in html, page
    statements = [query["sql"].lstrip().split(None, 1)[0].upper() for query in seen]
    assert statements and set(statements) == {"SELECT"}


def test_a_big_plan_works_out_which_limits_bind_when_a_viewer_asks(
    world: World, settings: Any
) -> None:
    """The bakery (14 initiatives) counted as big leaves its limits to a request: the plan
    page offers it, a viewer's click runs one job whose answer is `explain_limits`' and the
    page then shows the table of what each limit is worth."""
    settings.HEADWAY_PLAN_EXPLAIN_SOLVES_UP_TO = 10
    viewer = _client(world, "viewer")
    base = f"/w/{world.workspace.pk}/plan/"
    viewer.get(base)
    _work()
    assert _plan()["limits_on_request"]
    offered = viewer.get(base).content.decode()
    assert "Work out which limits bind" in offered
    assert 'name="limits" value="1"' in offered
    why = reverse("initiative", args=[world.workspace.pk, "bookkeeping-sync"])
    assert f'href="{why}"' in offered  # "why not X", which a left-out initiative names
    assert not models.Job.objects.filter(kind="explain_limits").exists()
    started = viewer.get(base + "?limits=1").content.decode()
    job = models.Job.objects.get(kind="explain_limits")
    assert f'id="job-{job.pk}"' in started and job.options == {"what_if": {}}
    _work()
    job.refresh_from_db()
    assert job.result is not None
    strategy = validate_data(DatabaseStore(world.workspace).document())
    chosen = plan(strategy, planner_settings(explain=False))
    expected = explain_limits(strategy, chosen)
    assert job.result["value"] == pytest.approx(chosen.value, abs=1e-9)
    got = job.result["sensitivities"]
    assert [s["family"] for s in got] == [s.family for s in expected]
    for answer, wanted in zip(got, expected, strict=True):
        assert answer["value_if_lifted"] == pytest.approx(wanted.value_if_lifted, abs=1e-9)
        assert answer["value_if_cut"] == pytest.approx(wanted.value_if_cut, abs=1e-9)
        assert (answer["binding"], answer["dropped_if_cut"]) == (
            wanted.binding,
            list(wanted.dropped_if_cut),
        )
    assert any(s.binding for s in expected)
    shown = viewer.get(base).content.decode()
    assert "Work out which limits bind (in the background)" not in shown
    assert "Plan value if lifted (% of weighted gap)" in shown
    for s in expected:
        assert f"<td>{escape(s.label)}</td>" in shown and f"<td>{escape(s.unit)}</td>" in shown
    assert shown.count("<td>yes</td>") == sum(s.binding for s in expected)
    assert models.Job.objects.filter(kind="explain_limits").count() == 1  # asked once, kept
