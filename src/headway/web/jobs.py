"""Background jobs: long computations run out of the request, with progress, kept by input.

A page asks for a result with `submit(workspace, kind, document, options)`: when the same kind
of computation of the same document (SHA-256) with the same options (hash) was done before in
the workspace, the stored result comes back at once; otherwise a `Job` row is made and a
django-tasks task (database backend) runs it (`web/job_task.py`). The task is a thin wrapper
over a pure engine call registered with `@kind(...)`; it reports progress (0-1 and a stage in
words) that the page shows as a bar. A question whose data changes often (tracking data) is
computed at most every `tracked_refresh_seconds`, the page showing the latest answer meanwhile.

Who runs the tasks (setting `jobs`): a thread of the web process (SQLite, one machine), or any
number of `headway worker` processes against the same database (PostgreSQL). A running job beats
every few seconds; one silent for `job_stale_seconds` lost its worker (killed, out of memory): the
next look at it starts it again once, then marks it failed with a message saying so; a queued
job whose task ended without taking it (its claim refused by a busy database) is treated alike.
No page waits for ever.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from headway.web import models
from headway.web.busy import JobsWaitingError
from headway.web.job_runner import start_thread_runner
from headway.web.job_task import KINDS, run_job
from headway.web.results import json_ready
from headway.web.what_if import planner_settings
from headway.workspace.store import Document, document_sha256

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 2
STOPPED = (
    "The computation stopped: the worker running it went silent twice (killed, restarted or "
    "out of memory). Ask again to start it anew; if it keeps stopping, see docs/web.md "
    "(background jobs)."
)
LOST = (
    "The computation could not start: twice its task ended before taking the job (the "
    "database was busy). Ask again to start it anew; if it keeps failing, see docs/web.md "
    "(background jobs)."
)
RESTARTABLE = (STOPPED, LOST)


@dataclass(frozen=True)
class JobView:
    """What a page shows of a job: its state, progress (0-1), stage, message, result and when
    it finished."""

    id: int
    kind: str
    title: str
    status: str  # queued, running, done or failed
    progress: float
    stage: str
    message: str
    load_result: Callable[[], dict[str, Any] | None] = field(repr=False, compare=False)
    waiting_seconds: float
    finished_at: datetime | None = None
    superseded: bool = False  # a newer question is being computed; this is the latest answer
    pending_id: int | None = None  # the job computing the newer answer, when superseded
    key: str = ""  # the question's key (`job_key`), when asked with `submit`

    @property
    def done(self) -> bool:
        """Whether the result is there."""
        return self.status == "done"

    @cached_property
    def result(self) -> dict[str, Any] | None:
        """The result (when done), read on first use: a page showing its kept HTML needs none."""
        return self.load_result()

    @property
    def percent(self) -> int:
        """Progress in whole percent, 0-100."""
        return round(100 * self.progress)


def job_key(
    workspace: models.Workspace, kind_name: str, sha256: str, options: dict[str, Any]
) -> str:
    """The key a result is kept under: kind, workspace, the document's SHA-256 (`sha256`) and
    the hash of the options and of the planner's settings (`planner_settings`: a plan proven
    under another time limit is another answer). Two workspaces with the same document each
    have their own jobs, as each sees only its own (`find`)."""
    asked = {"options": options, "planner": repr(planner_settings())}
    canonical = json.dumps(asked, sort_keys=True, separators=(",", ":"), default=str)
    options_hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]
    return f"{kind_name}:{workspace.pk}:{sha256}:{options_hash}"


def submit(
    workspace: models.Workspace,
    kind_name: str,
    document: Document,
    options: dict[str, Any],
    *,
    volatile: str | None = None,
    sha256: str | None = None,
) -> JobView:
    """The job computing `kind_name` of `document` with `options`: the stored one (done, or on
    its way) or a new one, queued. Raises `KeyError` for an unknown kind.

    `volatile` names an option that changes often (tracking data pushed every minute): while a
    job of the same question with another value of it is queued or running, no new one is
    queued, and a new one is queued only once none is; meanwhile the latest finished answer
    comes back (`superseded`) so the page shows it at once. A new one starts no sooner than
    `tracked_refresh_seconds` after the last one finished: work stays bounded however fast the
    data changes. `sha256` is the document's, when the caller has it (a published version's).
    Raises `JobsWaitingError` when a new job would exceed the workspace's waiting jobs."""
    sha256 = sha256 or document_sha256(document)
    key = job_key(workspace, kind_name, sha256, options)
    job = _without_inputs(models.Job.objects.filter(key=key)).first()
    if job is None:
        steady = {k: v for k, v in options.items() if k != volatile}
        family = job_key(workspace, kind_name, sha256, steady) if volatile else ""
        if family and _busy(family):
            return _latest(family)
        _refuse_when_full(workspace)
        after = _next_refresh(family) if family else None
        job = _create(workspace, kind_name, key, family, document, options, after)
        if family and job.status == "queued":
            return _latest(family)  # the last answer at once while this one is computed
    elif job.status == "failed" and job.message in RESTARTABLE:
        _start_anew(job)
    return replace(look(job, KINDS[kind_name].title), key=key)


