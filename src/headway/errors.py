"""The one error shape: a list of problems (where, what, expected, a hint) and what kind of
failure it is, so the command line prints it and the web API returns it without special cases.

Every error a user can cause derives from `HeadwayError`. Its `kind` says whose move it is:

- `invalid_input`: the user's input is wrong (a document, a log, an argument); fix and rerun;
- `environment`: the machine is in the way (a read-only folder, a full disk, a missing
  library or tool); the input is fine;
- `refused`: the documented domain outcome of refusing an action (approving a plan while a
  high ethics finding is open).

The command line maps the kind to its exit code (2, 3, 1) in one place (`cli/app.py`); the web
app turns `to_problem_details()` into an RFC 9457 response with the kind's HTTP status.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

Path = tuple[str | int, ...]
"""Where a value sits in a document: `('initiatives', 3, 'requires', 0)`."""


def format_path(path: Path) -> str:
    """`('initiatives', 3, 'requires', 0)` -> `initiatives[3].requires[0]`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(document)"


@dataclass(frozen=True)
class Problem:
    """One problem: what is wrong (`message`), where (file, line, column, path in the document),
    what was expected there and a hint of what to do, when known."""

    message: str
    path: Path = ()
    file: str = "<document>"
    line: int | None = None
    column: int | None = None
    expected: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {format_path(self.path)}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        if self.hint:
            text += f"; {self.hint}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The problem as plain JSON data; `pointer` is the path as a JSON Pointer (RFC 6901)."""
        return {
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": format_path(self.path) if self.path else None,
            "pointer": "/" + "/".join(_pointer_part(p) for p in self.path) if self.path else "",
            "expected": self.expected,
            "hint": self.hint,
        }


def _pointer_part(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


class ErrorKind(StrEnum):
    """Whose move a failure is; see the module's docstring."""

    invalid_input = "invalid-input"
    environment = "environment"
    refused = "refused"


_TITLES = {
    ErrorKind.invalid_input: "The input is not valid",
    ErrorKind.environment: "The environment prevents the operation",
    ErrorKind.refused: "The action is refused",
}
_HTTP_STATUS = {
    ErrorKind.invalid_input: 422,
    ErrorKind.environment: 503,
    ErrorKind.refused: 409,
}


class HeadwayError(Exception):
    """A failure a user can act on: `problems` lists every one found, `kind` says whose move it
    is. `str(error)` is the text a person reads: `summary` when given, else a count and the
    problems one per line."""

    kind: ErrorKind = ErrorKind.invalid_input

    def __init__(
        self,
        problems: Sequence[Problem],
        summary: str | None = None,
        *,
        kind: ErrorKind | None = None,
    ) -> None:
        self.problems = list(problems)
        if kind is not None:
            self.kind = kind
        if summary is None:
            count = len(self.problems)
            head = f"{count} problem{'s' if count != 1 else ''} found"
            summary = head + ":\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(summary)

    @property
    def http_status(self) -> int:
        """The HTTP status a web API answers with: 422 input, 503 environment, 409 refused."""
        return _HTTP_STATUS[self.kind]

    def to_problem_details(self, instance: str | None = None) -> dict[str, Any]:
        """The error as an RFC 9457 problem-details object (`application/problem+json`), with
        the list of problems in the `problems` extension member."""
        details: dict[str, Any] = {
            "type": f"urn:headway:error:{self.kind.value}",
            "title": _TITLES[self.kind],
            "status": self.http_status,
            "detail": str(self),
            "problems": [p.to_dict() for p in self.problems],
        }
        if instance is not None:
            details["instance"] = instance
        return details


_FULL = (errno.ENOSPC, errno.EDQUOT) if hasattr(errno, "EDQUOT") else (errno.ENOSPC,)


def file_error(exc: OSError, file: str | os.PathLike[str], doing: str) -> HeadwayError:
    """A failed read or write of `file` as a Headway error: a missing file or folder is the
    user's (invalid input); a read-only folder, a full disk or a denied permission is the
    machine's (environment)."""
    name = os.fspath(file)
    reason = exc.strerror or str(exc)
    missing = exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EISDIR)
    hint = None
    if exc.errno in _FULL:
        hint = "free some disk space and run the command again"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "check the permissions of the file and its folder"
    if hint and doing == "write":
        hint += "; the previous file is unchanged"
    kind = ErrorKind.invalid_input if missing else ErrorKind.environment
    problem = Problem(f"cannot {doing} the file: {reason}", (), name, hint=hint)
    summary = f"{name}: cannot {doing} the file: {reason}" + (f"; {hint}" if hint else "")
    return HeadwayError([problem], summary, kind=kind)
