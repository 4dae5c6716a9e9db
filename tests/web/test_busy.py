"""A workspace's queue of computations is bounded (setting jobs_waiting_per_workspace): one more
is refused with 429 and Retry-After on the pages and in the API, a question already asked is
still answered, and the workspace accepts new ones once its queue has room."""

from __future__ import annotations

from typing import Any

from django.test import Client

from headway.web import models
from tests.web.conftest import PASSWORD, World
from tests.web.test_jobs import _work


def test_a_full_queue_refuses_a_new_question_until_it_has_room(world: World, settings: Any) -> None:
    settings.HEADWAY_JOBS_WAITING_PER_WORKSPACE = 2  # the world already queued an evaluation
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    base = f"/w/{world.workspace.pk}"
    assert client.get(f"{base}/plan/").status_code == 200  # the second waiting job
    refused = client.get(f"{base}/plan/?budget_total=3000")
    assert refused.status_code == 429 and refused["Retry-After"] == "10"
    assert "2 computations of this workspace are already waiting" in refused.content.decode()
    assert client.get(f"{base}/plan/").status_code == 200  # asked before: no new job
    api = client.get(f"/api/workspaces/{world.workspace.pk}/plan")
    assert api.status_code == 429 and api["Content-Type"] == "application/problem+json"
    assert api.json()["status"] == 429 and api["Retry-After"] == "10"
    assert models.Job.objects.filter(workspace=world.workspace, status="queued").count() == 2
    elsewhere = Client()
    elsewhere.login(username="outsider", password=PASSWORD)
    assert elsewhere.get(f"/w/{world.other.pk}/plan/").status_code == 200  # its own queue
    _work()
    assert client.get(f"{base}/plan/?budget_total=3000").status_code == 200
    assert client.get(f"/api/workspaces/{world.workspace.pk}/plan").status_code == 202
