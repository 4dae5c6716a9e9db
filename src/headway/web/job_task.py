"""The task that runs a background job (web/jobs.py) and the kinds of computation it can run:
its claim, the engine call with progress and a heartbeat, its result or failure stored on the
job, and the pruning of old results."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from headway.errors import HeadwayError
from headway.strategy.model import Strategy
from headway.web import models
from headway.web.results import json_ready
from headway.workspace.changes import validated_strategy

logger = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
"""Report progress: the share done (0-1) and what is being done, in words."""
Compute = Callable[[Strategy, dict[str, Any], Progress], dict[str, Any]]


@dataclass(frozen=True)
class JobKind:
    """A kind of computation: its name, its title in words and the engine call behind it."""

    name: str
    title: str
    compute: Compute


KINDS: dict[str, JobKind] = {}


def kind(name: str, title: str) -> Callable[[Compute], Compute]:
    """Register `compute` as the job kind `name` (shown to people as `title`)."""

    def register(compute: Compute) -> Compute:
        KINDS[name] = JobKind(name, title, compute)
        return compute

    return register


@task()
def run_job(job_id: int) -> None:
    """Run the job `job_id` (a django-tasks task): its result or its failure is stored on it."""
    claimed = models.Job.objects.filter(pk=job_id, status="queued")
    now = timezone.now()
    started = {"status": "running", "heartbeat_at": now, "attempts": F("attempts") + 1}
    if not claimed.update(stage="Started", **started):
        return  # done, failed or taken over meanwhile
    job = models.Job.objects.get(pk=job_id)
    stop = threading.Event()
    beat = threading.Thread(target=_beat, args=(job_id, stop), daemon=True)
    beat.start()
    try:
        _finish(job, _compute(job))
    except HeadwayError as error:
        _fail(job, str(error))
    except Exception as error:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        _fail(job, f"The computation failed: {type(error).__name__}: {error}")
    finally:
        stop.set()
        beat.join()
    prune(job.workspace_id, job.kind, settings.HEADWAY_JOB_RESULTS_KEPT)


def _compute(job: models.Job) -> dict[str, Any]:
    def progress(share: float, stage: str) -> None:
        _best_effort(
            job.pk,
            progress=max(0.0, min(1.0, share)),
            stage=stage[:200],
            heartbeat_at=timezone.now(),
        )

    progress(0.02, "Reading the strategy")
    strategy = validated_strategy(job.document, f"job {job.pk}")
    return json_ready(KINDS[job.kind].compute(strategy, job.options, progress))


def prune(workspace_id: int, kind_name: str, keep: int) -> int:
    """Delete the workspace's finished jobs of `kind_name` (done or failed) but the newest
    `keep`, with their finished task records; return how many jobs were deleted. A busy
    database leaves them for the next finished job."""
    finished = models.Job.objects.filter(
        workspace_id=workspace_id, kind=kind_name, status__in=("done", "failed")
    )
    old = list(finished.order_by("-finished_at", "-pk").values_list("pk", "task_id")[keep:])
    if not old:
        return 0
    try:
        with transaction.atomic():
            tasks = DBTaskResult.objects.filter(id__in=[task for _, task in old if task])
            tasks.filter(status__in=("SUCCESSFUL", "FAILED")).delete()
            deleted, _ = finished.filter(pk__in=[pk for pk, _ in old]).delete()
    except OperationalError:
        logger.info("jobs of %s not pruned (database busy)", kind_name)
        return 0
    return deleted


def _best_effort(job_id: int, **fields: Any) -> None:
    """Record progress or a sign of life; a busy database only costs this one update."""
    try:
        models.Job.objects.filter(pk=job_id, status="running").update(**fields)
    except OperationalError:
        logger.info("job %s: progress not recorded (database busy)", job_id)


def _finish(job: models.Job, result: dict[str, Any]) -> None:
    models.Job.objects.filter(pk=job.pk, status="running").update(
        status="done", progress=1.0, stage="Done", result=result, finished_at=timezone.now()
    )


def _fail(job: models.Job, message: str) -> None:
    models.Job.objects.filter(pk=job.pk, status="running").update(
        status="failed", stage="Failed", message=message, finished_at=timezone.now()
    )


def _beat(job_id: int, stop: threading.Event) -> None:
    """Tell the pages the job is alive while a long engine call gives no progress of its own."""
    every = max(1.0, settings.HEADWAY_JOB_STALE_SECONDS / 5)
    try:
        while not stop.wait(every):
            _best_effort(job_id, heartbeat_at=timezone.now())
    finally:
        connections.close_all()
