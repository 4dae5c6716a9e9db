"""The engine's problems shown next to the form field they concern.

Each problem carries the path of the value it is about (`('kpis', 2, 'baseline')`); a form maps
path prefixes to its field names, and a problem whose path matches no field is shown above the
form, so no problem is ever dropped.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms

from headway.errors import HeadwayError, Path, format_path


def attach_problems(
    form: forms.Form, error: HeadwayError, fields: Mapping[Path, str], strip: int = 0
) -> None:
    """Add each problem of `error` to the field whose path is the longest prefix of the
    problem's path (after dropping its first `strip` parts), else to the form as a whole."""
    for problem in error.problems or ():
        path = tuple(problem.path[strip:])
        field = _field_of(path, fields)
        message = problem.message + (f"; {problem.hint}" if problem.hint else "")
        if field is None or field not in form.fields:
            where = format_path(problem.path)
            form.add_error(None, f"{where}: {message}" if problem.path else message)
        else:
            form.add_error(field, message)
    if not error.problems:
        form.add_error(None, str(error))


def _field_of(path: Path, fields: Mapping[Path, str]) -> str | None:
    for end in range(len(path), -1, -1):
        if path[:end] in fields:
            return fields[path[:end]]
    return None
