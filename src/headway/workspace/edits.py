"""Pure edits of a strategy document's plain data.

Each edit takes the document as plain data (a `Document`), leaves it untouched and returns an
`Edited`: the new document, validated by the engine (`validate_data`), with the ids it added or
updated. Nothing here reads or writes a file; the use cases (`headway.workspace.changes`) apply
an edit under the store's lock and save the result as a new version.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

from headway.analysis.ethics import ethics_review
from headway.analysis.skills import talent_gaps
from headway.strategy.errors import Path
from headway.strategy.load import Format, read_data, validate_data
from headway.strategy.model import Strategy
from headway.strategy.survey import default_survey
from headway.workspace.errors import refuse
from headway.workspace.store import Document

if TYPE_CHECKING:  # mining loads DuckDB and Arrow: only `merge_processes` needs it
    from headway.mining.profile import ProcessProfile

MEASURED_FIELDS = ("volume_per_period", "minutes_each", "error_rate", "source")
"""Fields of a process that a new mining run refreshes; the user's other fields stay."""


@dataclass(frozen=True)
class Edited:
    """An edited document and its validated `strategy`.

    `added` and `updated` are the ids the edit added or changed; `comments` are end-of-line
    comments (path of a value -> text) that a store keeping YAML text writes beside new values.
    """

    document: Document
    strategy: Strategy
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    comments: Mapping[Path, str] = field(default_factory=dict)


def validated(
    document: Document,
    where: str = "<document>",
    *,
    added: Sequence[str] = (),
    updated: Sequence[str] = (),
    comments: Mapping[Path, str] | None = None,
) -> Edited:
    """`document` with its validated strategy; raises `StrategyError` naming each problem."""
    strategy = validate_data(document, file=where)
    return Edited(document, strategy, tuple(added), tuple(updated), dict(comments or {}))


def record_answers(
    document: Document,
    respondent: str,
    answers: Mapping[str, int],
    role: str = "staff",
    where: str = "<document>",
) -> Edited:
    """Record one respondent's readiness answers (question id -> 1..5); a respondent of the same
    name is replaced. Raises `WorkspaceError` for an unknown question or an answer outside 1-5."""
    name = respondent.strip()
    if not name:
        raise refuse("the respondent's name is empty", where, ("readiness", "respondents"))
    questions = default_survey().question_ids
    for question, answer in answers.items():
        if question not in questions:
            raise refuse(f"'{question}' is not a question of the survey", where, ("answers",))
        if isinstance(answer, bool) or answer not in (1, 2, 3, 4, 5):
            raise refuse(f"answer {answer!r} to '{question}': expected 1 to 5", where, ("answers",))
    new = copy.deepcopy(document)
    people = new.setdefault("readiness", {}).setdefault("respondents", [])
    entry = {"name": name, "role": role.strip() or "staff", "answers": dict(answers)}
    index = next((n for n, p in enumerate(people) if p.get("name") == name), None)
    if index is None:
        people.append(entry)
        return validated(new, where, added=[name])
    people[index] = entry
    return validated(new, where, updated=[name])


def resolve_finding(
    document: Document, finding_id: str, by: str, why: str, on: dt.date, where: str = "<document>"
) -> Edited:
    """Record who resolved the ethics finding `finding_id` (`initiative/rule`), why and on which
    day; an earlier resolution of the same finding is replaced. Raises `WorkspaceError` for an
    unknown finding or an empty `by` or `why`."""
    for value, name in ((by, "by"), (why, "why")):
        if not value.strip():
            raise refuse(f"the resolution's '{name}' is empty", where, ("resolution", name))
    findings = {f.id: f for f in ethics_review(validate_data(document, file=where))}
    if finding_id not in findings:
        listed = ", ".join(findings) or "none"
        raise refuse(f"no finding '{finding_id}' (findings: {listed})", where, ("initiatives",))
    finding = findings[finding_id]
    new = copy.deepcopy(document)
    item = next(i for i in new["initiatives"] if i.get("id") == finding.initiative)
    facts = item.setdefault("ethics", {})
    kept = [r for r in facts.get("resolutions", []) if r.get("rule") != finding.rule]
    record = {"rule": finding.rule, "by": by.strip(), "why": why.strip(), "date": on.isoformat()}
    facts["resolutions"] = [*kept, record]
    return validated(new, where, updated=[finding_id])


def add_remedies(document: Document, where: str = "<document>") -> Edited:
    """Add each talent gap's suggested training or hiring initiative (when not already there),
    required by every initiative that needs the skill, so the plan can schedule it."""
    gaps = talent_gaps(validate_data(document, file=where))
    new = copy.deepcopy(document)
    items = new.setdefault("initiatives", [])
    added = [g.suggestion.id for g in gaps if not g.already_planned]
    for gap in gaps:
        if not gap.already_planned:
            items.append(gap.suggestion.model_dump(mode="json", exclude_defaults=True))
    updated = []
    for item in items:
        needed = [g.suggestion.id for g in gaps if item.get("id") in g.needed_by]
        missing = [r for r in needed if r not in item.get("requires", [])]
        if missing:
            item["requires"] = [*item.get("requires", []), *missing]
            updated.append(item["id"])
    return validated(new, where, added=added, updated=updated)


def merge_processes(
    document: Document,
    profile: ProcessProfile,
    activities: Sequence[str],
    role: str,
    where: str = "<document>",
) -> Edited:
    """Add a process for each mined activity, or refresh the measured figures of the process
    already there (`MEASURED_FIELDS`; the user's name, role, traits and pain points stay).
    Raises `MiningError` for an unknown activity or role."""
    from headway.mining.into_strategy import check_role, chosen_candidates, process_entry

    strategy = validate_data(document, file=where)
    check_role(role, [r.id for r in strategy.roles], where)
    chosen = chosen_candidates(profile, activities)
    months = strategy.horizon.period.months
    new = copy.deepcopy(document)
    processes = new.setdefault("processes", [])
    index = {str(p.get("id")): n for n, p in enumerate(processes)}
    added: list[str] = []
    updated: list[str] = []
    comments: dict[Path, str] = {}
    for candidate in chosen:
        entry = process_entry(candidate, profile, role=role, months_per_period=months)
        at = index.get(entry["id"])
        if at is None:
            index[entry["id"]] = at = len(processes)
            processes.append(entry)
            added.append(entry["id"])
            comments.update(_mined_comments(at, profile, candidate.minutes_measured))
        else:
            processes[at].update({key: entry[key] for key in MEASURED_FIELDS})
            processes[at].setdefault("traits", entry["traits"])
            updated.append(entry["id"])
    return validated(new, where, added=added, updated=updated, comments=comments)


def _mined_comments(at: int, profile: ProcessProfile, measured: bool) -> dict[Path, str]:
    comments: dict[Path, str] = {
        ("processes", at, "source"): f"mined from {FilePath(profile.source).name} (headway mine)",
        ("processes", at, "error_rate"): "rework rate in the log",
    }
    if not measured:
        comments[("processes", at, "minutes_each")] = "assumed: the log has no start/complete times"
    return comments


def document_from_text(text: str, where: str, format: Format) -> Document:
    """The plain data of a document's YAML or JSON text, read as the engine reads it
    (`read_data`); raises `StrategyError` when the text cannot be read."""
    return plain(read_data(text, file=where, format=format))  # type: ignore[no-any-return]


def plain(value: Any) -> Any:
    """`value` as plain JSON-ready data: mappings and sequences rebuilt as dicts and lists,
    dates as ISO text, numbers, text and booleans as their built-in types."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)
