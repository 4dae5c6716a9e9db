"""The one error shape: every engine error is a `HeadwayError` with problems and a kind, and
turns into RFC 9457 problem details without special cases."""

from __future__ import annotations

import errno
import json

import pytest

from headway.errors import ErrorKind, HeadwayError, Problem, file_error
from headway.mining.errors import MiningError
from headway.monitoring.errors import TrackingError
from headway.report.pdf import PdfUnavailableError
from headway.strategy.errors import StrategyError
from headway.strategy.load import parse_strategy
from headway.workspace import WorkspaceError
from headway.workspace.approval import ApprovalRefusedError


def test_every_engine_error_is_the_one_shape() -> None:
    for error_type in (
        StrategyError,
        TrackingError,
        MiningError,
        ApprovalRefusedError,
        WorkspaceError,
    ):
        assert issubclass(error_type, HeadwayError)
    assert issubclass(PdfUnavailableError, HeadwayError)


def test_a_document_error_becomes_problem_details_with_a_pointer() -> None:
    with pytest.raises(StrategyError) as caught:
        parse_strategy("business: {name: 3}\n", file="headway.yaml", format="yaml")
    details = caught.value.to_problem_details(instance="/workspaces/7")
    assert details["type"] == "urn:headway:error:invalid-input"
    assert details["status"] == 422 and details["instance"] == "/workspaces/7"
    assert details["detail"] == str(caught.value)
    first = details["problems"][0]
    assert first["file"] == "headway.yaml" and first["line"] == 1
    name = next(p for p in details["problems"] if p["path"] == "business.name")
    assert name["pointer"] == "/business/name"
    json.dumps(details, allow_nan=False)  # valid JSON for a browser


def test_kinds_give_the_status_of_their_outcome() -> None:
    refused = ApprovalRefusedError([], "headway.yaml")
    assert refused.kind is ErrorKind.refused and refused.http_status == 409
    missing = PdfUnavailableError("install Pango")
    assert missing.kind is ErrorKind.environment and missing.http_status == 503
    assert MiningError("no events", "log.csv").to_problem_details()["problems"] == [
        {
            "message": "no events",
            "file": "log.csv",
            "line": None,
            "column": None,
            "path": None,
            "pointer": "",
            "expected": None,
            "hint": None,
        }
    ]


def test_a_problem_reads_as_where_what_expected_and_hint() -> None:
    problem = Problem("too big", ("kpis", 0, "target"), "s.yaml", 4, 9, "at most 100", "lower it")
    assert str(problem) == "s.yaml:4:9: kpis[0].target: too big (expected at most 100); lower it"
    assert problem.to_dict()["pointer"] == "/kpis/0/target"


@pytest.mark.parametrize(
    ("code", "doing", "kind"),
    [
        (errno.ENOENT, "read", ErrorKind.invalid_input),
        (errno.ENOSPC, "write", ErrorKind.environment),
        (errno.EROFS, "write", ErrorKind.environment),
        (errno.EACCES, "read", ErrorKind.environment),
    ],
)
def test_a_failed_file_operation_is_the_users_or_the_machines(
    code: int, doing: str, kind: ErrorKind
) -> None:
    error = file_error(OSError(code, "reason"), "out.html", doing)
    assert error.kind is kind
    assert str(error).startswith(f"out.html: cannot {doing} the file: reason")
    if code == errno.ENOSPC:
        assert "free some disk space" in str(error) and "previous file is unchanged" in str(error)
