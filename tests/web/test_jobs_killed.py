"""A `headway worker` process killed in the middle of a job (SIGKILL, as an out-of-memory kill
or a pulled plug would): the job is queued again and a second worker takes it; killed again, the
job is marked failed with a message saying why. Real processes on a real database (a SQLite file,
or a fresh PostgreSQL database when HEADWAY_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
from headway.web import jobs
from headway.web.members import new_workspace
from headway.web.store import DatabaseStore
owner = User.objects.create_user("k", "k@example.com", "kill the worker")
workspace = new_workspace("Killed", owner, "bakery")
job = jobs.submit(workspace, "robustness", DatabaseStore(workspace).document(), {"scenarios": 400})
print(job.id)
"""

LOOK = """
import sys, django
django.setup()
from headway.web import jobs, models
job = jobs.find(models.Workspace.objects.get(), int(sys.argv[1]))
print(job.status); print(job.stage); print(job.message)
"""


@pytest.fixture
def environment(tmp_path: Path) -> Iterator[dict[str, str]]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("HEADWAY_", "DJANGO_"))}
    environ.pop("DATABASE_URL", None)
    environ.update(
        HEADWAY_DATA_DIR=str(tmp_path),
        HEADWAY_JOBS="worker",
        HEADWAY_JOB_STALE_SECONDS="5",
        DJANGO_SETTINGS_MODULE="headway.web.settings",
    )
    server = os.environ.get("HEADWAY_TEST_DATABASE_URL")
    if not server:
        yield environ
        return
    import psycopg

    name = f"headway_killed_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    environ["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/" + name
    yield environ
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _python(code: str, environ: dict[str, str], *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.splitlines()


def _row(environ: dict[str, str], job_id: int) -> tuple[Any, ...]:
    query = "SELECT status, attempts FROM web_job WHERE id = %s"
    if "DATABASE_URL" in environ:
        import psycopg

        with psycopg.connect(environ["DATABASE_URL"]) as db:
            row = db.execute(query, (job_id,)).fetchone()
    else:
        with sqlite3.connect(Path(environ["HEADWAY_DATA_DIR"]) / "headway.db") as db:
            row = db.execute(query.replace("%s", "?"), (job_id,)).fetchone()
    assert row is not None
    return tuple(row)


def _kill_while_running(environ: dict[str, str], job_id: int, attempt: int) -> None:
    headway = str(Path(sys.executable).with_name("headway"))
    worker = subprocess.Popen(
        [headway, "worker"], env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 120
        while _row(environ, job_id) != ("running", attempt):
            assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
            assert time.monotonic() < deadline, f"job not running: {_row(environ, job_id)}"
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert _row(environ, job_id) == ("running", attempt)  # killed in the middle of it


@pytest.mark.slow
def test_a_killed_worker_s_job_is_retried_then_failed(environment: dict[str, str]) -> None:
    job_id = int(_python(SETUP, environment)[-1])
    assert _row(environment, job_id) == ("queued", 0)

    _kill_while_running(environment, job_id, attempt=1)
    time.sleep(6)  # silent for longer than HEADWAY_JOB_STALE_SECONDS
    status, stage, _ = _python(LOOK, environment, str(job_id))
    assert (status, stage) == ("queued", "Started again: its worker stopped")

    _kill_while_running(environment, job_id, attempt=2)
    time.sleep(6)
    status, _, message = _python(LOOK, environment, str(job_id))
    assert status == "failed"
    assert message.startswith("The computation stopped: the worker running it went silent twice")
