"""Load benchmark of the web app on loopback (locust, 60 s per set-up): 20 signed-in people
browsing the dashboard, evaluation and plan of a 200-initiative workspace whose answers are
computed (warm), and 5 systems pushing measurements by API token. Two set-ups: SQLite with one
app process (background jobs in a thread), and PostgreSQL (127.0.0.1:5432, trust) with two app
processes and a `headway worker`. Writes p50/p95 latency, throughput and errors to
bench/results/web_load.md. Run: `.venv/bin/python -m bench web_load`.
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from statistics import median
from typing import Any

from bench.load_strategy import generate

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "web_load.md"
SECONDS = 60
BROWSERS = 20
PUSHERS = 5
POSTGRES = "postgres://127.0.0.1:5432/"
DATABASE = os.environ.get("HEADWAY_BENCH_DATABASE", "headway_bench")
"""The PostgreSQL database the bench drops and makes anew (never the tests' own)."""
BIN = Path(sys.executable).parent

SETUP = """
import json, sys, django
django.setup()
from django.contrib.auth.models import User
from headway.web import drafts, members, tokens
from headway.web.audit import Actor
from headway.web.permissions import Role
document = json.load(open(sys.argv[1]))
user = User.objects.create_user("bench", "bench@example.com", "bench load password")
workspace = members.new_workspace("Bench", user, "bakery")
saved = drafts.save_draft(workspace, Actor(user), document, None)
drafts.publish_draft(workspace, Actor(user), saved.revision, "200 initiatives")
token = tokens.create_token(workspace, user, "bench", Role.EDITOR, Actor(user))
print(json.dumps({"workspace": workspace.pk, "token": token, "kpi": document["kpis"][0]["id"]}))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _sign_in(base: str) -> tuple[urllib.request.OpenerDirector, str, float]:
    """Sign the bench user in: an opener holding the session, the session cookie, the seconds."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    started = time.monotonic()
    page = opener.open(f"{base}/login/").read().decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    form = f"username=bench&password=bench+load+password&csrfmiddlewaretoken={token}"
    request = urllib.request.Request(f"{base}/login/", form.encode(), {"Referer": base})
    opener.open(request).read()
    seconds = time.monotonic() - started
    session = next(c.value or "" for c in jar if c.name == "sessionid")
    return opener, session, seconds


def _warm(base: str, workspace: int, seconds: float = 900) -> float:
    """Open each page until its answer is there; the seconds it took."""
    opener = _sign_in(base)[0]
    started = time.monotonic()
    for name in ("dashboard", "evaluation", "plan"):
        while "<progress" in opener.open(f"{base}/w/{workspace}/{name}/").read().decode():
            if time.monotonic() - started > seconds:
                raise RuntimeError(f"{name} not computed within {seconds} s")
            time.sleep(2)
    return time.monotonic() - started


def _sessions(base: str) -> tuple[list[str], list[float]]:
    """One session per browsing person, signed in one after the other before the timed run
    (each sign-in hashes the password with Argon2, a deliberate cost): cookies and seconds."""
    signed = [_sign_in(base)[1:] for _ in range(BROWSERS)]
    return [cookie for cookie, _ in signed], [seconds for _, seconds in signed]


def _run(name: str, environ: dict[str, str], app_processes: int, worker: bool) -> dict[str, Any]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    started: list[subprocess.Popen[bytes]] = []
    quiet = open(Path(environ["HEADWAY_DATA_DIR"]) / "server.log", "wb")  # noqa: SIM115
    try:
        serve = [str(BIN / "headway"), "serve", "--port", str(port)]
        serve += ["--workers", str(app_processes)]
        started.append(subprocess.Popen(serve, env=environ, stdout=quiet, stderr=quiet))
        _wait(f"{base}/login/", 180)
        if worker:
            command = [str(BIN / "headway"), "worker"]
            started.append(subprocess.Popen(command, env=environ, stdout=quiet, stderr=quiet))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(generate(200, 50), handle)
        setup = [sys.executable, "-c", SETUP, handle.name]
        made = json.loads(
            subprocess.run(setup, env=environ, capture_output=True, check=True).stdout
        )
        warm_seconds = _warm(base, made["workspace"])
        sessions, sign_ins = _sessions(base)
        load_before = _load_average()
        stats = _locust(base, environ, made, sessions)
        load_after = _load_average()
    except Exception:
        print((Path(environ["HEADWAY_DATA_DIR"]) / "server.log").read_text()[-3000:])
        raise
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=60)
        quiet.close()
    return {
        "name": name,
        "warm_seconds": warm_seconds,
        "sign_ins": sign_ins,
        "load": (load_before, load_after),
        "stats": stats,
    }


