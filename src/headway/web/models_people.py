"""Rows for staff participation: ideas with votes and comments, readiness survey rounds (a
pulse) with their per-person links and answers, and the record of every plan approval.

Imported by `headway.web.models`, so Django sees them as models of the web app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

IDEA_KINDS = [("pain", "a pain point"), ("automation", "an automation idea")]


class Idea(models.Model):
    """A member's pain point or automation idea for a process, with what it costs them.

    `initiative` is the id of the initiative an editor made of it (blank until then), so the
    submitter sees what became of it."""

    workspace = models.ForeignKey("web.Workspace", on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=IDEA_KINDS)
    title = models.CharField(max_length=200)
    process = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    times_per_month = models.FloatField()
    hours_each = models.FloatField()
    errors_per_month = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)
    initiative = models.CharField(max_length=100, blank=True)
    converted_by = models.CharField(max_length=150, blank=True)
    converted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")


class IdeaVote(models.Model):
    """One member's vote for an idea (at most one each)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["idea", "user"], name="one_vote_per_idea"),)


class IdeaComment(models.Model):
    """A member's comment on an idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=150)
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")


class SurveyRound(models.Model):
    """One round of the readiness survey (a pulse); `number` counts up per workspace."""

    workspace = models.ForeignKey(
        "web.Workspace", on_delete=models.CASCADE, related_name="survey_rounds"
    )
    number = models.PositiveIntegerField()
    opened_by = models.CharField(max_length=150)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("number",)
        constraints = (
            models.UniqueConstraint(fields=["workspace", "number"], name="unique_round_number"),
        )


class SurveyInvite(models.Model):
    """A staff member's link to one round; only the SHA-256 of its token is kept. The link
    answers once; the answer itself is not tied to the link when given anonymously."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invites")
    name = models.CharField(max_length=100)
    role = models.CharField(max_length=60)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("id",)


class SurveyResponse(models.Model):
    """One person's answers in a round (question id -> 1..5); `name` is blank when anonymous."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    name = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=60)
    answers = models.JSONField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)


class PlanApproval(models.Model):
    """One approval of the plan (the record `Approval.to_data` makes); numbered per workspace,
    never changed; the latest is also the workspace's `approved_plan`."""

    workspace = models.ForeignKey(
        "web.Workspace", on_delete=models.CASCADE, related_name="approvals"
    )
    number = models.PositiveIntegerField()
    record = models.JSONField()
    approved_by = models.CharField(max_length=150)
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("number",)
        constraints = (
            models.UniqueConstraint(fields=["workspace", "number"], name="unique_approval_number"),
        )
