"""Running one hostile input: a `Case` (files written into an empty folder and a command line
run there) in a process of its own, and how it ended (`Outcome`): exit code, output, traceback,
time over the limit, files changed or added."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from traceback import print_exc

from headway.cli import app
from headway.cli.app import EXIT_BUG
from headway.strategy.load import load_strategy
from tests.conftest import TEMPLATES

SECONDS = 30
"""Longest a command may run on one input."""
BAKERY_TEXT = (TEMPLATES / "bakery.yaml").read_text(encoding="utf-8")
BAKERY = load_strategy(TEMPLATES / "bakery.yaml")
STRATEGY = "headway.yaml"


@dataclass(frozen=True)
class Case:
    """Files to write (name -> bytes) and the command to run in their folder ({dir} is it)."""

    name: str
    files: dict[str, bytes]
    args: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """How a command ended on one input, as the user's shell would see it."""

    exit_code: int
    """The process's exit code; -N when signal N killed it (as `subprocess` reports it)."""
    output: str
    """What the command wrote to stdout and stderr."""
    traceback: str | None
    seconds_exceeded: bool
    files_changed: list[str]
    files_added: list[str] = field(default_factory=list)

    @property
    def signal(self) -> int | None:
        """The signal that ended the process, if one did (killed over time: SIGKILL)."""
        return -self.exit_code if self.exit_code < 0 else None


def run(case: Case, folder: Path) -> Outcome:
    """Write the case's files into `folder` and run its command there in a process of its own,
    stopped after `SECONDS`: what a user's shell sees (exit code, signal, output, time) and
    which of the files the command changed.

    The process is forked from this one (Headway already imported: a fresh interpreter takes
    seconds to start) and runs `headway` exactly as the installed script does: its exit code is
    the one `sys.exit` gives, an uncaught exception prints a traceback and exits 1, and a crash
    in a C library ends it by a signal.
    """
    for name, content in case.files.items():
        (folder / name).write_bytes(content)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    args = [a.replace("{dir}", str(folder)) for a in case.args]
    with tempfile.TemporaryFile() as captured:
        status, over = _forked(args, case.env, folder, captured.fileno())
        captured.seek(0)
        output = captured.read().decode("utf-8", "replace")
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    changed = sorted(n for n in before if after.get(n) != before[n])
    added = sorted(set(after) - set(before))
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    traceback = None
    if "Traceback (most recent call last)" in output or code == EXIT_BUG:
        traceback = output[-500:]
    return Outcome(code, output, traceback, over, changed, added)


def _forked(args: list[str], env: dict[str, str], folder: Path, out: int) -> tuple[int, bool]:
    """Run `headway ARGS` in a child process with stdout and stderr on `out`; return its wait
    status and whether it was killed for running over `SECONDS`."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.dup2(out, 1)
            os.dup2(out, 2)
            # the real descriptors, not a test runner's capture objects
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            os.chdir(folder)
            os.environ.update(env)
            app(args, prog_name="headway")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + SECONDS
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, False
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            return os.waitpid(pid, 0)[1], True
        time.sleep(0.005)


EXPECTED_CODES = (0, 1, 2, 3)
"""Clean endings: success, the documented refusal (an open high ethics finding), bad input, the
environment in the way."""
