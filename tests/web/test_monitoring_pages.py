"""Monitoring in the web app on the bakery's worked example (a year of measurements): the upload
is imported, a live initiative's status recorded, the dashboard names a KPI off track and an
initiative not delivering; publishing the example's changed strategy (headway-v2.yaml) gives a
realignment that stops initiatives."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from headway.web import drafts, models
from headway.web.audit import Actor
from headway.web.documents import read_document
from headway.workspace.example import EXAMPLE_DIR
from tests.web.conftest import PASSWORD, World
from tests.web.test_jobs import _work


def _editor(world: World) -> Client:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    return client


def test_a_year_of_measurements_then_a_new_version(world: World, settings: Any) -> None:
    import datetime as dt

    settings.HEADWAY_TODAY = dt.date(2027, 12, 31)
    client, base = _editor(world), f"/w/{world.workspace.pk}"
    csv = (EXAMPLE_DIR / "measurements.csv").read_bytes()
    upload = SimpleUploadedFile("measurements.csv", csv, content_type="text/csv")
    done = client.post(f"{base}/monitoring/upload/", {"file": upload}, follow=True)
    assert "Measurements imported (280 added, 0 replaced, 0 unchanged)." in done.content.decode()
    status = {
        "status-initiative": "online-shop",
        "status-status": "live",
        "status-date": "2027-04-05",
        "status-actual_upfront": "3600",
        "status-actual_recurring_per_month": "95",
    }
    recorded = client.post(f"{base}/monitoring/status/", status, follow=True)
    assert "Status recorded." in recorded.content.decode()
    client.get(f"{base}/dashboard/")
    _work()  # the answer with the measurements (the status came while it was queued)
    assert "the next computation includes them" in client.get(f"{base}/dashboard/").content.decode()
    _work()  # the answer with the status too
    dashboard = client.get(f"{base}/dashboard/").content.decode()
    assert "What needs attention" in dashboard
    assert "KPI off track: Share of revenue from online and pre-orders" in dashboard
    assert (
        "Initiative not delivering: Own online pre-ordering with click &amp; collect" in dashboard
    )
    monitoring = client.get(f"{base}/monitoring/").content.decode()
    assert '<section id="scorecard"' in monitoring and '<section id="kpi-trends"' in monitoring

    editor = Actor(world.users["editor"])
    new = read_document((EXAMPLE_DIR / "headway-v2.yaml").read_bytes(), "headway-v2.yaml")
    saved = drafts.save_draft(world.workspace, editor, new, None)
    drafts.publish_draft(world.workspace, editor, saved.revision, "v2")
    client.get(f"{base}/realignment/")
    _work()
    page = client.get(f"{base}/realignment/").content.decode()
    assert "Version 2 against version 1" in page
    assert "<td><strong>stop</strong></td>" in page
    assert models.Job.objects.filter(kind="realign", status="done").count() == 1


def test_a_bad_measurement_is_refused_with_its_reason(world: World) -> None:
    client, base = _editor(world), f"/w/{world.workspace.pk}"
    bad = SimpleUploadedFile("m.csv", b"kpi,date,value\nno-such-kpi,2027-01-01,3\n")
    page = client.post(f"{base}/monitoring/upload/", {"file": bad}, follow=True)
    assert "no-such-kpi" in page.content.decode()
    assert models.Measurement.objects.count() == 0
    typed = {"kpi": "queue-minutes", "date": "2027-01-01", "value": "many", "source": "manual"}
    page = client.post(f"{base}/monitoring/add/", typed, follow=True)
    assert "many" in page.content.decode() and models.Measurement.objects.count() == 0
