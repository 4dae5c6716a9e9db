"""Settings for the web tests: the app's own, with a cheap password hasher and plain static files.

The tests run on SQLite (a file in a temporary folder); set HEADWAY_TEST_DATABASE_URL (e.g.
`postgres://postgres@127.0.0.1:5432/test`) to run them on PostgreSQL as well (CI does).
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("HEADWAY_DATA_DIR", tempfile.mkdtemp(prefix="headway-test-"))
os.environ.setdefault("HEADWAY_SECRET_KEY", "test-only-" + "k" * 50)
if os.environ.get("HEADWAY_TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["HEADWAY_TEST_DATABASE_URL"]
else:
    os.environ.pop("DATABASE_URL", None)
os.environ.pop("HEADWAY_DATABASE_URL", None)

from headway.web.settings import *  # noqa: F403
from headway.web.settings import DATABASES, STATIC_ROOT, STORAGES

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A database file, as in production, not SQLite's shared in-memory one: its table locks
    # fail at once ("database table is locked") where a file waits for the writer.
    folder = tempfile.mkdtemp(prefix="headway-test-db-")
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(folder, "test.sqlite3")}

STATIC_ROOT.mkdir(parents=True, exist_ok=True)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background jobs wait in the queue until a test runs them (tests/web/test_jobs.py); one test
# runs them in a thread of the web process, another in `headway worker` processes.
HEADWAY_JOB_RUNNER = "worker"
# A tracked answer (the dashboard's) is computed anew as soon as it is asked for, so a test sees
# a measurement's effect after one run of the queue; tests/web/test_jobs.py checks the refresh.
HEADWAY_TRACKED_REFRESH_SECONDS = 0
