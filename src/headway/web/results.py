"""Engine results for the current version, computed once per document and options.

Evaluation and planning are pure functions of the document (and the seed), so a result is kept
under the document's SHA-256: asking again, from any page or API client, reads it back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.db import IntegrityError, transaction

from headway.analysis.evaluate import evaluate
from headway.strategy.model import Strategy
from headway.web import models
from headway.workspace import guided
from headway.workspace.changes import current_strategy
from headway.workspace.store import Document, WorkspaceStore, document_sha256


def json_ready(data: dict[str, Any]) -> dict[str, Any]:
    """`data` as strict JSON: dates as ISO text, and a number that is not finite (a payback
    that never comes) as null, since JSON has no infinity and PostgreSQL's jsonb refuses it."""
    text = json.dumps(data, default=str)
    strict: dict[str, Any] = json.loads(text, parse_constant=lambda _: None)
    return strict


def _cached(key: str, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    row = models.CachedResult.objects.filter(key=key).first()
    if row is not None:
        stored: dict[str, Any] = row.data
        return stored
    data = json_ready(compute())
    try:
        with transaction.atomic():
            models.CachedResult.objects.create(key=key, data=data)
    except IntegrityError:  # computed at the same moment by another request: same result
        pass
    return data


def _current(store: WorkspaceStore) -> tuple[Strategy, str]:
    return current_strategy(store), document_sha256(store.document())


def evaluation(store: WorkspaceStore, seed: int) -> dict[str, Any]:
    """The current version's evaluation (as `headway evaluate --json`) with Monte Carlo `seed`."""
    strategy, sha = _current(store)
    return _cached(f"evaluation:{seed}:{sha}", lambda: evaluate(strategy, seed=seed).to_dict())


def assumption_swings(document: Document, compute: bool = True) -> dict[str, Any] | None:
    """The template figures still assumed in `document`, ranked by how much each moves the plan
    (`headway.workspace.guided.assumption_swings`), under key `swings`; None when it was not
    computed yet and `compute` is False (it takes seconds: a page shows it when ready)."""
    key = f"assumptions:{document_sha256(document)}"
    if not compute and not models.CachedResult.objects.filter(key=key).exists():
        return None
    return _cached(key, lambda: {"swings": [asdict(s) for s in guided.assumption_swings(document)]})
