"""Putting a readiness survey round's answers into the strategy document: a pure edit."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from headway.strategy.model import ReadinessRespondent
from headway.workspace.edits import Edited, validated
from headway.workspace.errors import refuse
from headway.workspace.store import Document


def use_answers(
    document: Document, respondents: Sequence[ReadinessRespondent], where: str = "<document>"
) -> Edited:
    """`document` with its readiness answers replaced by `respondents` (the latest round, as
    `headway.monitoring.pulse.shareable` keeps them); refuses an empty list."""
    if not respondents:
        raise refuse(
            "no dimension was answered by five people or more: nothing can be used yet",
            where,
            ("readiness", "respondents"),
        )
    new = copy.deepcopy(document)
    people = [p.model_dump(mode="json") for p in respondents]
    new.setdefault("readiness", {})["respondents"] = people
    return validated(new, where, updated=[p.name for p in respondents])
