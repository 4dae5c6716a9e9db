"""Approving a plan: the gate (a feasible plan, no open high ethics finding in it) and the
record of who approved what, when, from which version of the document.

The approval is a plain record (`Approval.to_data`) the workspace keeps, so later re-plans can
be compared with the approved plan (`headway.workspace.planning.realign_workspace`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from headway.analysis.ethics import Finding, approval_blockers, ethics_review
from headway.errors import ErrorKind, HeadwayError, Problem
from headway.portfolio.results import Plan
from headway.strategy.model import Strategy


@dataclass(frozen=True)
class Blocker:
    """Why a plan cannot be approved: the plan is `infeasible` (no plan meets the limits, the
    solver failed, or its time ran out before it found a plan), or an initiative in it has an
    open high `ethics` finding (`finding`)."""

    kind: Literal["infeasible", "ethics"]
    message: str
    finding: Finding | None = None


class ApprovalRefusedError(HeadwayError):
    """The plan of `document` cannot be approved; `blockers` say why (kind `refused`: exit code
    1 on the command line, HTTP 409 in the API)."""

    kind = ErrorKind.refused

    def __init__(self, blockers: list[Blocker], document: str = "headway.yaml") -> None:
        self.blockers = blockers
        ethics = [b.finding.id for b in blockers if b.finding is not None]
        if ethics:
            hint = (
                "change the initiative's ethics facts, exclude it (excluded: true), or record "
                "who takes responsibility and why (initiatives[].ethics.resolutions): "
                f"headway ethics {document} --resolve {ethics[0]} --by NAME --why REASON"
            )
        else:
            hint = "change the limits or the mandatory initiatives until a plan exists"
        count = len(blockers)
        lines = [f"the plan cannot be approved ({count} blocker{'s' if count != 1 else ''}):"]
        lines += [f"  {b.message}" for b in blockers]
        lines.append(hint[0].upper() + hint[1:])
        problems = [Problem(b.message, (), document, hint=hint) for b in blockers]
        super().__init__(problems, "\n".join(lines))


@dataclass(frozen=True)
class Approval:
    """An approved plan: who approved it, when, the document version it came from (`version`,
    None when the store keeps no versions; `document_sha256` of its content), the plan, and
    the ethics findings of its initiatives with their resolutions."""

    approved_by: str
    approved_on: dt.date
    document_sha256: str
    version: int | None
    plan: Plan
    findings: tuple[Finding, ...]

    def to_data(self) -> dict[str, Any]:
        """Plain data for the workspace's record (YAML/JSON-ready)."""
        plan = self.plan
        return {
            "business": plan.business,
            "approved_by": self.approved_by,
            "approved_on": self.approved_on.isoformat(),
            "version": self.version,
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


def plan_blockers(strategy: Strategy, plan: Plan) -> list[Blocker]:
    """What keeps `plan` of `strategy` from approval; empty when it may be approved."""
    if plan.status in ("infeasible", "error"):
        return [Blocker("infeasible", f"the plan is {plan.status}: {plan.verdict}")]
    if plan.status == "time_limit" and not plan.decisions:
        return [Blocker("infeasible", f"there is no plan to approve: {plan.proof}")]
    chosen = [d.initiative for d in plan.selected]
    return [
        Blocker("ethics", f"{f.id} (high, unresolved): {f.message}", f)
        for f in approval_blockers(strategy, chosen)
    ]


def approve(
    strategy: Strategy,
    plan: Plan,
    *,
    by: str,
    on: dt.date,
    document_sha256: str = "",
    version: int | None = None,
) -> Approval | list[Blocker]:
    """The approval of `plan` for `strategy` by `by` on `on`, or the blockers that refuse it
    (`plan_blockers`)."""
    blockers = plan_blockers(strategy, plan)
    if blockers:
        return blockers
    chosen_ids = {d.initiative for d in plan.selected}
    findings = tuple(f for f in ethics_review(strategy) if f.initiative in chosen_ids)
    return Approval(
        approved_by=by,
        approved_on=on,
        document_sha256=document_sha256,
        version=version,
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
