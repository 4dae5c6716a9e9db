"""The REST API (django-ninja; OpenAPI at /api/openapi.json, browsable at /api/docs).

Each operation resolves the caller's role through `api_member` with its own operation id (the
permission table's key), calls the workspace layer or the engine, and returns plain data.
Errors are RFC 9457 problem details (`application/problem+json`), see `api_errors.py`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.security import HttpBearer, SessionAuth

from headway.monitoring.records import Status, StatusRecord
from headway.monitoring.tables import Table
from headway.web import drafts, models, tokens
from headway.web.access import api_member, signed_in_user
from headway.web.api_errors import install_error_handlers
from headway.web.store import DatabaseStore
from headway.workspace.tracking import import_measurements, record_status


class TokenAuth(HttpBearer):
    """`Authorization: Bearer hw_...`: a personal access token."""

    def authenticate(self, request: HttpRequest, token: str) -> models.ApiToken | None:
        return tokens.authenticate(token)


api = NinjaAPI(
    title="Headway",
    version="1",
    description="Workspaces, strategy versions, measurements, status, evaluation and plan.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
install_error_handlers(api)


class ProblemItem(Schema):
    """One problem: what is wrong and, when known, where and what to do."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    pointer: str | None = None
    expected: str | None = None
    hint: str | None = None


class ProblemOut(Schema):
    """RFC 9457 problem details, with each problem listed."""

    type: str
    title: str
    status: int
    detail: str
    instance: str = ""
    problems: list[ProblemItem] = Field(default_factory=list)
    current_revision: int | None = None


# Every operation may answer with these, as problem details: 400 a malformed request, 401 not
# signed in, 403 a role too low, 404 not there (or another workspace's), 409 refused (a stale
# draft revision), 422 invalid input, 503 the server's environment is in the way.
ERRORS: dict[int, type[Schema]] = dict.fromkeys(
    (400, 401, 403, 404, 409, 422, 429, 503), ProblemOut
)


class WorkspaceOut(Schema):
    id: int
    name: str
    role: str


class MemberOut(Schema):
    username: str
    role: str


class VersionOut(Schema):
    number: int
    saved_at: str
    note: str
    sha256: str


class VersionDocument(VersionOut):
    document: dict[str, Any]


class DraftOut(Schema):
    revision: int
    based_on: int | None
    document: dict[str, Any]


class DraftIn(Schema):
    revision: int
    document: dict[str, Any]


class PublishIn(Schema):
    revision: int
    note: str = ""


class MeasurementIn(Schema):
    kpi: str
    date: str
    value: float
    source: str = ""
    note: str = ""


class MeasurementsIn(Schema):
    measurements: list[MeasurementIn]
    source: str = "api"


class ImportOut(Schema):
    added: int
    replaced: int
    unchanged: int


class MeasurementOut(Schema):
    kpi: str
    date: date
    value: float
    source: str
    note: str


class StatusIn(Schema):
    initiative: str
    status: Status
    date: date
    owner: str = ""
    actual_upfront: float | None = None
    actual_recurring_per_month: float | None = None
    note: str = ""


class StatusOut(StatusIn):
    pass


class RecordedOut(Schema):
    recorded: bool


def _store(request: HttpRequest, workspace_id: int, operation: str) -> DatabaseStore:
    member = api_member(request, workspace_id, operation)
    return DatabaseStore(member.workspace, member.actor.name)


@api.get(
    "/workspaces", response={200: list[WorkspaceOut], **ERRORS}, operation_id="list_workspaces"
)
def list_workspaces(request: HttpRequest) -> list[dict[str, Any]]:
    """The workspaces the caller belongs to (a token: its own workspace only)."""
    auth = getattr(request, "auth", None)
    token = auth if isinstance(auth, models.ApiToken) else None
    user = token.user if token else signed_in_user(request)
    rows = models.Membership.objects.filter(user=user).select_related("workspace")
    if token is not None:
        rows = rows.filter(workspace=token.workspace)
    return [{"id": m.workspace.pk, "name": m.workspace.name, "role": m.role} for m in rows]


@api.get(
    "/workspaces/{workspace_id}",
    response={200: WorkspaceOut, **ERRORS},
    operation_id="get_workspace",
)
def get_workspace(request: HttpRequest, workspace_id: int) -> dict[str, Any]:
    """One workspace and the caller's role in it."""
    member = api_member(request, workspace_id, "get_workspace")
    return {"id": workspace_id, "name": member.workspace.name, "role": member.role.value}


