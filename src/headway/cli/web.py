"""`headway serve` and `headway demo`: the web app under a production server (gunicorn)."""

from __future__ import annotations

import os
import secrets
from typing import Any

import typer

from headway.cli.app import app, console


def _setup() -> None:
    """Configure Django (a bad setting is a `HeadwayError` naming its variable), then bring the
    database and the static files up to date."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def _run(host: str, port: int, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from headway.web.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 4)
            # An idle connection is closed after `keepalive` seconds; a client sending its next
            # request at that moment gets a reset. Gunicorn's 2 s is shorter than a person's
            # pause between pages on a busy machine; 5 s keeps such resets rare.
            self.cfg.set("keepalive", 5)
            self.cfg.set("accesslog", "-")

        def load(self) -> Any:
            return application

    Server().run()


HOST = typer.Option("127.0.0.1", "--host", help="Address to listen on.")
PORT = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on.")
WORKERS = typer.Option(2, "--workers", min=1, max=64, help="Worker processes.")


@app.command()
def serve(host: str = HOST, port: int = PORT, workers: int = WORKERS) -> None:
    """Start the web app (migrates the database first; SQLite in the data folder unless
    DATABASE_URL is set; see docs/web.md)."""
    _setup()
    console.print(f"Headway is at http://{host}:{port}/  (Ctrl+C stops it)")
    _run(host, port, workers)


@app.command()
def worker() -> None:
    """Run the web app's long computations (Monte Carlo, frontier, robustness) queued in the
    database; start one or more beside `headway serve` on PostgreSQL (see docs/web.md)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.web.settings")
    import django

    django.setup()
    from headway.web.job_runner import run_worker

    console.print("Headway worker: running queued computations (Ctrl+C stops it)")
    run_worker()


@app.command()
def demo(host: str = HOST, port: int = PORT, workers: int = WORKERS) -> None:
    """Start the web app with a demo user and a bakery workspace; prints the URL and login."""
    _setup()
    from django.contrib.auth.models import User

    from headway.web.members import new_workspace

    password = secrets.token_urlsafe(9)
    user, created = User.objects.get_or_create(username="demo")
    user.set_password(password)
    user.save()
    if created or not user.membership_set.exists():
        new_workspace("Demo bakery", user, "bakery")
    console.print(f"Headway demo at http://{host}:{port}/")
    console.print(f"Log in as [bold]demo[/bold] with the password [bold]{password}[/bold]")
    _run(host, port, workers)
