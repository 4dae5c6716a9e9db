"""Errors a user caused, as the pages list them and as the API's problem-details JSON."""

from __future__ import annotations

from typing import Any

from headway.errors import HeadwayError


def problems_of(error: HeadwayError) -> list[str]:
    """One readable line per problem of a user error."""
    return [str(p) for p in error.problems] or [str(error)]


def problem_details(
    status: int, title: str, detail: str, problems: list[str] | None = None
) -> dict[str, Any]:
    """An RFC 9457 problem-details object for a failure that is not a `HeadwayError` (not
    signed in, not allowed, not found, a malformed request), in the same shape as
    `HeadwayError.to_problem_details`."""
    return {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "problems": [{"message": p} for p in problems or []],
    }
