"""What the web app keeps in its database: workspaces, members, strategy versions, tracking
records, invitations, API tokens, the audit log and failed logins.

Business rules live in the workspace layer and the engine; these are rows. The one rule kept here
is the last line of defence: a published version's document can never be saved again.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from headway.web.permissions import Role

ROLE_CHOICES = [(role.value, role.value) for role in Role]


class Workspace(models.Model):
    """One business's strategy and its tracking data, shared with its members."""

    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    approved_plan = models.JSONField(null=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user"),
        )


class StrategyVersion(models.Model):
    """One published version of a workspace's strategy document (validated JSON); never changed
    after it is written. `number` counts up per workspace from 1."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    document = models.JSONField()
    sha256 = models.CharField(max_length=64)
    note = models.CharField(max_length=500, blank=True)
    saved_by = models.CharField(max_length=150, blank=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("number",)
        constraints = (
            models.UniqueConstraint(fields=["workspace", "number"], name="unique_version_number"),
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError(f"version {self.number} is published and cannot change")
        super().save(*args, **kwargs)


class Draft(models.Model):
    """The workspace's working copy of the next version (at most one).

    `revision` counts its saves: a save based on an older revision is refused, so two people
    editing the same draft never silently overwrite each other (optimistic concurrency).
    """

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="draft")
    document = models.JSONField()
    revision = models.PositiveIntegerField(default=1)
    based_on = models.PositiveIntegerField(null=True)
    updated_by = models.CharField(max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class Measurement(models.Model):
    """One KPI measurement (the rows of the folder's measurements.csv)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="measurements")
    kpi = models.CharField(max_length=100)
    date = models.DateField()
    value = models.FloatField()
    source = models.CharField(max_length=100)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("kpi", "date", "source")
        constraints = (
            models.UniqueConstraint(
                fields=["workspace", "kpi", "date", "source"], name="one_value_per_kpi_day_source"
            ),
        )


class StatusRecord(models.Model):
    """One initiative status record (the rows of the folder's initiatives.csv), in entry order."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="statuses")
    initiative = models.CharField(max_length=100)
    status = models.CharField(max_length=20)
    date = models.DateField()
    owner = models.CharField(max_length=200, blank=True)
    actual_upfront = models.FloatField(null=True, blank=True)
    actual_recurring_per_month = models.FloatField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("id",)


class Replacement(models.Model):
    """A measurement that a later import or entry replaced (the folder's replacements.csv)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="replacements")
    kpi = models.CharField(max_length=100)
    date = models.DateField()
    source = models.CharField(max_length=100)
    old_value = models.FloatField()
    new_value = models.FloatField()
    old_note = models.TextField(blank=True)
    new_note = models.TextField(blank=True)
    recorded_at = models.CharField(max_length=40)
    origin = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("id",)


class Invitation(models.Model):
    """An owner's invitation to join a workspace with a role; its link is signed and expires."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    email = models.EmailField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)


class ApiToken(models.Model):
    """A personal access token for one workspace and role; only its SHA-256 hash is kept."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="tokens")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)


class AuditEntry(models.Model):
    """One change: who (a user, or a user through a token), when, what, before and after."""

    workspace = models.ForeignKey(
        Workspace, null=True, on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    via = models.CharField(max_length=120, default="web")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=60)
    target = models.CharField(max_length=200)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)

    class Meta:
        ordering = ("-at", "-id")


class LoginFailure(models.Model):
    """A failed login, counted per user name and per address to throttle guessing."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=45, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


# Django finds models in this module: the participation models live beside it.
from headway.web.models_jobs import Job as Job  # noqa: E402
from headway.web.models_jobs import Scenario as Scenario  # noqa: E402
from headway.web.models_logs import EventLogUpload as EventLogUpload  # noqa: E402
from headway.web.models_people import Idea as Idea  # noqa: E402
from headway.web.models_people import IdeaComment as IdeaComment  # noqa: E402
from headway.web.models_people import IdeaVote as IdeaVote  # noqa: E402
from headway.web.models_people import PlanApproval as PlanApproval  # noqa: E402
from headway.web.models_people import SurveyInvite as SurveyInvite  # noqa: E402
from headway.web.models_people import SurveyResponse as SurveyResponse  # noqa: E402
from headway.web.models_people import SurveyRound as SurveyRound  # noqa: E402
