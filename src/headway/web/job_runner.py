"""Who runs the background jobs (web/jobs.py): a thread of the web process, started when a job
is queued and sleeping while one is queued to run later (the `thread` setting of `jobs`), or
`headway worker` processes; both are django-tasks-db's worker loop over the default queue."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import datetime
from typing import Any

from django.db import DatabaseError, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

RETRIES = 20
"""Database errors in a row after which the thread stops (the next job queued starts one)."""
LONGEST_NAP = 60.0
"""Seconds at most the thread sleeps for a task due later before it looks again."""
_runner_lock = threading.Lock()
_runner: threading.Thread | None = None
_again = False
_wake = threading.Event()


def start_thread_runner(*, wake: bool = True) -> None:
    """Run the queued tasks in a thread of this process (the `thread` setting of `jobs`),
    starting one when none runs. `wake`: a task was just queued; a thread already running, or
    sleeping until a task due later, looks once more at once."""
    global _runner, _again
    with _runner_lock:
        if _runner is not None and _runner.is_alive():
            if wake:
                _again = True  # queued after its last look: it looks once more
                _wake.set()
            return
        _again = False
        _runner = threading.Thread(target=_run_queued, name="headway-jobs", daemon=True)
        _runner.start()


def wait_until_idle(seconds: float) -> bool:
    """Wait up to `seconds` for this process's job thread to finish what is queued; whether it
    did (shutting down cleanly, or a test before its database is dropped)."""
    with _runner_lock:
        runner = _runner
    if runner is not None:
        runner.join(timeout=seconds)
        return not runner.is_alive()
    return True


def _run_queued() -> None:
    """Run what is due, then sleep until the next task due later (a tracked answer waiting
    for its refresh, web/jobs.py); end when nothing is left."""
    global _runner, _again
    errors = 0
    try:
        while True:
            try:
                make_worker(batch=True, worker_id="thread").run()
                nap = _seconds_to_next_task()
                errors = 0  # counted in a row
            except DatabaseError:  # busy, or a task's record deleted meanwhile: look again
                logger.warning("background jobs: database error, trying again", exc_info=True)
                errors += 1
                if errors < RETRIES:
                    time.sleep(0.5)
                    continue
                nap = None
            with _runner_lock:  # done, or failing for good: the next queued job starts anew
                if _again:
                    _again = False
                    continue
                if nap is None:
                    _runner = None
                    return
                _wake.clear()
            _wake.wait(nap)
    finally:
        connections.close_all()


def _seconds_to_next_task() -> float | None:
    """Seconds until the earliest task queued to run later is due (at most `LONGEST_NAP`), or
    None when there is none."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    later = DBTaskResult.objects.filter(status="READY", queue_name="default")
    first = later.exclude(run_after=get_date_max()).order_by("run_after").first()
    if first is None:
        return None
    due: datetime = first.run_after
    return min(LONGEST_NAP, max(0.0, (due - timezone.now()).total_seconds()))


def make_worker(*, batch: bool, worker_id: str) -> Any:
    """django-tasks-db's worker loop over the default queue (`batch`: until nothing is left)."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["default"],
        interval=0 if batch else 1,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=None,
        worker_id=worker_id[:64],
        excluded_queue_names=[],
    )


def run_worker() -> None:
    """Run queued jobs until stopped (`headway worker`); Ctrl+C lets the running one finish."""
    worker = make_worker(batch=False, worker_id=f"{socket.gethostname()}-{os.getpid()}")
    worker.configure_signals()
    worker.run()
