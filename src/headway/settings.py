"""The one settings table: every setting's name, type, default, environment variable and help.

`Settings` is the table: one typed field per setting, its help in the field's metadata. The
shells (the command line, the web app) build it once with `Settings.from_environ(os.environ)`
and pass it, or the values the engine needs, down as parameters; the engine never reads the
environment. `docs/settings.md` is generated from this table (`settings_markdown`) and a test
keeps it in step. Add a setting by adding a field here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from headway.errors import ErrorKind, HeadwayError, Problem

ENV_PREFIX = "HEADWAY_"
MIB = 1024 * 1024

XesScanner = Literal["auto", "compiled", "numpy"]
ReportLanguage = Literal["en"]
JobRunner = Literal["auto", "thread", "worker"]


def _setting(default: Any, help: str, *, minimum: float | None = None) -> Any:
    return field(default=default, metadata={"help": help, "minimum": minimum})


@dataclass(frozen=True)
class Settings:
    """Every setting of Headway with its value; `Settings()` holds the defaults."""

    xes_scanner: XesScanner = _setting(  # noqa: RUF009 (a field with its help)
        "auto",
        "Which scanner reads XES logs: `compiled` (the C scanner built at install time), "
        "`numpy` (the portable one) or `auto` (compiled when it was built, else numpy).",
    )
    mining_memory_limit: str = _setting(
        "2GB",
        "Memory DuckDB may use while mining an event log (e.g. `512MB`, `4GB`); "
        "bigger work spills to a temporary folder.",
    )
    plan_time_limit: float = _setting(
        10.0,
        "Seconds the solver may spend on each solve of a plan when the command gives none "
        "(`--time-limit`). A plan stopped by it is the best found, with, in words, how far "
        "below the optimum it can be at most. 0 proves every plan optimal however long it takes "
        "(and lifts `plan_time_budget` too).",
        minimum=0,
    )
    plan_time_budget: float = _setting(
        15.0,
        "Seconds all the solves of one command may take together (a plan and its "
        "explanations, the frontier's budget levels, robustness's scenarios, a report's plan "
        "and frontier), never less than one solve's `plan_time_limit`. When it runs out, what "
        "is left is skipped and the output says so: explanations on request, fewer frontier "
        "points or scenarios. 0: no budget.",
        minimum=0,
    )
    plan_explain_solves_up_to: int = _setting(
        30,
        "Initiatives up to which a plan carries the explanations that re-solve it (each limit "
        "lifted and cut, the most aligned initiatives left out forced in). A bigger plan leaves "
        "them to requests (`headway explain`, the web plan page), as each costs about as much "
        "as the plan itself.",
        minimum=0,
    )
    strategy_max_bytes: int = _setting(
        10 * MIB, "Largest strategy document (YAML or JSON) read, in bytes.", minimum=1
    )
    data_dir: str = _setting(
        "",
        "Folder of the web app's SQLite database, secret key and static files "
        "(empty: `$XDG_DATA_HOME/headway`, i.e. `~/.local/share/headway`).",
    )
    secret_key: str = _setting(
        "",
        "The web app's secret key (signs sessions, password-reset and invitation links); "
        "empty: one is made once and kept in the data folder, readable by its owner only.",
    )
    database_url: str = _setting(
        "",
        "The web app's database, e.g. `postgres://user@host:5432/headway` (empty: the "
        "`DATABASE_URL` variable when set, else SQLite `headway.db` in the data folder).",
    )
    debug: bool = _setting(
        False, "Django's debug pages, for development only: never on a reachable server."
    )
    https: bool = _setting(
        False,
        "The web app is served over HTTPS (behind a proxy that sets `X-Forwarded-Proto`): "
        "secure cookies, HSTS for a year and a redirect from HTTP.",
    )
    allowed_hosts: str = _setting(
        "localhost,127.0.0.1,[::1]", "Host names the web app answers to, comma-separated."
    )
    csrf_trusted_origins: str = _setting(
        "",
        "Origins trusted for form posts when behind a proxy, comma-separated "
        "(e.g. `https://headway.example.com`).",
    )
    email_backend: str = _setting(
        "django.core.mail.backends.console.EmailBackend",
        "Django e-mail backend for password-reset mail (the console one prints it).",
    )
    from_email: str = _setting("headway@localhost", "Sender of the web app's e-mail.")
    max_upload_mb: int = _setting(
        10,
        "Largest upload (document, workbook, workspace zip) the web app reads, in MiB.",
        minimum=1,
    )
    invitation_days: int = _setting(
        7, "Days an invitation link to a workspace stays valid.", minimum=1
    )
    login_failures: int = _setting(
        5,
        "Failed logins for one user name, or from one address, before logins are refused "
        "for `login_lockout_minutes`.",
        minimum=1,
    )
    login_lockout_minutes: int = _setting(
        15, "Minutes a throttled user name or address waits before logging in again.", minimum=1
    )
    report_language: ReportLanguage = _setting(  # noqa: RUF009 (a field with its help)
        "en",
        "Language of the words in reports (English so far). Numbers, money and dates follow "
        "the strategy's `business.locale`, a separate setting: an English report for a German "
        "business prints `12.346 €` and `15 January 2027`.",
    )
    today: dt.date | None = _setting(  # noqa: RUF009 (a field with its help)
        None,
        "The day the commands take as today (YYYY-MM-DD), e.g. for a reproducible report or a "
        "look back; unset: the computer's date.",
    )
    yaml_max_expanded_chars: int = _setting(
        20_000_000,
        "Most characters of text a strategy document may hold once its YAML aliases (`*name`) "
        "are expanded: a short file that repeats a long text a thousand times is refused.",
        minimum=1,
    )
    workbook_max_bytes: int = _setting(
        10 * MIB, "Largest workbook (.xlsx) read, in bytes as stored (compressed).", minimum=1
    )
    workbook_max_expanded_bytes: int = _setting(
        64 * MIB,
        "Most bytes a workbook's parts may take once decompressed (counted while "
        "decompressing): a zip bomb is refused before any sheet is parsed.",
        minimum=1,
    )
    strategy_sheet_max_rows: int = _setting(
        5000, "Most rows below the header in one sheet of a strategy workbook.", minimum=1
    )
    strategy_sheet_max_columns: int = _setting(
        60, "Most columns of one sheet of a strategy workbook.", minimum=1
    )
    tracking_max_bytes: int = _setting(
        50 * MIB, "Largest tracking file (CSV) imported, in bytes.", minimum=1
    )
    tracking_max_rows: int = _setting(
        1_000_000, "Most rows below the header in a tracking file or sheet imported.", minimum=1
    )
    tracking_max_columns: int = _setting(
        1000, "Most columns of a tracking sheet imported (a date and one per KPI).", minimum=1
    )
    mining_max_events: int = _setting(
        20_000_000,
        "Most events one event log (XES, XES.gz, CSV or Parquet) may hold: reading stops and "
        "refuses at the next one, so a small compressed file that expands to more is not mined.",
        minimum=1,
    )
    jobs: JobRunner = _setting(  # noqa: RUF009 (a field with its help)
        "auto",
        "Who runs the web app's long computations (Monte Carlo, frontier, robustness): "
        "`thread` (a thread of the web process), `worker` (separate `headway worker` processes, "
        "any number, against the same database) or `auto` (thread on SQLite, worker on "
        "PostgreSQL).",
    )
    job_stale_seconds: int = _setting(
        60,
        "Seconds without a sign of life from a running computation before its worker is taken "
        "as stopped: the computation is started again once, then marked failed.",
        minimum=5,
    )
    job_results_kept: int = _setting(
        20,
        "Finished computations (their results) the web app keeps per workspace and kind "
        "(evaluation, plan, report file, ...): older ones are deleted when a newer one finishes, "
        "and asking for one again computes it again.",
        minimum=1,
    )
    jobs_waiting_per_workspace: int = _setting(
        20,
        "Computations that may wait to start in one workspace of the web app: one more is "
        "refused (the page and the API answer 429, try again shortly), so no member can fill "
        "the workers' queue for everyone.",
        minimum=1,
    )
    tracked_refresh_seconds: float = _setting(
        5.0,
        "Seconds at least between two computations of a web page's answer that includes "
        "tracking data (the dashboard, the monitoring page): measurements pushed meanwhile are "
        "included in the next one, and the page shows the latest answer until then. 0 computes "
        "anew as soon as the previous one is done.",
        minimum=0,
    )
    evaluate_max_scenarios: int = _setting(
        200_000,
        "Most Monte Carlo scenarios one evaluation draws (memory grows with scenarios times "
        "initiatives).",
        minimum=100,
    )

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """The settings with each default replaced by its environment variable when set.

        Raises `HeadwayError` (an environment error: the input is not at fault) naming every
        variable whose value does not fit.
        """
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for info in settings_table():
            text = environ.get(info.env)
            if text is None or not text.strip():
                continue
            try:
                values[info.name] = info.parse(text.strip())
            except ValueError as exc:
                problems.append(
                    Problem(
                        str(exc),
                        (info.env,),
                        "environment",
                        expected=info.expected,
                        hint="see docs/settings.md or `headway settings`",
                    )
                )
        if problems:
            raise HeadwayError(problems, kind=ErrorKind.environment)
        return cls(**values)


DEFAULTS = Settings()
"""The default of every setting: what the engine's functions use when not given a value."""


