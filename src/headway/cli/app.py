"""The Typer application every command module registers on, and shared output helpers.

Every failure reaches the user through one place, `_Commands.invoke`: a `HeadwayError` is
printed (what, where, a hint) and ends the command with the exit code of its kind; a failed
file operation the code did not wrap is an environment error; anything else is a bug.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import re
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.markup import escape
from rich.segment import Segment
from typer.core import TyperGroup

from headway.errors import ErrorKind, HeadwayError, Problem, file_error
from headway.settings import Settings

if TYPE_CHECKING:
    from headway.portfolio.results import PlanSettings
    from headway.strategy.model import Strategy

EXIT_REFUSED = 1
"""The documented domain outcome: an action refused (a plan with a blocking ethics finding)."""
EXIT_INVALID = 2
"""Bad input: a document, a log, a file name or an argument; the message says what and where."""
EXIT_ENVIRONMENT = 3
"""The machine is in the way: read-only folder, full disk, missing library or tool, bad setting."""
EXIT_BUG = 70
"""An unexpected failure: a bug in Headway (EX_SOFTWARE); the traceback is printed to report."""
EXIT_CODES = {
    ErrorKind.refused: EXIT_REFUSED,
    ErrorKind.invalid_input: EXIT_INVALID,
    ErrorKind.environment: EXIT_ENVIRONMENT,
}


class _Visible:
    """A renderable printed with the control characters of its text made visible."""

    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or not _CONTROL.search(segment.text):
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style)


class _ControlCharacters(RenderHook):
    """Every text printed to the terminal passes here: a control character from the input (an
    escape sequence in a file name, an activity or a note) is shown as `\\x1b`, so it cannot
    move the cursor, recolour or retitle the terminal. Rich's own styling is not text and is
    kept."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Visible(renderable) for renderable in renderables]


def _console(**options: Any) -> Console:
    terminal = Console(highlight=False, **options)
    terminal.push_render_hook(_ControlCharacters())
    return terminal


console = _console()
errors = _console(stderr=True)


def show_error(error: HeadwayError) -> None:
    """Print `error` to stderr for a person: its first line marked as an error, then the rest."""
    first, _, rest = str(error).partition("\n")
    errors.print(f"[red]error:[/red] {escape(first)}", soft_wrap=True)
    if rest:
        errors.print(rest, markup=False, soft_wrap=True)


def visible(text: str) -> str:
    """`text` with control characters other than line breaks and tabs written as `\\xNN`."""
    return _CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode(), text)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def reflow(help_text: str) -> str:
    """`help_text` (a docstring) with the line breaks inside each paragraph made spaces, so
    `--help` wraps whole sentences to the terminal's width; paragraphs (blank-line separated)
    and blocks marked `\\b` (kept as typed, Click's convention) stay apart."""
    paragraphs = inspect.cleandoc(help_text).split("\n\n")
    return "\n\n".join(
        part if part.startswith("\b") else " ".join(part.split()) for part in paragraphs
    )


class ReflowedGroup(TyperGroup):
    """A group whose commands' help reads as whole sentences at any width: Typer's rich help
    keeps a docstring's line breaks, which cut sentences short on a narrow terminal."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and command.help:
            command.help = reflow(command.help)
        return command


class _Commands(ReflowedGroup):
    """The root command: maps every failure to its message and exit code, in one place."""

    def invoke(self, ctx: Any) -> Any:
        as_json = "--json" in ctx.args
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except HeadwayError as exc:
            _stop(exc, as_json)
        except OSError as exc:
            _stop(file_error(exc, exc.filename or "(a file)", "use"), as_json)
        except Exception:
            errors.print(traceback.format_exc(), markup=False, soft_wrap=True)
            errors.print("[red]internal error:[/red] this is a bug in Headway; please report it.")
            raise typer.Exit(EXIT_BUG) from None


def _stop(error: HeadwayError, as_json: bool) -> NoReturn:
    """Print `error` (also as problem-details JSON on stdout under `--json`) and exit."""
    show_error(error)
    if as_json:
        print_json(error.to_problem_details())
    raise typer.Exit(EXIT_CODES[error.kind])


app = typer.Typer(
    name="headway",
    cls=_Commands,
    help="Headway: spend automation money on what moves your strategy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(problems: Sequence[Problem] | str, kind: ErrorKind = ErrorKind.invalid_input) -> NoReturn:
    """Stop the command with `problems` (or one message) as an error of `kind` (default: bad
    input); `_Commands.invoke` prints it and exits with the kind's code."""
    if isinstance(problems, str):
        raise HeadwayError([Problem(problems, (), "(command line)")], problems, kind=kind)
    raise HeadwayError(problems, kind=kind)


def current_settings() -> Settings:
    """The settings in effect: defaults, overridden by `HEADWAY_*` environment variables."""
    return Settings.from_environ(os.environ)


def solve_settings(time_limit: float | None = None) -> PlanSettings:
    """How long the solver may take: `time_limit` seconds a solve (`--time-limit`; None: the
    setting `plan_time_limit`; 0 proves every solve, however long it takes) and the setting
    `plan_time_budget` for all the solves of the command; the setting
    `plan_explain_solves_up_to` says up to how many initiatives a plan carries its re-solving
    explanations."""
    from headway.portfolio.results import PlanSettings

    chosen = current_settings()
    limit = chosen.plan_time_limit if time_limit is None else time_limit
    return PlanSettings.within(
        limit, chosen.plan_time_budget, explain_solves_up_to=chosen.plan_explain_solves_up_to
    )


def today() -> dt.date:
    """The day commands take as today: the `today` setting, else the computer's date. The one
    place the command line reads the clock; the engine is given the day."""
    return current_settings().today or dt.date.today()


def open_strategy(path: str) -> Strategy:
    """Load a strategy document: `.yaml`, `.json`, `.xlsx` or a workspace folder (its
    headway.yaml); a `StrategyError` lists every problem."""
    from headway.strategy.documents import load_document

    settings = current_settings()
    return load_document(path, max_bytes=settings.strategy_max_bytes, settings=settings)


def print_json(data: Any) -> None:
    """Write `data` as one JSON document on stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def _version(value: bool) -> None:
    if value:
        from headway import __version__

        console.print(f"headway {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Headway: spend automation money on what moves your strategy."""
