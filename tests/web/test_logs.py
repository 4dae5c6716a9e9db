"""Event logs on the web: an editor uploads a log, a background job profiles it (progress,
then the process map and the automation candidates), and chosen activities are merged into the
draft's processes on confirmation. A file of another kind, one over the size limit, a log that
cannot be read, an unknown activity or role are refused saying so, with nothing stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from headway.web import drafts, models
from tests.web.a11y import check_keyboard, check_page
from tests.web.conftest import PASSWORD, SHOTS, World
from tests.web.test_jobs import _work


def orders_csv(cases: int = 40) -> bytes:
    """An order log: each case is received, checked (twice every fifth case) and confirmed."""
    rows = ["case_id,activity,timestamp"]
    start = dt.datetime(2026, 1, 5, 8, 0)
    for case in range(cases):
        at = start + dt.timedelta(hours=7 * case)
        steps = ["Receive order", "Check stock", *(["Check stock"] if case % 5 == 0 else [])]
        for n, activity in enumerate([*steps, "Confirm order"]):
            rows.append(f"c{case},{activity},{(at + dt.timedelta(minutes=20 * n)).isoformat()}")
    return ("\n".join(rows) + "\n").encode()


def _editor(world: World) -> Client:
    client = Client()
    client.force_login(world.users["editor"])
    return client


def _upload(world: World, name: str, content: bytes) -> tuple[int, object]:
    url = reverse("log_upload", args=[world.workspace.pk])
    response = _editor(world).post(url, {"log": SimpleUploadedFile(name, content)})
    return response.status_code, response


def _uploaded(world: World) -> models.EventLogUpload:
    return (
        models.EventLogUpload.objects.filter(workspace=world.workspace)
        .exclude(pk=world.log_id)
        .get()
    )


@pytest.mark.slow
def test_a_log_is_profiled_in_the_background_then_merged_on_confirmation(world: World) -> None:
    status, _ = _upload(world, "orders.csv", orders_csv())
    assert status == 302
    row = _uploaded(world)
    assert Path(row.path).read_bytes() == orders_csv()
    page = _editor(world).get(reverse("log", args=[world.workspace.pk, row.pk]))
    assert page.context["profile"] is None and page.context["job"].status == "queued"
    assert 'role="status"' in page.content.decode()  # the progress part, polled

    _work()
    page = _editor(world).get(reverse("log", args=[world.workspace.pk, row.pk]))
    profile = page.context["profile"]
    assert profile["totals"]["cases"] == 40
    assert profile["totals"]["events"] == 40 * 3 + 8
    assert "<svg" in page.content.decode()
    activities = [c["activity"] for c in profile["candidates"]]
    assert "Check stock" in activities

    merge = reverse("log_merge", args=[world.workspace.pk, row.pk])
    done = _editor(world).post(merge, {"activities": ["Check stock"], "role": "counter"})
    assert done.status_code == 302
    draft = drafts.current_draft(world.workspace)
    assert draft is not None
    process = next(p for p in draft.document["processes"] if p["id"] == "check-stock")
    assert (process["role"], process["source"]) == ("counter", "measured")
    row.refresh_from_db()
    assert row.merged == {"added": ["check-stock"], "updated": [], "role": "counter"}


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [("activities", ["Not in the log"], "valid choice"), ("role", "astronaut", "valid choice")],
)
def test_a_wrong_merge_is_refused_beside_its_field(
    world: World, field: str, value: object, says: str
) -> None:
    _upload(world, "orders.csv", orders_csv())
    _work()
    row = _uploaded(world)
    data = {"activities": ["Check stock"], "role": "counter", field: value}
    response = _editor(world).post(reverse("log_merge", args=[world.workspace.pk, row.pk]), data)
    assert response.status_code == 400
    assert any(says in e for e in response.context["form"].errors[field])
    assert drafts.current_draft(world.workspace) is None


def test_a_file_of_another_kind_or_too_big_is_refused(world: World, settings: object) -> None:
    status, response = _upload(world, "orders.txt", orders_csv())
    assert status == 400
    assert any(".xes, .xes.gz, .csv or .parquet" in p for p in response.context["problems"])
    settings.MAX_UPLOAD_BYTES = 100  # type: ignore[attr-defined]
    status, response = _upload(world, "orders.csv", orders_csv())
    assert status == 400
    assert any("larger than" in p for p in response.context["problems"])
    assert models.EventLogUpload.objects.count() == 1  # the fixture's only


def test_a_log_that_cannot_be_read_fails_with_a_message(world: World) -> None:
    status, _ = _upload(world, "orders.csv", b"when,what\n1,2\n")
    assert status == 302
    _work()
    row = _uploaded(world)
    page = _editor(world).get(reverse("log", args=[world.workspace.pk, row.pk]))
    job = page.context["job"]
    assert job.status == "failed" and job.message
    assert page.context["profile"] is None


def test_a_viewer_cannot_upload(world: World) -> None:
    client = Client()
    client.force_login(world.users["viewer"])
    url = reverse("log_upload", args=[world.workspace.pk])
    response = client.post(url, {"log": SimpleUploadedFile("a.csv", orders_csv())})
    assert response.status_code == 403
    assert models.EventLogUpload.objects.count() == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_log_pages_in_the_browser(browser: Any, live_server: Any, world: World) -> None:
    """Upload, progress, map and candidates, merge: axe-core, the keyboard and a 360 px look."""
    out = SHOTS / "event-logs"
    out.mkdir(parents=True, exist_ok=True)
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/w/{world.workspace.pk}/logs/")
    check_page(page)
    check_keyboard(page, "main form")
    page.get_by_label("Event log").set_input_files(
        {"name": "orders.csv", "mimeType": "text/csv", "buffer": orders_csv()}
    )
    page.get_by_role("button", name="Upload and profile").click()
    page.get_by_role("progressbar").wait_for()
    page.screenshot(path=out / "01-profiling-in-the-background.png", full_page=True)
    _work()
    page.reload()
    page.get_by_role("heading", name="Process map").wait_for()
    page.get_by_label("Add Check stock").check()
    page.get_by_label("Role that does this work").select_option("counter")
    check_page(page)
    check_keyboard(page, "main form")
    page.screenshot(path=out / "02-map-and-candidates-360px.png", full_page=True)
    page.get_by_role("button", name="Add the ticked activities").click()
    page.get_by_text("Merged into the draft").wait_for()
    page.screenshot(path=out / "03-merged.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_deleting_a_log_removes_it_its_profile_and_its_file_once_no_upload_shares_it(
    world: World,
) -> None:
    assert _upload(world, "orders.csv", orders_csv())[0] == 302
    first = _uploaded(world)
    _work()
    assert first.job_id is not None and models.Job.objects.filter(pk=first.job_id).exists()
    assert _upload(world, "again.csv", orders_csv())[0] == 302  # the same file, kept once
    second = models.EventLogUpload.objects.filter(name="again.csv").get()
    assert second.path == first.path
    viewer = Client()
    viewer.force_login(world.users["viewer"])
    refused = viewer.post(reverse("log_delete", args=[world.workspace.pk, first.pk]))
    assert refused.status_code == 403 and Path(first.path).exists()
    editor = _editor(world)
    gone = editor.post(reverse("log_delete", args=[world.workspace.pk, first.pk]))
    assert gone.status_code == 302
    assert not models.EventLogUpload.objects.filter(pk=first.pk).exists()
    assert Path(first.path).exists()  # the other upload is the same file
    assert models.Job.objects.filter(pk=first.job_id).exists()  # and shares its profile
    editor.post(reverse("log_delete", args=[world.workspace.pk, second.pk]))
    assert not Path(first.path).exists()
    assert not models.Job.objects.filter(pk=first.job_id).exists()
    deleted = models.AuditEntry.objects.filter(workspace=world.workspace, action="log.delete")
    assert sorted(deleted.values_list("before", flat=True)) == ["again.csv", "orders.csv"]
