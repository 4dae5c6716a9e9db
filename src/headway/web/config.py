"""The web app's configuration: its rows of the settings table (`headway.settings`), turned into
what Django's settings need.

A missing secret key is made once and kept in the data folder (readable by its owner only), so
sessions survive a restart without the user having to invent one. `DATABASE_URL`, the usual name
hosting platforms set, is honoured when `HEADWAY_DATABASE_URL` is empty.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from headway.settings import Settings


@dataclass(frozen=True)
class WebConfig:
    """Everything the Django settings read; sizes in bytes, durations in seconds."""

    data_dir: Path
    secret_key: str
    database_url: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    max_upload_bytes: int
    invitation_seconds: int
    login_lockout_seconds: int
    job_runner: str  # "thread" or "worker"
    job_stale_seconds: int


def _data_dir(settings: Settings, environ: Mapping[str, str]) -> Path:
    if settings.data_dir:
        return Path(settings.data_dir).expanduser()
    base = environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "headway"


def _secret_key(settings: Settings, data_dir: Path) -> str:
    if settings.secret_key:
        return settings.secret_key
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _job_runner(settings: Settings, database_url: str) -> str:
    if settings.jobs != "auto":
        return settings.jobs
    return "thread" if database_url.startswith("sqlite") else "worker"


def web_config(settings: Settings, environ: Mapping[str, str]) -> WebConfig:
    """The web app's configuration from `settings` (and `DATABASE_URL` in `environ`)."""
    data_dir = _data_dir(settings, environ)
    database_url = settings.database_url or environ.get("DATABASE_URL", "")
    database_url = database_url or f"sqlite:///{data_dir / 'headway.db'}"
    return WebConfig(
        data_dir=data_dir,
        secret_key=_secret_key(settings, data_dir),
        database_url=database_url,
        allowed_hosts=_items(settings.allowed_hosts),
        csrf_trusted_origins=_items(settings.csrf_trusted_origins),
        max_upload_bytes=settings.max_upload_mb * 1024 * 1024,
        invitation_seconds=settings.invitation_days * 24 * 3600,
        login_lockout_seconds=settings.login_lockout_minutes * 60,
        job_runner=_job_runner(settings, database_url),
        job_stale_seconds=settings.job_stale_seconds,
    )
