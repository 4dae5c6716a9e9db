"""Background jobs (web/jobs.py): a page's computation is queued once per document and options,
run by django-tasks-db's worker with progress, its result kept so asking again is instant; a
failure is a message; a worker gone silent is replaced once, then the job fails saying so."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from headway.web import jobs, models
from headway.web.job_runner import make_worker
from headway.web.store import DatabaseStore
from tests.web.conftest import PASSWORD, World


def _work() -> None:
    """Run every queued task in this thread as `headway worker` does (its claim and run; not its
    loop, which closes the database connection that holds the test's transaction)."""
    worker = make_worker(batch=True, worker_id="test")
    for task_result in DBTaskResult.objects.ready():
        task_result.claim("test")
        worker.run_task(task_result)


def test_evaluation_job_runs_once_and_is_kept(world: World) -> None:
    document = DatabaseStore(world.workspace).document()
    first = jobs.submit(world.workspace, "evaluation", document, {"seed": 3, "scenarios": 200})
    assert (first.status, first.progress, first.result) == ("queued", 0.0, None)
    _work()
    done = jobs.find(world.workspace, first.id)
    assert done is not None and done.done and done.percent == 100
    assert done.result is not None
    assert done.result["seed"] == 3 and done.result["scenarios"] == 200
    assert {i["initiative"] for i in done.result["initiatives"]} == {
        i["id"] for i in document["initiatives"]
    }
    again = jobs.submit(world.workspace, "evaluation", document, {"scenarios": 200, "seed": 3})
    assert again.id == first.id and again.done  # same input: the stored result, no new job
    other = jobs.submit(world.workspace, "evaluation", document, {"seed": 4, "scenarios": 200})
    assert other.id != first.id and other.status == "queued"
    assert models.Job.objects.get(pk=first.id).attempts == 1


def test_a_failing_computation_is_a_message(world: World) -> None:
    document = DatabaseStore(world.workspace).document()
    job = jobs.submit(world.workspace, "evaluation", document, {"scenarios": 0})
    _work()
    failed = jobs.find(world.workspace, job.id)
    assert failed is not None and failed.status == "failed"
    assert "scenarios must be between 1 and" in failed.message
    assert failed.result is None


def _silence(job_id: int, attempts: int) -> None:
    """As if the worker running the job had been killed a while ago."""
    long_ago = timezone.now() - timedelta(seconds=3600)
    models.Job.objects.filter(pk=job_id).update(
        status="running", heartbeat_at=long_ago, attempts=attempts
    )


def test_a_silent_job_is_run_again_once_then_fails(world: World) -> None:
    document = DatabaseStore(world.workspace).document()
    job = jobs.submit(world.workspace, "evaluation", document, {"scenarios": 100})
    _silence(job.id, attempts=1)
    retried = jobs.find(world.workspace, job.id)
    assert retried is not None and retried.status == "queued"
    assert "Started again" in retried.stage
    _silence(job.id, attempts=2)
    failed = jobs.find(world.workspace, job.id)
    assert failed is not None and failed.status == "failed"
    assert failed.message == jobs.STOPPED
    anew = jobs.submit(world.workspace, "evaluation", document, {"scenarios": 100})
    assert (anew.id, anew.status) == (job.id, "queued")
    _work()
    finished = jobs.find(world.workspace, job.id)
    assert finished is not None and finished.done


def _lose_task(job_id: int) -> None:
    """As if the job's task had failed before taking the job (its claim refused by the
    database): the task ended, the job is still queued."""
    task_id = models.Job.objects.get(pk=job_id).task_id
    DBTaskResult.objects.filter(id=task_id).update(status="FAILED", finished_at=timezone.now())


def test_a_job_whose_task_never_took_it_is_queued_again_once_then_fails(world: World) -> None:
    document = DatabaseStore(world.workspace).document()
    job = jobs.submit(world.workspace, "evaluation", document, {"scenarios": 100})
    first_task = models.Job.objects.get(pk=job.id).task_id
    _lose_task(job.id)
    retried = jobs.find(world.workspace, job.id)
    assert retried is not None and retried.status == "queued"
    assert "Started again" in retried.stage
    assert models.Job.objects.get(pk=job.id).task_id != first_task  # a new task is queued
    _lose_task(job.id)
    failed = jobs.find(world.workspace, job.id)
    assert failed is not None and failed.status == "failed" and failed.message == jobs.LOST
    anew = jobs.submit(world.workspace, "evaluation", document, {"scenarios": 100})
    assert (anew.id, anew.status) == (job.id, "queued")
    _work()
    finished = jobs.find(world.workspace, job.id)
    assert finished is not None and finished.done


def test_progress_part_polls_until_done(world: World) -> None:
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    document = DatabaseStore(world.workspace).document()
    job = jobs.submit(world.workspace, "evaluation", document, {"scenarios": 100})
    url = f"/w/{world.workspace.pk}/jobs/{job.id}/"
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert waiting.status_code == 200 and b"<progress" in waiting.content
    assert b'hx-trigger="every 1s"' in waiting.content and "HX-Refresh" not in waiting
    _work()
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true" and b"hx-trigger" not in done.content
    assert client.get(f"/w/{world.workspace.pk}/jobs/{job.id + 1000}/").status_code == 404
    outsider = Client()
    outsider.login(username="outsider", password=PASSWORD)
    assert outsider.get(url).status_code in (403, 404)


@pytest.mark.django_db(transaction=True)
def test_thread_runner_runs_jobs_in_the_web_process(settings: Any, django_user_model: Any) -> None:
    from headway.web.members import new_workspace

    settings.HEADWAY_JOB_RUNNER = "thread"
    owner = django_user_model.objects.create_user("thread-owner", "t@example.com", PASSWORD)
    workspace = new_workspace("Threaded", owner, "bakery")
    document = DatabaseStore(workspace).document()
    job = jobs.submit(workspace, "evaluation", document, {"scenarios": 100})
    deadline = timezone.now() + timedelta(seconds=120)
    while (seen := jobs.find(workspace, job.id)) is not None and not seen.done:
        assert seen.status != "failed", seen.message
        assert timezone.now() < deadline, f"still {seen.status} after 120 s"
        time.sleep(1)
    assert seen is not None and seen.result is not None and seen.result["scenarios"] == 100


def test_fast_changing_data_never_queues_more_than_one_job(world: World, settings: Any) -> None:
    settings.HEADWAY_TRACKED_REFRESH_SECONDS = 0
    document = DatabaseStore(world.workspace).document()

    def ask(rows: int) -> jobs.JobView:
        options = {"scenarios": 100, "tracking": list(range(rows))}
        return jobs.submit(world.workspace, "evaluation", document, options, volatile="tracking")

    first = ask(1)
    assert ask(2).id == first.id  # the first is still queued: no second job
    assert models.Job.objects.count() == 2  # the fixture's and this one
    _work()
    latest = ask(2)  # queues the second and shows the first at once, marked so
    assert (latest.id, latest.done, latest.superseded) == (first.id, True, True)
    assert ask(3).id == first.id  # while the second is queued: no third job
    assert models.Job.objects.count() == 3
    _work()
    newest = ask(2)
    assert newest.id not in (first.id,) and newest.done and not newest.superseded


def _ask_tracked(workspace: models.Workspace, rows: int) -> jobs.JobView:
    """The evaluation job of `workspace` with `rows` (volatile) tracking rows in its options."""
    document = DatabaseStore(workspace).document()
    options = {"scenarios": 100, "tracking": list(range(rows))}
    return jobs.submit(workspace, "evaluation", document, options, volatile="tracking")


def test_fast_changing_data_is_computed_again_at_most_every_refresh(
    world: World, settings: Any
) -> None:
    settings.HEADWAY_TRACKED_REFRESH_SECONDS = 60
    first = _ask_tracked(world.workspace, 1)
    assert first.status == "queued"  # nothing computed before: at once
    _work()
    finished = models.Job.objects.get(pk=first.id).finished_at
    shown = _ask_tracked(world.workspace, 2)  # new data within the refresh: queued to run later
    assert (shown.id, shown.done, shown.superseded) == (first.id, True, True)
    pending = models.Job.objects.get(pk=shown.pending_id)
    task = DBTaskResult.objects.get(id=pending.task_id)
    assert task.run_after == finished + timedelta(seconds=60)
    _work()  # not due yet: not run
    assert models.Job.objects.get(pk=pending.pk).status == "queued"
    assert _ask_tracked(world.workspace, 3).pending_id == pending.pk  # no third job meanwhile
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
    _work()
    newest = _ask_tracked(world.workspace, 2)
    assert (newest.id, newest.done, newest.superseded) == (pending.pk, True, False)


@pytest.mark.django_db(transaction=True)
def test_thread_runner_wakes_for_a_refresh_due_later(settings: Any, django_user_model: Any) -> None:
    from headway.web.members import new_workspace

    settings.HEADWAY_JOB_RUNNER = "thread"
    settings.HEADWAY_TRACKED_REFRESH_SECONDS = 2
    owner = django_user_model.objects.create_user("refresh-owner", "r@example.com", PASSWORD)
    workspace = new_workspace("Refreshed", owner, "bakery")
    first = _ask_tracked(workspace, 1)
    _wait_done(first.id)
    later = _ask_tracked(workspace, 2).pending_id
    assert later is not None
    _wait_done(later)  # run by the sleeping thread, nobody looking at the job meanwhile
    finished = models.Job.objects.filter(pk__in=[first.id, later]).order_by("pk")
    first_done, later_done = finished.values_list("finished_at", flat=True)
    assert later_done - first_done >= timedelta(seconds=2)


def _wait_done(job_id: int, seconds: float = 120) -> None:
    """Wait for the job to finish, reading its row only (no look that would start a runner)."""
    deadline = time.monotonic() + seconds
    while (job := models.Job.objects.get(pk=job_id)).status != "done":
        assert job.status != "failed", job.message
        assert time.monotonic() < deadline, f"still {job.status} after {seconds} s"
        time.sleep(0.2)


def test_only_the_newest_results_per_workspace_and_kind_are_kept(
    world: World, settings: Any
) -> None:
    settings.HEADWAY_JOB_RESULTS_KEPT = 2
    document = DatabaseStore(world.workspace).document()
    other = DatabaseStore(world.other).document()
    asked = [
        jobs.submit(world.workspace, "evaluation", document, {"seed": s, "scenarios": 100})
        for s in (1, 2, 3)
    ]
    elsewhere = jobs.submit(world.other, "evaluation", other, {"seed": 9, "scenarios": 100})
    plan = jobs.submit(world.workspace, "plan", document, {})
    _work()
    kept = models.Job.objects.filter(workspace=world.workspace, kind="evaluation")
    assert sorted(kept.values_list("pk", flat=True)) == [asked[1].id, asked[2].id]
    assert models.Job.objects.filter(pk__in=[elsewhere.id, plan.id], status="done").count() == 2
    task_ids = set(models.Job.objects.values_list("task_id", flat=True))
    assert {str(t) for t in DBTaskResult.objects.values_list("id", flat=True)} == task_ids
    again = jobs.submit(world.workspace, "evaluation", document, {"seed": 1, "scenarios": 100})
    assert again.status == "queued" and again.id != asked[0].id  # pruned: computed anew
