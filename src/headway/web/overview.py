"""A consultant's overview: for each workspace a user belongs to, the dashboard's signals (gap
closed, plan value, Alignment Index, what needs attention) read from the stored dashboard job.

Nothing is computed here: a workspace whose current version has no finished dashboard answer
says so and links to its dashboard, which asks for one. The answer shown is the newest one of
the current version's dashboard question (any day, any tracking data), dated by its `made_on`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from headway.web import models
from headway.web.analysis import ATTENTION_KINDS


@dataclass(frozen=True)
class Signals:
    """One workspace's dashboard figures as shown: texts with their units."""

    as_of: str  # the day the answer was made for, as the report prints it
    gap_closed: str  # "31.6%" of the weighted strategic gap, by the horizon's end
    plan_value: str  # "31.6%" of the weighted strategic gap, over the horizon
    alignment_index: str  # "62.0 (at risk)" of 100, or words saying there is no tracking data
    attention: tuple[str, ...]  # "2 KPIs off track", kinds with none left out


@dataclass(frozen=True)
class WorkspaceRow:
    """A line of the overview: the workspace, the user's role, and its signals (None: not
    computed yet for the current version; `published` False: nothing published yet)."""

    id: int
    name: str
    role: str
    published: bool
    signals: Signals | None


def overview(memberships: list[models.Membership]) -> list[WorkspaceRow]:
    """The overview rows of `memberships` (workspace selected with them), by workspace name."""
    rows = [_row(m) for m in memberships]
    return sorted(rows, key=lambda r: (r.name.lower(), r.id))


def _row(membership: models.Membership) -> WorkspaceRow:
    workspace = membership.workspace
    latest = workspace.versions.order_by("-number").only("sha256").first()
    result = None if latest is None else dashboard_result(workspace, latest.sha256)
    return WorkspaceRow(
        id=workspace.pk,
        name=workspace.name,
        role=membership.role,
        published=latest is not None,
        signals=None if result is None else _signals(result),
    )


def dashboard_result(workspace: models.Workspace, sha256: str) -> dict[str, Any] | None:
    """The newest finished dashboard answer (a report job with no what-if) of the document
    `sha256`, or None when there is none, or only one made before signals were recorded."""
    prefix = f"report:{workspace.pk}:{sha256}:"
    done = models.Job.objects.filter(
        workspace=workspace, kind="report", status="done", key__startswith=prefix
    )
    dashboard = done.filter(options__what_if={}).order_by("-finished_at", "-pk")
    result: dict[str, Any] | None = dashboard.values_list("result", flat=True).first()
    return result if result and "signals" in result else None


def _signals(result: dict[str, Any]) -> Signals:
    found = result["signals"]
    counted = found["attention"]
    return Signals(
        as_of=result["made_on"],
        gap_closed=found["gap_closed"],
        plan_value=found["plan_value"],
        alignment_index=found["alignment_index"] or "no tracking data yet",
        attention=tuple(
            f"{counted[kind]} {one if counted[kind] == 1 else several}"
            for kind, (one, several) in ATTENTION_KINDS.items()
            if counted[kind]
        ),
    )