@api.get(
    "/workspaces/{workspace_id}/members",
    response={200: list[MemberOut], **ERRORS},
    operation_id="list_members",
)
def list_members(request: HttpRequest, workspace_id: int) -> list[dict[str, str]]:
    """The workspace's members and their roles."""
    member = api_member(request, workspace_id, "list_members")
    rows = member.workspace.members.select_related("user").order_by("user__username")
    return [{"username": m.user.get_username(), "role": m.role} for m in rows]


@api.get(
    "/workspaces/{workspace_id}/versions",
    response={200: list[VersionOut], **ERRORS},
    operation_id="list_versions",
)
def list_versions(request: HttpRequest, workspace_id: int) -> list[Any]:
    """Every published version, oldest first."""
    return list(_store(request, workspace_id, "list_versions").versions())


@api.get(
    "/workspaces/{workspace_id}/versions/{number}",
    response={200: VersionDocument, **ERRORS},
    operation_id="get_version",
)
def get_version(request: HttpRequest, workspace_id: int, number: int) -> dict[str, Any]:
    """One published version with its document."""
    store = _store(request, workspace_id, "get_version")
    found = next((v for v in store.versions() if v.number == number), None)
    if found is None:
        raise Http404(f"no version {number}")
    return {**found.__dict__, "document": store.version_document(number)}


def _draft_out(draft: models.Draft) -> dict[str, Any]:
    return {"revision": draft.revision, "based_on": draft.based_on, "document": draft.document}


@api.post(
    "/workspaces/{workspace_id}/draft",
    response={200: DraftOut, **ERRORS},
    operation_id="create_draft",
)
def create_draft(request: HttpRequest, workspace_id: int) -> dict[str, Any]:
    """The draft of the next version (made from the latest version when there is none)."""
    member = api_member(request, workspace_id, "create_draft")
    return _draft_out(drafts.start_draft(member.workspace, member.actor))


@api.put(
    "/workspaces/{workspace_id}/draft",
    response={200: DraftOut, **ERRORS},
    operation_id="update_draft",
)
def update_draft(request: HttpRequest, workspace_id: int, body: DraftIn) -> dict[str, Any]:
    """Replace the draft's document; refused (409) when `revision` is not the draft's current
    revision, i.e. someone saved since you read it."""
    member = api_member(request, workspace_id, "update_draft")
    draft = drafts.save_draft(member.workspace, member.actor, body.document, body.revision)
    return _draft_out(draft)


@api.post(
    "/workspaces/{workspace_id}/draft/publish",
    response={200: VersionOut, **ERRORS},
    operation_id="publish_draft",
)
def publish_draft(request: HttpRequest, workspace_id: int, body: PublishIn) -> Any:
    """Publish the draft at `revision` as the next version."""
    member = api_member(request, workspace_id, "publish_draft")
    return drafts.publish_draft(member.workspace, member.actor, body.revision, body.note).version


@api.get(
    "/workspaces/{workspace_id}/measurements",
    response={200: list[MeasurementOut], **ERRORS},
    operation_id="list_measurements",
)
def list_measurements(request: HttpRequest, workspace_id: int) -> list[Any]:
    """Every KPI measurement, by KPI, date and source."""
    return _store(request, workspace_id, "list_measurements").measurements()


@api.post(
    "/workspaces/{workspace_id}/measurements",
    response={200: ImportOut, **ERRORS},
    operation_id="push_measurements",
)
def push_measurements(request: HttpRequest, workspace_id: int, body: MeasurementsIn) -> Any:
    """Add measurements like an import: the same key (KPI, date, source) with the same value
    changes nothing, so pushing twice is harmless; another value replaces it (logged)."""
    store = _store(request, workspace_id, "push_measurements")
    columns = ["kpi", "date", "value", "source", "note"]
    rows: list[tuple[int, list[Any]]] = [
        (n, [m.kpi, m.date, m.value, m.source, m.note])
        for n, m in enumerate(body.measurements, start=1)
    ]
    return import_measurements(store, Table("request", columns, rows), body.source or "api")


@api.get(
    "/workspaces/{workspace_id}/statuses",
    response={200: list[StatusOut], **ERRORS},
    operation_id="list_statuses",
)
def list_statuses(request: HttpRequest, workspace_id: int) -> list[Any]:
    """Every initiative status record, in the order they were made."""
    return _store(request, workspace_id, "list_statuses").status_records()


@api.post(
    "/workspaces/{workspace_id}/statuses",
    response={200: RecordedOut, **ERRORS},
    operation_id="record_status",
)
def record_status_operation(request: HttpRequest, workspace_id: int, body: StatusIn) -> Any:
    """Record an initiative's status; `recorded` is false when the same record already exists."""
    store = _store(request, workspace_id, "record_status")
    return {"recorded": record_status(store, StatusRecord(**body.dict()))}


# The operations that answer with a background job's result register themselves on `api`.
from headway.web import api_computed as api_computed  # noqa: E402
