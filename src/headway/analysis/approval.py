"""Approving a plan: the ethics gate, and the record of who approved what, when.

A plan can be approved only when none of its chosen initiatives has an unresolved high ethics
finding. The approval is a plain record (`Approval.to_data`) that the workspace keeps beside
the strategy document, so the approved plan can be compared with later re-plans.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from headway.analysis.ethics import Finding, approval_blockers, ethics_review
from headway.errors import ErrorKind, HeadwayError, Problem
from headway.portfolio.results import Plan
from headway.strategy.model import Strategy

APPROVAL_FILE = "approved-plan.yaml"
"""Name of the approval record in the workspace folder, beside `headway.yaml`."""


class ApprovalRefusedError(HeadwayError):
    """The plan cannot be approved; `blockers` are the unresolved high findings that say why.

    Its kind is `refused`: the documented domain outcome (exit code 1 on the command line).
    """

    kind = ErrorKind.refused

    def __init__(self, blockers: list[Finding], document: str = "headway.yaml") -> None:
        self.blockers = blockers
        hint = (
            "change the initiative's ethics facts, exclude it (excluded: true), or record who "
            f"takes responsibility and why: headway ethics {document} --resolve "
            f"{blockers[0].id if blockers else 'ID'} --by NAME --why REASON"
        )
        lines = [
            f"the plan cannot be approved: {len(blockers)} chosen initiative finding"
            f"{'s' if len(blockers) != 1 else ''} of high severity "
            f"{'are' if len(blockers) != 1 else 'is'} unresolved"
        ]
        for finding in blockers:
            lines.append(f"  {finding.id} (high): {finding.message}")
        lines.append(hint[0].upper() + hint[1:])
        problems = [
            Problem(f"{f.id} (high, unresolved): {f.message}", (), document, hint=hint)
            for f in blockers
        ]
        super().__init__(problems, "\n".join(lines))


@dataclass(frozen=True)
class Approval:
    """An approved plan: who approved it, when, the document it came from, and its contents."""

    approved_by: str
    approved_on: dt.date
    document_sha256: str
    plan: Plan
    findings: tuple[Finding, ...]

    def to_data(self) -> dict[str, Any]:
        """Plain data for the workspace file (YAML/JSON-ready)."""
        plan = self.plan
        return {
            "business": plan.business,
            "approved_by": self.approved_by,
            "approved_on": self.approved_on.isoformat(),
            "document_sha256": self.document_sha256,
            "value": round(plan.value, 6),
            "alignment": round(plan.alignment, 6),
            "npv": round(plan.npv, 2),
            "upfront_total": round(plan.upfront_total, 2),
            "currency": plan.currency,
            "readiness": round(plan.readiness, 4),
            "readiness_note": plan.readiness_note,
            "verdict": plan.verdict,
            "initiatives": [
                {
                    "id": d.initiative,
                    "name": d.name,
                    "start": d.start_label,
                    "live": d.live_label,
                }
                for d in plan.selected
            ],
            "ethics": [_finding_data(f) for f in self.findings],
        }


def approve(
    strategy: Strategy,
    plan: Plan,
    *,
    by: str,
    on: dt.date,
    document_text: str = "",
    document_name: str = "headway.yaml",
) -> Approval:
    """Approve `plan` for `strategy`, or raise `ApprovalRefusedError` naming each unresolved high
    finding of a chosen initiative. `document_text` is hashed (SHA-256) into the record so a
    later change of the document can be detected."""
    chosen = [d.initiative for d in plan.selected]
    blockers = approval_blockers(strategy, chosen)
    if blockers:
        raise ApprovalRefusedError(blockers, document_name)
    chosen_ids = set(chosen)
    findings = tuple(f for f in ethics_review(strategy) if f.initiative in chosen_ids)
    return Approval(
        approved_by=by,
        approved_on=on,
        document_sha256=hashlib.sha256(document_text.encode("utf-8")).hexdigest(),
        plan=plan,
        findings=findings,
    )


def _finding_data(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "finding": finding.id,
        "severity": finding.severity.value,
        "message": finding.message,
    }
    if finding.resolution is not None:
        data["resolved_by"] = finding.resolution.by
        data["why"] = finding.resolution.why
        data["date"] = finding.resolution.date.isoformat()
    else:
        data["status"] = "open"
    return data
