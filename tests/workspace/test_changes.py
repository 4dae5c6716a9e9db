"""Use cases that change the document, against the folder store and the in-memory store."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from headway.analysis.ethics import ethics_review
from headway.analysis.readiness import readiness_score
from headway.strategy.errors import StrategyError
from headway.strategy.survey import default_survey
from headway.strategy.templates import UnknownTemplateError
from headway.workspace import (
    WorkspaceError,
    WorkspaceStore,
    add_remedies,
    create_workspace,
    current_strategy,
    record_answers,
    resolve_finding,
    save_version,
)
from headway.workspace.changes import validated_strategy
from tests.workspace.conftest import make_store

KIOSK = "self-order-kiosk/hours-displaced-no-plan"
DAY = dt.date(2027, 1, 4)


def answers(value: int) -> dict[str, int]:
    return dict.fromkeys(default_survey().question_ids, value)


def test_create_from_a_template_then_refuse_a_second_time(kind: str, tmp_path: Path) -> None:
    from headway.workspace import FolderStore, MemoryStore

    store = FolderStore(tmp_path) if kind == "folder" else MemoryStore()
    with pytest.raises(WorkspaceError):
        store.document()
    saved = create_workspace(store, "bakery")
    assert saved.strategy.business.name == "Corner Crust Bakery"
    assert [v.number for v in store.versions()] == [1]
    assert current_strategy(store) == saved.strategy
    with pytest.raises(WorkspaceError, match="a strategy document already exists"):
        create_workspace(store, "logistics")
    assert create_workspace(store, "logistics", replace=True).version.number == 2
    with pytest.raises(UnknownTemplateError):
        create_workspace(store, "bakry", replace=True)


def test_answers_are_recorded_and_a_respondent_replaced(store: WorkspaceStore) -> None:
    before = len(current_strategy(store).readiness.respondents)
    saved = record_answers(store, "Ana", answers(2), role="owner")
    assert saved.added == ("Ana",)
    again = record_answers(store, "Ana", answers(5), role="owner")
    assert again.updated == ("Ana",)
    people = current_strategy(store).readiness.respondents
    assert len(people) == before + 1
    ana = next(p for p in people if p.name == "Ana")
    assert set(ana.answers.values()) == {5}
    assert readiness_score(again.strategy) == readiness_score(current_strategy(store))


def test_a_bad_answer_saves_nothing(store: WorkspaceStore) -> None:
    versions, document = store.versions(), store.document()
    with pytest.raises(WorkspaceError, match="expected 1 to 5"):
        record_answers(store, "Ana", {**answers(3), next(iter(answers(3))): 7})
    with pytest.raises(WorkspaceError, match="not a question of the survey"):
        record_answers(store, "Ana", {"favourite-colour": 3})
    assert store.versions() == versions
    assert store.document() == document


def test_a_finding_is_resolved_and_a_new_version_kept(store: WorkspaceStore) -> None:
    count = len(store.versions())
    saved = resolve_finding(store, KIOSK, by="Ana (owner)", why="Hours go to baking.", on=DAY)
    assert saved.version.number == count + 1
    assert [v.number for v in store.versions()][-1] == count + 1
    finding = next(f for f in ethics_review(current_strategy(store)) if f.id == KIOSK)
    assert finding.resolution is not None
    assert (finding.resolution.by, finding.resolution.date) == ("Ana (owner)", DAY)
    # Resolving again replaces the record instead of adding a second one.
    resolve_finding(store, KIOSK, by="Tom", why="Reviewed again.", on=DAY)
    kiosk = next(i for i in current_strategy(store).initiatives if i.id == "self-order-kiosk")
    assert [r.by for r in kiosk.ethics.resolutions] == ["Tom"]


def test_an_unknown_finding_or_empty_reason_is_refused(store: WorkspaceStore) -> None:
    document = store.document()
    with pytest.raises(WorkspaceError, match=r"no finding 'kiosk/x'.*self-order-kiosk"):
        resolve_finding(store, "kiosk/x", by="Ana", why="because", on=DAY)
    with pytest.raises(WorkspaceError, match="'why' is empty"):
        resolve_finding(store, KIOSK, by="Ana", why="  ", on=DAY)
    assert store.document() == document


def test_remedies_are_added_once(store: WorkspaceStore) -> None:
    saved = add_remedies(store)
    assert saved.added == ("train-email-marketing",)
    needing = [i for i in saved.strategy.initiatives if "train-email-marketing" in i.requires]
    assert needing
    assert add_remedies(store).added == ()
    ids = [i.id for i in current_strategy(store).initiatives]
    assert ids.count("train-email-marketing") == 1


def test_an_invalid_version_is_refused_and_nothing_saved(store: WorkspaceStore) -> None:
    document = store.document()
    versions = store.versions()
    broken = {**document, "kpis": [{**document["kpis"][0], "target": "lots"}]}
    with pytest.raises(StrategyError):
        save_version(store, broken, "broken")
    assert store.document() == document
    assert store.versions() == versions
    changed = {**document, "business": {**document["business"], "employees": 13}}
    saved = save_version(store, changed, "one more baker")
    assert saved.strategy.business.employees == 13
    assert store.versions()[-1].note == "one more baker"
    assert store.version_document(saved.version.number) == changed


def test_the_folder_and_memory_stores_hash_the_same_content_alike(tmp_path: Path) -> None:
    folder = make_store("folder", tmp_path / "f")
    memory = make_store("memory", tmp_path / "m")
    args = (KIOSK,)
    a = resolve_finding(folder, *args, by="Ana", why="Plan agreed.", on=DAY)
    b = resolve_finding(memory, *args, by="Ana", why="Plan agreed.", on=DAY)
    assert a.version.sha256 == b.version.sha256
    assert folder.document() == memory.document()


def test_a_document_is_validated_once_and_an_invalid_one_refused(store: WorkspaceStore) -> None:
    document = store.document()
    first = validated_strategy(document, "bakery")
    assert validated_strategy(copy.deepcopy(document), "bakery") is first  # found by SHA-256
    renamed = copy.deepcopy(document)
    renamed["business"]["name"] = "Other Bakery"
    assert validated_strategy(renamed, "renamed").business.name == "Other Bakery"
    broken = copy.deepcopy(document)
    broken["goals"] = []
    for _ in range(2):  # a refused document is not kept: refused again
        with pytest.raises(StrategyError, match="broken"):
            validated_strategy(broken, "broken")
