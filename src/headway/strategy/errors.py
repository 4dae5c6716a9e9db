"""Errors in a strategy document: what was wrong, in which file, at which line, column and path.

`Problem`, `Path` and `format_path` are the shared error shape of `headway.errors`.
"""

from __future__ import annotations

from headway.errors import HeadwayError, Path, Problem, format_path

__all__ = ["Path", "Problem", "StrategyError", "format_path"]


class StrategyError(HeadwayError):
    """A document that could not be read or is not valid; `problems` lists every one found."""
