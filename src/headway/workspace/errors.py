"""Errors of a workspace change a user can act on: what was wrong and where."""

from __future__ import annotations

from headway.errors import HeadwayError, Path, Problem


class WorkspaceError(HeadwayError):
    """A change the workspace refuses as invalid input (an unknown finding, a missing document,
    an empty name); `problems` lists each with the document or field it concerns."""


def refuse(message: str, where: str, path: Path = ()) -> WorkspaceError:
    """One problem as an error: `message` about the document or store `where`, at `path`."""
    return WorkspaceError([Problem(message, path, where)])
