"""The web app's plans are bounded by the settings table's `plan_time_limit` and
`plan_time_budget` (from the environment, as the command line's are), not by the defaults; a
plan kept from before a change of these settings is not shown as the answer under them."""

from __future__ import annotations

from typing import Any

from headway.portfolio.results import PlanSettings
from headway.web import jobs, models
from headway.web.store import DatabaseStore
from tests.web.conftest import World
from tests.web.test_jobs import _work


def test_limit_zero_proves_every_solve_and_lifts_the_budget() -> None:
    assert PlanSettings.within(0, 15) == PlanSettings(time_limit=None, time_budget=None)
    assert PlanSettings.within(2.5, 0) == PlanSettings(time_limit=2.5, time_budget=None)
    chosen = PlanSettings.within(3, 9, explain=False)
    assert (chosen.time_limit, chosen.time_budget, chosen.explain) == (3, 9, False)


def test_the_plan_job_takes_the_settings_tables_limits(world: World, settings: Any) -> None:
    settings.HEADWAY_PLAN_TIME_LIMIT = 4.5
    settings.HEADWAY_PLAN_TIME_BUDGET = 12
    document = DatabaseStore(world.workspace).document()
    job = jobs.submit(world.workspace, "plan", document, {})
    _work()
    result = models.Job.objects.get(pk=job.id).result
    assert result is not None
    assert (result["settings"]["time_limit"], result["settings"]["time_budget"]) == (4.5, 12)
    assert jobs.submit(world.workspace, "plan", document, {}).id == job.id  # kept
    settings.HEADWAY_PLAN_TIME_LIMIT = 0  # another limit: another answer, not the one kept
    proven = jobs.submit(world.workspace, "plan", document, {})
    assert proven.id != job.id and proven.status == "queued"
    _work()
    result = models.Job.objects.get(pk=proven.id).result
    assert result is not None and result["status"] == "optimal"
    assert (result["settings"]["time_limit"], result["settings"]["time_budget"]) == (None, None)
