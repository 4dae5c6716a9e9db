"""`DatabaseStore`: the workspace layer's store interface on the Django ORM.

The web app hands it to the workspace layer's use cases exactly as the command line hands them a
folder. Published versions are rows that are never updated; the document is kept as the
validated JSON the use cases pass in. `lock()` is a transaction holding the workspace's row
(`SELECT ... FOR UPDATE` on PostgreSQL; SQLite serialises writers itself).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from headway.monitoring.records import Measurement, Replacement, Status, StatusRecord
from headway.strategy.errors import Path
from headway.web import models
from headway.workspace.errors import refuse
from headway.workspace.kept import Kept
from headway.workspace.store import Document, Version, document_sha256

_documents: Kept[tuple[int, str], Document] = Kept(16)


def published(workspace: models.Workspace) -> tuple[str, Document] | None:
    """The workspace's current version: its document's SHA-256 and the document, or None when
    nothing is published. A published version never changes, so each process reads and decodes
    its document once (the last 16 kept) and shares it: callers only read it."""
    latest = workspace.versions.order_by("-number").values_list("pk", "sha256").first()
    if latest is None:
        return None
    pk, sha256 = latest
    rows = models.StrategyVersion.objects.values_list("document", flat=True)
    return sha256, _documents.get((pk, sha256), lambda: rows.get(pk=pk))


class DatabaseStore:
    """A `WorkspaceStore` for one workspace row; `actor` names who saves (kept with versions)."""

    def __init__(self, workspace: models.Workspace, actor: str = "") -> None:
        self.workspace = workspace
        self.actor = actor

    @property
    def name(self) -> str:
        """The workspace's name, where problems point."""
        return self.workspace.name

    @contextmanager
    def lock(self) -> Iterator[None]:
        """A transaction holding the workspace row: concurrent writers wait, then see the change."""
        with transaction.atomic():
            models.Workspace.objects.select_for_update().filter(pk=self.workspace.pk).first()
            yield

    def document(self) -> Document:
        """The latest published version's document."""
        latest = self._versions().last()
        if latest is None:
            raise refuse("the workspace has no strategy document yet", self.name)
        document: Document = latest.document
        return document

    def save_document(
        self,
        document: Document,
        note: str,
        text: str | None = None,
        comments: dict[Path, str] | None = None,
    ) -> Version:
        """Publish `document` (already validated) as the next version; `text` and `comments`
        (YAML formatting) are not kept: the database holds JSON."""
        with self.lock():
            latest = self._versions().last()
            row = models.StrategyVersion.objects.create(
                workspace=self.workspace,
                number=(latest.number + 1) if latest else 1,
                document=document,
                sha256=document_sha256(document),
                note=note[:500],
                saved_by=self.actor,
            )
        return _version(row)

    def versions(self) -> list[Version]:
        """Every published version, oldest first."""
        return [_version(row) for row in self._versions()]

    def version_document(self, number: int) -> Document:
        """The document of version `number`."""
        row = self._versions().filter(number=number).first()
        if row is None:
            raise refuse(f"no version {number}", self.name)
        document: Document = row.document
        return document

    def measurements(self) -> list[Measurement]:
        """Every measurement, sorted by KPI, date and source."""
        rows = self.workspace.measurements.all()
        return sorted(Measurement(r.kpi, r.date, r.source, r.value, r.note) for r in rows)

    def replacements(self) -> list[Replacement]:
        """The replacement log, oldest first."""
        return [
            Replacement(
                r.recorded_at,
                r.kpi,
                r.date,
                r.source,
                r.old_value,
                r.new_value,
                r.old_note,
                r.new_note,
                r.origin,
            )
            for r in self.workspace.replacements.all()
        ]

    def save_measurements(
        self, measurements: Sequence[Measurement], replaced: Sequence[Replacement]
    ) -> None:
        """Replace the measurements and append `replaced` to the log, in one transaction."""
        with self.lock():
            self.workspace.measurements.all().delete()
            models.Measurement.objects.bulk_create(
                models.Measurement(
                    workspace=self.workspace,
                    kpi=m.kpi,
                    date=m.date,
                    value=m.value,
                    source=m.source,
                    note=m.note,
                )
                for m in measurements
            )
            models.Replacement.objects.bulk_create(
                models.Replacement(
                    workspace=self.workspace,
                    recorded_at=r.recorded_at,
                    kpi=r.kpi,
                    date=r.date,
                    source=r.source,
                    old_value=r.old_value,
                    new_value=r.new_value,
                    old_note=r.old_note,
                    new_note=r.new_note,
                    origin=r.origin,
                )
                for r in replaced
            )

    def status_records(self) -> list[StatusRecord]:
        """Every status record, in the order they were made."""
        return [
            StatusRecord(
                r.initiative,
                Status(r.status),
                r.date,
                r.owner,
                r.actual_upfront,
                r.actual_recurring_per_month,
                r.note,
            )
            for r in self.workspace.statuses.all()
        ]

    def save_status_records(self, records: Sequence[StatusRecord]) -> None:
        """Replace the status records, keeping their order."""
        with self.lock():
            self.workspace.statuses.all().delete()
            models.StatusRecord.objects.bulk_create(
                models.StatusRecord(
                    workspace=self.workspace,
                    initiative=r.initiative,
                    status=r.status.value,
                    date=r.date,
                    owner=r.owner,
                    actual_upfront=r.actual_upfront,
                    actual_recurring_per_month=r.actual_recurring_per_month,
                    note=r.note,
                )
                for r in records
            )

    def approved_plan(self) -> dict[str, Any] | None:
        """The approved plan's record, or None."""
        record: dict[str, Any] | None = (
            models.Workspace.objects.filter(pk=self.workspace.pk)
            .values_list("approved_plan", flat=True)
            .first()
        )
        return record

    def save_approved_plan(self, record: dict[str, Any]) -> None:
        """Keep `record` as the approved plan."""
        models.Workspace.objects.filter(pk=self.workspace.pk).update(approved_plan=record)

    def _versions(self) -> Any:
        return models.StrategyVersion.objects.filter(workspace=self.workspace).order_by("number")


def _version(row: models.StrategyVersion) -> Version:
    return Version(row.number, row.saved_at.isoformat(timespec="seconds"), row.note, row.sha256)
