"""schemathesis against /api/openapi.json: generated requests to every operation, as the owner's
token, never get a server error or a response that breaks the documented schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from headway.web.wsgi import application
from tests.web.conftest import World

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def same_connection() -> Iterator[None]:
    """Keep the test's database connection through each request (as Django's test client
    does): the WSGI handler would otherwise close it, and the test's transaction with it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_within_its_schema(case: Any, world: World, same_connection: None) -> None:
    if "workspace_id" in (case.path_parameters or {}):
        case.path_parameters["workspace_id"] = world.workspace.pk
    case.call_and_validate(
        headers={"Authorization": f"Bearer {world.tokens['owner']}"},
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )


def test_computed_results_document_the_job_answer(db: None) -> None:
    """The evaluation and the plan answer 200 with the result or 202 with the job computing
    it; the job's own operation describes the same job."""
    paths = Client().get("/api/openapi.json").json()["paths"]
    job = "#/components/schemas/JobOut"
    for operation in ("evaluation", "plan"):
        responses = paths[f"/api/workspaces/{{workspace_id}}/{operation}"]["get"]["responses"]
        assert {"200", "202", "503"} <= set(responses)
        assert responses["202"]["content"]["application/json"]["schema"]["$ref"] == job
    followed = paths["/api/workspaces/{workspace_id}/jobs/{job_id}"]["get"]["responses"]
    assert followed["200"]["content"]["application/json"]["schema"]["$ref"] == job
