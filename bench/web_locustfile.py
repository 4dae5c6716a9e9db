"""Locust users of the web load benchmark (bench/web_load.py sets the environment): people
browsing the analysis pages of one workspace, and systems pushing measurements by API token."""

from __future__ import annotations

import itertools
import os
import random
from datetime import date, timedelta

from locust import HttpUser, between, task

WORKSPACE = os.environ.get("BENCH_WORKSPACE", "1")
PAGES = ("dashboard", "evaluation", "plan")
SESSIONS = os.environ.get("BENCH_SESSIONS", "").split(",")
_people = itertools.count()


class Browser(HttpUser):
    """A member, signed in before the run (bench/web_load.py), opening the dashboard, the
    evaluation and the plan in turn."""

    fixed_count = 20
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        session = SESSIONS[next(_people) % len(SESSIONS)]
        self.client.cookies.set("sessionid", session)

    @task
    def browse(self) -> None:
        for name in PAGES:
            with self.client.get(
                f"/w/{WORKSPACE}/{name}/", name=name, catch_response=True
            ) as response:
                if response.status_code != 200 or "<h1>" not in response.text:
                    response.failure(f"{name}: {response.status_code}")


class Pusher(HttpUser):
    """A system pushing one measurement at a time through the REST API with a token."""

    fixed_count = 5
    wait_time = between(0.5, 1.5)

    @task
    def push(self) -> None:
        day = date(2027, 1, 1) + timedelta(days=random.randrange(365))
        body = {
            "measurements": [
                {
                    "kpi": os.environ["BENCH_KPI"],
                    "date": day.isoformat(),
                    "value": round(random.uniform(1, 10), 2),
                    "source": "bench",
                }
            ]
        }
        headers = {"Authorization": f"Bearer {os.environ['BENCH_TOKEN']}"}
        self.client.post(
            f"/api/workspaces/{WORKSPACE}/measurements", json=body, headers=headers, name="push"
        )