def _refuse_when_full(workspace: models.Workspace) -> None:
    """Raise `JobsWaitingError` when the workspace already has `jobs_waiting_per_workspace`
    computations waiting to start."""
    waiting = models.Job.objects.filter(workspace=workspace, status="queued").count()
    if waiting >= settings.HEADWAY_JOBS_WAITING_PER_WORKSPACE:
        raise JobsWaitingError(waiting)


def _create(
    workspace: models.Workspace,
    kind_name: str,
    key: str,
    family: str,
    document: Document,
    options: dict[str, Any],
    after: datetime | None,
) -> models.Job:
    """A new job, its task to run at once or, when `after` is given, not before then."""
    try:
        with transaction.atomic():
            job = models.Job.objects.create(
                workspace=workspace,
                kind=kind_name,
                key=key,
                family=family,
                document=document,
                options=json_ready(options),
                stage="Waiting to start",
            )
            _enqueue(job, after)
    except IntegrityError:  # asked at the same moment by another request: the same job
        job = _without_inputs(models.Job.objects.filter(key=key)).get()
    return job


def _without_inputs(jobs: Any) -> Any:
    """`jobs` without inputs and result (`JobView.result` reads it when asked): a page needs the
    state, and these (hundreds of kilobytes for a large strategy) would be decoded every view."""
    return jobs.defer("document", "options", "result")


def _next_refresh(family: str) -> datetime | None:
    """When a new answer of `family` may start: `tracked_refresh_seconds` after the last one
    finished, or None when that moment is past (at once)."""
    last = models.Job.objects.filter(family=family, status="done").aggregate(Max("finished_at"))
    finished: datetime | None = last["finished_at__max"]
    if finished is None:
        return None
    when = finished + timedelta(seconds=settings.HEADWAY_TRACKED_REFRESH_SECONDS)
    return when if when > timezone.now() else None


def _busy(family: str) -> bool:
    return models.Job.objects.filter(family=family, status__in=("queued", "running")).exists()


def _latest(family: str) -> JobView:
    """The newest finished job of `family` (marked superseded), else the one on its way."""
    same = _without_inputs(models.Job.objects.filter(family=family))
    in_flight = same.filter(status__in=("queued", "running"))
    for waiting in in_flight:
        look(waiting, KINDS[waiting.kind].title)  # revive a silent one, wake the thread runner
    done = same.filter(status="done").order_by("-finished_at")
    job = done.first() or in_flight.order_by("-id").first()
    if job is None:  # finished or failed meanwhile
        job = same.order_by("-id").first()
    assert job is not None  # _busy saw one
    newer = in_flight.order_by("-id").first()
    view = replace(look(job, KINDS[job.kind].title), key=job.key)
    if job.status != "done" or newer is None:
        return view
    return replace(view, superseded=True, pending_id=newer.pk)


