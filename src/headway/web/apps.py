"""The Django app that holds Headway's models, templates and static files."""

from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    """Headway's web app (label `web`)."""

    name = "headway.web"
    label = "web"
    verbose_name = "Headway"

    def ready(self) -> None:
        """Register the background job kinds (the worker and the pages look them up by name)."""
        from headway.web import event_logs, job_kinds  # noqa: F401
