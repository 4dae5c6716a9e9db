"""The REST API: tokens, problem details, drafts with a revision precondition, idempotent
measurement pushes, status records, results."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from headway.web import models, tokens
from tests.web.conftest import World
from tests.web.test_jobs import _work


def _client(world: World, role: str = "owner") -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens[role]}")


def _send(client: Client, method: str, url: str, body: Any = None) -> Any:
    data = "" if body is None else json.dumps(body)
    return client.generic(method, url, data=data, content_type="application/json")


def test_tokens_are_hashed_and_record_their_last_use(world: World) -> None:
    row = models.ApiToken.objects.get(name="viewer token")
    assert world.tokens["viewer"] not in (row.digest, row.prefix)
    assert row.digest == tokens.digest(world.tokens["viewer"])
    assert row.last_used_at is None
    response = _client(world, "viewer").get("/api/workspaces")
    assert response.json() == [{"id": world.workspace.pk, "name": "Bakery", "role": "viewer"}]
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_a_token_never_exceeds_its_users_role(world: World) -> None:
    models.Membership.objects.filter(user=world.users["editor"]).update(role="viewer")
    url = f"/api/workspaces/{world.workspace.pk}/draft"
    response = _client(world, "editor").post(url)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 403


def test_errors_are_problem_details(world: World) -> None:
    anonymous = Client().get("/api/workspaces")
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/problem+json"
    assert anonymous.json()["title"] == "Not signed in"
    url = f"/api/workspaces/{world.workspace.pk}/measurements"
    bad = _send(_client(world), "POST", url, {"measurements": [{"kpi": "nope"}]})
    assert bad.status_code == 422
    assert bad.json()["problems"], "each invalid field is listed"


def test_draft_updates_need_the_current_revision(world: World) -> None:
    client = _client(world, "editor")
    url = f"/api/workspaces/{world.workspace.pk}/draft"
    draft = client.post(url).json()
    document = draft["document"]
    document["business"]["name"] = "API bakery"
    saved = _send(client, "PUT", url, {"revision": draft["revision"], "document": document})
    assert saved.status_code == 200
    assert saved.json()["revision"] == draft["revision"] + 1
    stale = _send(client, "PUT", url, {"revision": draft["revision"], "document": document})
    assert stale.status_code == 409
    assert stale.json()["current_revision"] == draft["revision"] + 1
    invalid = _send(client, "PUT", url, {"revision": 2, "document": {"kpis": 3}})
    assert invalid.status_code == 422
    published = _send(client, "POST", url + "/publish", {"revision": 2, "note": "via API"})
    assert published.json()["number"] == 2
    version = client.get(f"/api/workspaces/{world.workspace.pk}/versions/2").json()
    assert version["document"]["business"]["name"] == "API bakery"
    assert version["note"] == "via API"


def test_pushing_the_same_measurements_twice_changes_nothing(world: World) -> None:
    client = _client(world, "editor")
    url = f"/api/workspaces/{world.workspace.pk}/measurements"
    kpi = models.StrategyVersion.objects.get(workspace=world.workspace).document["kpis"][0]["id"]
    body = {"measurements": [{"kpi": kpi, "date": "2027-02-01", "value": 12.5}]}
    assert _send(client, "POST", url, body).json() == {"added": 1, "replaced": 0, "unchanged": 0}
    assert _send(client, "POST", url, body).json() == {"added": 0, "replaced": 0, "unchanged": 1}
    body["measurements"][0]["value"] = 13.0
    assert _send(client, "POST", url, body).json() == {"added": 0, "replaced": 1, "unchanged": 0}
    listed = client.get(url).json()
    assert [(m["kpi"], m["date"], m["value"], m["source"]) for m in listed] == [
        (kpi, "2027-02-01", 13.0, "api")
    ]
    assert world.workspace.replacements.get().old_value == 12.5


def test_status_records_are_kept_once(world: World) -> None:
    client = _client(world, "editor")
    url = f"/api/workspaces/{world.workspace.pk}/statuses"
    document = models.StrategyVersion.objects.get(workspace=world.workspace).document
    record = {"initiative": document["initiatives"][0]["id"], "status": "planned"}
    record["date"] = "2027-03-01"
    assert _send(client, "POST", url, record).json() == {"recorded": True}
    assert _send(client, "POST", url, record).json() == {"recorded": False}
    assert client.get(url).json()[0]["status"] == "planned"
    unknown = _send(client, "POST", url, {**record, "initiative": "nope"})
    assert unknown.status_code == 422


def test_the_openapi_document_describes_every_operation(db: None) -> None:
    schema = Client().get("/api/openapi.json").json()
    assert "/api/workspaces/{workspace_id}/draft/publish" in schema["paths"]
    assert Client().get("/api/docs").status_code == 200


@pytest.mark.parametrize("operation", ["evaluation", "plan"])
def test_evaluation_and_plan_are_background_jobs(operation: str, world: World) -> None:
    client = _client(world, "viewer")
    url = f"/api/workspaces/{world.workspace.pk}/{operation}"
    first = client.get(url)
    assert first.status_code == 202 and first["Retry-After"] == "1"
    job = first.json()
    assert (job["kind"], job["status"], job["result"]) == (operation, "queued", None)
    assert first["Location"] == job["url"] == f"{url.rsplit('/', 1)[0]}/jobs/{job['id']}"
    assert client.get(url).json()["id"] == job["id"]  # asked again: the same job, no new one
    _work()
    done = client.get(job["url"]).json()
    assert done["status"] == "done" and done["progress"] == 1.0
    answer = client.get(url)
    assert answer.status_code == 200 and answer.json() == done["result"]
    if operation == "plan":
        assert answer.json()["selected"] and answer.json()["status"] == "optimal"
    else:
        assert answer.json()["scenarios"] == 10_000
    assert _client(world, "outsider").get(job["url"]).status_code == 404


def test_a_failed_computation_is_a_503_problem(world: World) -> None:
    client = _client(world, "viewer")
    url = f"/api/workspaces/{world.workspace.pk}/plan"
    job_id = client.get(url).json()["id"]
    models.Job.objects.filter(pk=job_id).update(status="failed", message="The solver broke.")
    failed = client.get(url)
    assert failed.status_code == 503 and failed["Content-Type"] == "application/problem+json"
    assert failed.json()["detail"] == "The solver broke."