def _start_anew(job: models.Job) -> None:
    """Queue again a job whose workers kept stopping or whose tasks never took it (an engine
    failure would only recur)."""
    with transaction.atomic():
        again = models.Job.objects.filter(pk=job.pk, status="failed", message__in=RESTARTABLE)
        if again.update(status="queued", attempts=0, message="", progress=0.0, stage="Queued"):
            _enqueue(job)
    job.refresh_from_db()


def stored(
    workspace: models.Workspace,
    kind_name: str,
    document: Document,
    options: dict[str, Any],
    *,
    sha256: str | None = None,
) -> JobView | None:
    """The job computing `kind_name` of `document` (SHA-256 `sha256` when known) with `options`
    when one was asked for (done or on its way), else None: for one a page offers, not starts."""
    key = job_key(workspace, kind_name, sha256 or document_sha256(document), options)
    job = _without_inputs(models.Job.objects.filter(key=key)).first()
    return None if job is None else look(job, KINDS[kind_name].title)


def find(workspace: models.Workspace, job_id: int) -> JobView | None:
    """The workspace's job `job_id` as it stands now (its result read when asked), or None
    when there is none."""
    job = _without_inputs(models.Job.objects.filter(workspace=workspace, pk=job_id)).first()
    return None if job is None else look(job, KINDS[job.kind].title)


def look(job: models.Job, title: str) -> JobView:
    """The job's view, after starting it again (or failing it) when its worker went silent or
    its task ended without taking it."""
    _revive_if_silent(job)
    _requeue_if_lost(job)
    if job.status == "queued" and settings.HEADWAY_JOB_RUNNER == "thread":
        start_thread_runner(wake=False)  # a restart of the web process left it queued
    return JobView(
        id=job.pk,
        kind=job.kind,
        title=title,
        status=job.status,
        progress=job.progress,
        stage=job.stage,
        message=job.message,
        load_result=lambda: job.result,
        waiting_seconds=(timezone.now() - job.created_at).total_seconds(),
        finished_at=job.finished_at,
    )


def _enqueue(job: models.Job, after: datetime | None = None) -> None:
    """Queue the task running `job`, to run at once or not before `after`."""
    task = run_job if after is None else run_job.using(run_after=after)
    job.task_id = str(task.enqueue(job.pk).id)
    models.Job.objects.filter(pk=job.pk).update(task_id=job.task_id)
    if settings.HEADWAY_JOB_RUNNER == "thread":
        transaction.on_commit(start_thread_runner)


def _revive_if_silent(job: models.Job) -> None:
    if job.status != "running" or job.heartbeat_at is None:
        return
    silent_since = timezone.now() - timedelta(seconds=settings.HEADWAY_JOB_STALE_SECONDS)
    if job.heartbeat_at >= silent_since:
        return
    mine = models.Job.objects.filter(pk=job.pk, status="running", heartbeat_at=job.heartbeat_at)
    DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now()
    )
    if job.attempts >= MAX_ATTEMPTS:
        if mine.update(status="failed", message=STOPPED, finished_at=timezone.now()):
            logger.warning("job %s failed: its worker went silent twice", job.pk)
    elif mine.update(status="queued", progress=0.0, stage="Started again: its worker stopped"):
        with transaction.atomic():
            _enqueue(job)
    job.refresh_from_db()


def _requeue_if_lost(job: models.Job) -> None:
    """A queued job whose task already ended never ran (the task failed before taking the job,
    e.g. on a busy database): queue it again once, then fail saying so."""
    if job.status != "queued" or not job.task_id:
        return
    ended = ("FAILED", "SUCCESSFUL")
    if not DBTaskResult.objects.filter(id=job.task_id, status__in=ended).exists():
        return
    mine = models.Job.objects.filter(pk=job.pk, status="queued", task_id=job.task_id)
    if job.attempts + 1 >= MAX_ATTEMPTS:  # the task that never began counts as an attempt
        if mine.update(status="failed", message=LOST, finished_at=timezone.now()):
            logger.warning("job %s failed: its tasks ended twice without taking it", job.pk)
    elif mine.update(attempts=F("attempts") + 1, stage="Started again: its task never began"):
        with transaction.atomic():
            _enqueue(job)
    job.refresh_from_db()
