"""Results kept by their input, and engine results as strict JSON.

The guided start's assumption swings are a pure function of the draft document, so they are
kept under the workspace and the document's SHA-256: asking again reads them back. Only a
workspace's newest few are kept (`job_results_kept`), as for the background jobs' results.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from headway.web import models
from headway.workspace import guided
from headway.workspace.store import Document, document_sha256


def json_ready(data: dict[str, Any]) -> dict[str, Any]:
    """`data` as strict JSON: dates as ISO text, and a number that is not finite (a payback
    that never comes) as null, since JSON has no infinity and PostgreSQL's jsonb refuses it."""
    text = json.dumps(data, default=str)
    strict: dict[str, Any] = json.loads(text, parse_constant=lambda _: None)
    return strict


def kept_result(
    workspace: models.Workspace, kind: str, key: str, compute: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """The result kept under `key` (of `kind`, in `workspace`), else `compute`d and kept; only
    the workspace's newest `job_results_kept` of a kind are kept (`prune_cached`)."""
    row = models.CachedResult.objects.filter(key=key).first()
    if row is not None:
        stored: dict[str, Any] = row.data
        return stored
    data = json_ready(compute())
    try:
        with transaction.atomic():
            models.CachedResult.objects.create(workspace=workspace, key=key, data=data)
    except IntegrityError:  # computed at the same moment by another request: same result
        pass
    prune_cached(workspace, kind, settings.HEADWAY_JOB_RESULTS_KEPT)
    return data


def prune_cached(workspace: models.Workspace, kind: str, keep: int) -> int:
    """Delete the workspace's kept results of `kind` but the newest `keep` (older inputs: a
    draft since changed); return how many were deleted."""
    rows = models.CachedResult.objects.filter(workspace=workspace, key__startswith=f"{kind}:")
    old = list(rows.order_by("-computed_at", "-pk").values_list("pk", flat=True)[keep:])
    deleted, _ = rows.filter(pk__in=old).delete() if old else (0, {})
    return deleted


def assumption_swings(
    workspace: models.Workspace, document: Document, compute: bool = True
) -> dict[str, Any] | None:
    """The template figures still assumed in `document` (the workspace's draft), ranked by how
    much each moves the plan (`headway.workspace.guided.assumption_swings`), under key `swings`;
    None when it was not computed yet and `compute` is False (it takes seconds: a page shows it
    when ready)."""
    key = f"assumptions:{workspace.pk}:{document_sha256(document)}"
    if not compute and not models.CachedResult.objects.filter(key=key).exists():
        return None

    def swings() -> dict[str, Any]:
        return {"swings": [asdict(s) for s in guided.assumption_swings(document)]}

    return kept_result(workspace, "assumptions", key, swings)
