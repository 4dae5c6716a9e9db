"""Django settings of the web app, from the settings table's environment variables
(docs/settings.md; the deployment is described in docs/web.md).

With nothing set, the app runs on one machine: SQLite in the data folder, a secret key made once
and kept there, e-mail printed on the console. `DATABASE_URL` switches to PostgreSQL;
`HEADWAY_HTTPS=1` turns on what a deployment behind HTTPS needs (secure cookies, HSTS, redirect).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from headway.settings import Settings
from headway.web.config import web_config

_settings = Settings.from_environ(os.environ)
_config = web_config(_settings, os.environ)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = _config.data_dir
SECRET_KEY = _config.secret_key
DEBUG = _settings.debug
ALLOWED_HOSTS = _config.allowed_hosts
CSRF_TRUSTED_ORIGINS = _config.csrf_trusted_origins

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "headway.web.apps.WebConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "headway.web.access.PermissionMiddleware",
    "headway.web.busy.BusyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "headway.web.urls"
WSGI_APPLICATION = "headway.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(_config.database_url, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers take the lock when their transaction starts (no deadlock when a reader turns
    # writer), and wait for each other up to 20 s instead of failing at once; in write-ahead-log
    # mode readers (the pages) never wait for the writer (a job storing its progress).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Long computations are django-tasks kept in the database (web/jobs.py): run by a thread of the
# web process, or by `headway worker` processes (HEADWAY_JOBS).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HEADWAY_JOB_RUNNER = _config.job_runner
HEADWAY_JOB_STALE_SECONDS = _config.job_stale_seconds
HEADWAY_JOB_RESULTS_KEPT = _settings.job_results_kept
HEADWAY_JOBS_WAITING_PER_WORKSPACE = _settings.jobs_waiting_per_workspace
HEADWAY_TRACKED_REFRESH_SECONDS = _settings.tracked_refresh_seconds
# The day the analysis pages take as today (HEADWAY_TODAY; None: the server's date).
HEADWAY_TODAY = _settings.today
# How long the plans of the pages and jobs may take (plan_time_limit, plan_time_budget).
HEADWAY_PLAN_TIME_LIMIT = _settings.plan_time_limit
HEADWAY_PLAN_TIME_BUDGET = _settings.plan_time_budget
# Up to how many initiatives a plan carries its re-solving explanations (the rest on request).
HEADWAY_PLAN_EXPLAIN_SOLVES_UP_TO = _settings.plan_explain_solves_up_to

# Argon2 first: new and upgraded passwords are hashed with it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace_list"
LOGOUT_REDIRECT_URL = "login"

EMAIL_BACKEND = _settings.email_backend
DEFAULT_FROM_EMAIL = _settings.from_email

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for ever by browsers); not pre-compressed, so `headway serve` starts
    # in seconds (compressing the API docs bundle takes minutes on a slow machine).
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
# Uploads (strategy documents, workbooks, workspace archives) are read in memory up to this size.
MAX_UPLOAD_BYTES = _config.max_upload_bytes
DATA_UPLOAD_MAX_MEMORY_SIZE = _config.max_upload_bytes
FILE_UPLOAD_MAX_MEMORY_SIZE = _config.max_upload_bytes

INVITATION_MAX_AGE_SECONDS = _config.invitation_seconds
LOGIN_FAILURES_ALLOWED = _settings.login_failures
LOGIN_LOCKOUT_SECONDS = _config.login_lockout_seconds

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if _settings.https:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
