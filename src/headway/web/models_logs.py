"""Rows for uploaded event logs: the file kept in the data folder, the background job that
profiles it, and what was merged from it into the strategy's processes."""

from __future__ import annotations

from django.db import models


class EventLogUpload(models.Model):
    """An event log an editor uploaded (`path` in the data folder, named by its SHA-256)."""

    workspace = models.ForeignKey(
        "web.Workspace", on_delete=models.CASCADE, related_name="event_logs"
    )
    name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    path = models.CharField(max_length=500)
    uploaded_by = models.CharField(max_length=150)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    job_id = models.PositiveIntegerField(null=True, blank=True)
    merged = models.JSONField(null=True, blank=True)
    merged_by = models.CharField(max_length=150, blank=True)
    merged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-uploaded_at", "-id")