@dataclass(frozen=True)
class SettingInfo:
    """One row of the settings table."""

    name: str
    type: Any
    default: Any
    help: str
    minimum: float | None = None

    @property
    def env(self) -> str:
        """The environment variable that sets it: `HEADWAY_` and the name in capitals."""
        return ENV_PREFIX + self.name.upper()

    @property
    def value_type(self) -> Any:
        """The type of a value, without the `None` an optional setting also allows."""
        if isinstance(self.type, types.UnionType):
            return next(t for t in typing.get_args(self.type) if t is not type(None))
        return self.type

    @property
    def expected(self) -> str:
        """What a value must look like, in words."""
        if typing.get_origin(self.type) is Literal:
            return "one of " + ", ".join(typing.get_args(self.type))
        words = {
            int: "a whole number",
            float: "a number",
            bool: "true or false",
            str: "text",
            dt.date: "a date (YYYY-MM-DD)",
        }
        text = words[self.value_type]
        return text + (f" of at least {self.minimum:g}" if self.minimum is not None else "")

    def parse(self, text: str) -> Any:
        """The value `text` stands for; `ValueError` saying what is wrong otherwise."""
        if typing.get_origin(self.type) is Literal:
            if text.lower() not in typing.get_args(self.type):
                raise ValueError(f"'{text}' is not a choice")
            return text.lower()
        if self.type is bool:
            flag = text.lower()
            if flag not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                raise ValueError(f"'{text}' is not a yes or no")
            return flag in ("1", "true", "yes", "on")
        if self.type is str:
            return text
        if self.value_type is dt.date:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"'{text}' is not a date") from None
        try:
            value = self.type(text.replace("_", ""))
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
        if self.minimum is not None and not value >= self.minimum:
            raise ValueError(f"{text} is too small")
        return value


def settings_table() -> list[SettingInfo]:
    """Every setting, in the order `Settings` declares them."""
    types = typing.get_type_hints(Settings)
    return [
        SettingInfo(f.name, types[f.name], f.default, f.metadata["help"], f.metadata.get("minimum"))
        for f in dataclasses.fields(Settings)
    ]


def settings_markdown() -> str:
    """The page `docs/settings.md`: one row per setting."""
    lines = [
        "# Settings",
        "",
        "Generated from `src/headway/settings.py` (`headway settings --markdown`); a test checks "
        "that this page matches. Each setting is read from its environment variable by the "
        "command line and the web app; `headway settings` shows the values in effect.",
        "",
        "| setting | type | default | environment variable | what it does |",
        "|---|---|---|---|---|",
    ]
    for info in settings_table():
        plain = isinstance(info.default, int) and not isinstance(info.default, bool)
        default = f"{info.default:,}" if plain else str(info.default)
        default = "(unset)" if info.default is None else f"`{default}`"
        lines.append(
            f"| `{info.name}` | {info.expected} | {default} | `{info.env}` | {info.help} |"
        )
    return "\n".join(lines) + "\n"
