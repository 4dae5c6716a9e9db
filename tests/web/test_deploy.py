"""`python -m django check --deploy` with production settings reports nothing."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path


def _check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("HEADWAY_", "DJANGO_"))}
    environ.pop("DATABASE_URL", None)
    environ.update(
        DJANGO_SETTINGS_MODULE="headway.web.settings", HEADWAY_DATA_DIR=str(tmp_path), **env
    )
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deployment_check(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        HEADWAY_HTTPS="1",
        HEADWAY_SECRET_KEY=secrets.token_urlsafe(50),
        HEADWAY_ALLOWED_HOSTS="headway.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_https_the_check_says_what_is_missing(tmp_path: Path) -> None:
    result = _check(tmp_path)
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr


def test_a_bad_setting_is_named(tmp_path: Path) -> None:
    result = _check(tmp_path, HEADWAY_HTTPS="perhaps")
    assert result.returncode != 0
    assert "HEADWAY_HTTPS" in result.stderr
    assert "'perhaps' is not a yes or no" in result.stderr
