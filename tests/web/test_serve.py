"""`headway serve` starts the app under gunicorn on SQLite in the data folder: a newcomer
reaches a working login page and the API's OpenAPI document."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str, seconds: float) -> tuple[int, bytes]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.slow
def test_serve_answers_on_sqlite(tmp_path: Path) -> None:
    port = _free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("HEADWAY_", "DJANGO_"))}
    environ.pop("DATABASE_URL", None)
    environ["HEADWAY_DATA_DIR"] = str(tmp_path)
    headway = str(Path(sys.executable).with_name("headway"))
    command = [headway, "serve", "--port", str(port), "--workers", "1"]
    server = subprocess.Popen(
        command, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        status, page = _get(f"http://127.0.0.1:{port}/login/", 120)
        assert status == 200
        assert b"<h1>Log in</h1>" in page
        assert _get(f"http://127.0.0.1:{port}/api/openapi.json", 10)[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert (tmp_path / "headway.db").is_file()
