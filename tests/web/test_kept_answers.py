"""What a page view reuses instead of recomputing: the published document (read once per
process), the validated strategy (once per document), the engine's results without tracking
(once per question) and a finished answer's HTML (once per job) — and none of it outlives the
version or the job it belongs to."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from headway.strategy.load import validate_data
from headway.web import analysis, drafts, models
from headway.web.analysis import report_answer, tracking_rows
from headway.web.audit import Actor
from headway.web.store import DatabaseStore, published
from headway.workspace.changes import current_strategy
from headway.workspace.kept import Kept
from headway.workspace.store import document_sha256
from headway.workspace.tracking import add_measurement, tracking
from tests.web.conftest import PASSWORD, World
from tests.web.test_jobs import _work


def _publish_renamed(world: World, name: str) -> None:
    """Publish a new version whose first initiative is called `name`."""
    document: dict[str, Any] = DatabaseStore(world.workspace).document()
    document["initiatives"][0]["name"] = name
    owner = Actor(world.users["owner"])
    saved = drafts.save_draft(world.workspace, owner, document, None)
    drafts.publish_draft(world.workspace, owner, saved.revision, "renamed")


def test_the_published_document_and_strategy_are_shared_until_a_new_version(
    world: World,
) -> None:
    sha, document = published(world.workspace) or ("", {})
    assert sha == document_sha256(document)
    assert published(world.workspace) == (sha, document)
    assert published(world.workspace)[1] is document  # type: ignore[index]
    store = DatabaseStore(world.workspace)
    assert current_strategy(store) is current_strategy(store)
    _publish_renamed(world, "Renamed for the new version")
    newer_sha, newer = published(world.workspace) or ("", {})
    assert newer_sha != sha and newer["initiatives"][0]["name"] == "Renamed for the new version"
    assert current_strategy(store).initiatives[0].name == "Renamed for the new version"


def test_a_tracked_answer_equals_one_computed_from_scratch(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DatabaseStore(world.workspace)
    kpi = current_strategy(store).kpis[0].id
    add_measurement(store, kpi, "2027-03-01", "1", "till")
    strategy = validate_data(store.document())
    steady = {"what_if": {}, "made_on": "2027-06-30", "seed": 0, "tracking": None}
    tracked = {**steady, "tracking": tracking_rows(tracking(store))}
    report_answer(strategy, steady)  # keeps the engine's results for this question
    reused = report_answer(strategy, tracked)
    monkeypatch.setattr(analysis, "_reports", Kept(4))  # a fresh process: nothing kept
    assert reused == report_answer(strategy, tracked)
    assert any(s["id"] == "scorecard" for s in reused["sections"])


def test_a_page_shows_the_new_versions_answer_not_the_kept_html(world: World) -> None:
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    page = f"/w/{world.workspace.pk}/evaluation/"
    client.get(page)
    _work()
    first = client.get(page).content.decode()
    assert "<progress" not in first and "Renamed for the new version" not in first
    _publish_renamed(world, "Renamed for the new version")
    client.get(page)
    _work()
    assert "Renamed for the new version" in client.get(page).content.decode()


def _reads_a_result(queries: CaptureQueriesContext) -> bool:
    return any('_job"."result"' in query["sql"] for query in queries.captured_queries)


def _answer(page: str) -> str:
    """The page's own part (the heading on), without the sign-out form's one-time token."""
    return page[page.index("<h1>") : page.index("</main>")]


def test_a_kept_answer_is_shown_without_reading_the_result_until_a_new_measurement(
    world: World,
) -> None:
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    page = f"/w/{world.workspace.pk}/dashboard/"
    client.get(page)
    _work()
    with CaptureQueriesContext(connection) as first:
        shown = client.get(page).content.decode()
    assert _reads_a_result(first) and 'id="gaps' in shown and "<progress" not in shown
    with CaptureQueriesContext(connection) as again:
        kept = client.get(page).content.decode()
    assert not _reads_a_result(again)  # the answer's HTML and attention were kept
    assert _answer(kept) == _answer(shown)
    store = DatabaseStore(world.workspace)
    add_measurement(store, current_strategy(store).kpis[0].id, "2026-11-02", "5", "till")
    client.get(page)  # asks for the answer with the new measurement
    _work()
    with CaptureQueriesContext(connection) as newer:
        fresh = client.get(page).content.decode()
    assert _reads_a_result(newer)  # a new job: its answer is read and shown
    assert 'id="scorecard"' in fresh and 'id="scorecard"' not in shown


def test_the_progress_part_reads_no_result_nor_document(world: World) -> None:
    """A page showing the latest answer polls the newer job's progress every 2 s: a look at a
    job reads its state only, never its inputs or result (hundreds of kilobytes)."""
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    client.get(f"/w/{world.workspace.pk}/dashboard/")
    _work()
    job = models.Job.objects.get(kind="report", status="done")
    with CaptureQueriesContext(connection) as seen:
        part = client.get(f"/w/{world.workspace.pk}/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
    assert part.status_code == 200 and part["HX-Refresh"] == "true"
    read = " ".join(query["sql"] for query in seen.captured_queries)
    assert '_job"."result"' not in read and '_job"."document"' not in read