def _load_average() -> str:
    """The machine's load averages over 1, 5 and 15 minutes, as `uptime` prints them."""
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


def _locust(
    base: str, environ: dict[str, str], made: dict[str, Any], sessions: list[str]
) -> list[dict[str, str]]:
    prefix = Path(tempfile.mkdtemp()) / "load"
    users = {
        "BENCH_WORKSPACE": str(made["workspace"]),
        "BENCH_SESSIONS": ",".join(sessions),
        "BENCH_TOKEN": made["token"],
        "BENCH_KPI": made["kpi"],
    }
    command = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "web_locustfile.py")]
    people = str(BROWSERS + PUSHERS)
    command += ["--headless", "-u", people, "-r", people, "-t", f"{SECONDS}s", "--host", base]
    command += ["--csv", str(prefix), "--only-summary"]
    subprocess.run(command, env={**environ, **users}, capture_output=True, check=False)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _environ(data_dir: str, database_url: str | None) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("HEADWAY_", "DJANGO_"))}
    environ.pop("DATABASE_URL", None)
    environ.update(HEADWAY_DATA_DIR=data_dir, DJANGO_SETTINGS_MODULE="headway.web.settings")
    environ["HEADWAY_TODAY"] = "2027-12-31"
    if database_url:
        environ["DATABASE_URL"] = database_url
    return environ


def _fresh_postgres(name: str) -> str:
    import psycopg

    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    return POSTGRES + name


def _table(run: dict[str, Any]) -> list[str]:
    signed = run["sign_ins"]
    lines = [
        f"### {run['name']}",
        "",
        f"First answers computed (warm-up, 200 initiatives): {run['warm_seconds']:.0f} s. "
        f"Sign-ins before the run, one after the other: median {median(signed):.2f} s, "
        f"slowest {max(signed):.2f} s (Argon2). Load average (1, 5, 15 min) before the run: "
        f"{run['load'][0]}; after: {run['load'][1]}.",
        "",
        "| request | requests | failures | p50 (ms) | p95 (ms) | throughput (req/s) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in run["stats"]:
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
            f"{row['50%']} | {row['95%']} | {float(row['Requests/s']):.1f} |"
        )
    return [*lines, ""]


def main() -> None:
    """Run both set-ups and write the results."""
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        runs.append(
            _run("SQLite, one app process (jobs in a thread)", _environ(folder, None), 1, False)
        )
    with tempfile.TemporaryDirectory() as folder:
        url = _fresh_postgres(DATABASE)
        runs.append(
            _run("PostgreSQL, two app processes and a worker", _environ(folder, url), 2, True)
        )
    lines = [
        "# Web load (bench/web_load.py)",
        "",
        f"Loopback, {SECONDS} s per set-up: {BROWSERS} people, signed in one after the other "
        "before the timed run (sign-in timed on its own: Argon2 makes it slow on purpose), open "
        "the dashboard, evaluation and plan of a 200-initiative workspace in turn (0.5-1.5 s "
        f"apart); {PUSHERS} systems push one measurement each 0.5-1.5 s by API token. Pages "
        "are warm (their answers computed before the run); each push changes the dashboard's "
        "tracking data, so the dashboard shows the latest answer while the newest is computed "
        f"in the background. Machine: {os.cpu_count()} cores, shared with other work: the load "
        "average beside each run says how busy it was (above 2, the app waited for a core). "
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} UTC. Run again: "
        "`.venv/bin/python -m bench web_load`.",
        "",
    ]
    for run in runs:
        lines += _table(run)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
