"""The audit log: every change to a workspace with who, when, what, before and after."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User

from headway.web import models


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a signed-in user on the web, or a user through a named API token."""

    user: User | AnonymousUser
    via: str = "web"

    @property
    def name(self) -> str:
        """The user name shown in the log."""
        return self.user.get_username() if self.user.is_authenticated else "(anonymous)"


def record(
    workspace: models.Workspace | None,
    actor: Actor,
    action: str,
    target: str,
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one entry to the log (`before`/`after` as JSON-ready data, None when absent)."""
    models.AuditEntry.objects.create(
        workspace=workspace,
        actor=actor.user if isinstance(actor.user, User) else None,
        actor_name=actor.name,
        via=actor.via,
        action=action,
        target=target,
        before=before,
        after=after,
    )


CSV_COLUMNS = ["at", "user", "via", "action", "target", "before", "after"]


def audit_csv(workspace: models.Workspace) -> str:
    """The workspace's whole log as CSV, newest first; before/after as JSON text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in workspace.audit_entries.all():
        writer.writerow(
            [
                entry.at.isoformat(timespec="seconds"),
                entry.actor_name,
                entry.via,
                entry.action,
                entry.target,
                "" if entry.before is None else json.dumps(entry.before, sort_keys=True),
                "" if entry.after is None else json.dumps(entry.after, sort_keys=True),
            ]
        )
    return out.getvalue()
