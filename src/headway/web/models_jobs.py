"""The background job table (web/jobs.py): a long computation's state, progress and result."""

from __future__ import annotations

from django.db import models

from headway.web.models import Workspace


class Job(models.Model):
    """A long computation (Monte Carlo, frontier, robustness, a plan with its explanations) run
    out of the request by a background worker, and its result, kept under `key`: the kind, the
    document's SHA-256 and the hash of the options, so the same question is answered once."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200, unique=True)
    family = models.CharField(max_length=200, default="", db_index=True)  # key but tracking
    document = models.JSONField()
    options = models.JSONField(default=dict)
    status = models.CharField(max_length=10, default="queued")
    progress = models.FloatField(default=0.0)
    stage = models.CharField(max_length=200, default="")
    message = models.TextField(default="")
    result = models.JSONField(null=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)


class Scenario(models.Model):
    """A saved what-if of a workspace: its name and its changes (plain JSON: budget, change
    capacity, initiatives forced in or out), compared side by side on the scenarios page."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(max_length=100)
    what_if = models.JSONField(default=dict)
    saved_by = models.CharField(max_length=150)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(fields=("workspace", "name"), name="scenario_name_unique"),
        )
