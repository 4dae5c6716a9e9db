"""A workspace held in memory: for tests, notebooks and as the reference of the interface."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from headway.monitoring.records import Measurement, Replacement, StatusRecord
from headway.strategy.errors import Path
from headway.workspace.errors import refuse
from headway.workspace.store import Document, Version, document_sha256, utc_now


class MemoryStore:
    """A `WorkspaceStore` in Python objects; `MemoryStore(document)` starts with one version."""

    def __init__(self, document: Document | None = None, name: str = "workspace") -> None:
        self._name = name
        self._versions: list[tuple[Version, Document]] = []
        self._measurements: list[Measurement] = []
        self._replacements: list[Replacement] = []
        self._records: list[StatusRecord] = []
        self._approved: dict[str, Any] | None = None
        self._lock = threading.RLock()
        if document is not None:
            self.save_document(document, "created")

    @property
    def name(self) -> str:
        """The workspace's name, used where problems point."""
        return self._name

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's lock (re-entrant; threads of one process only)."""
        with self._lock:
            yield

    def document(self) -> Document:
        """The current document (a copy: changing it changes nothing stored)."""
        if not self._versions:
            raise refuse("the workspace has no strategy document yet", self._name)
        return copy.deepcopy(self._versions[-1][1])

    def save_document(
        self,
        document: Document,
        note: str,
        text: str | None = None,
        comments: dict[Path, str] | None = None,
    ) -> Version:
        """Keep a copy of `document` as the next version; `text` and `comments` are not kept."""
        with self._lock:
            version = Version(len(self._versions) + 1, utc_now(), note, document_sha256(document))
            self._versions.append((version, copy.deepcopy(document)))
            return version

    def versions(self) -> list[Version]:
        """Every version, oldest first."""
        return [version for version, _ in self._versions]

    def version_document(self, number: int) -> Document:
        """The document of version `number`."""
        if not 1 <= number <= len(self._versions):
            raise refuse(f"no version {number} (versions 1-{len(self._versions)})", self._name)
        return copy.deepcopy(self._versions[number - 1][1])

    def measurements(self) -> list[Measurement]:
        """Every measurement, sorted by KPI, date and source."""
        return sorted(self._measurements)

    def replacements(self) -> list[Replacement]:
        """The replacement log, oldest first."""
        return list(self._replacements)

    def save_measurements(
        self, measurements: Sequence[Measurement], replaced: Sequence[Replacement]
    ) -> None:
        """Replace the measurements; append `replaced` to the log."""
        self._replacements = [*self._replacements, *replaced]
        self._measurements = sorted(measurements)

    def status_records(self) -> list[StatusRecord]:
        """Every status record, in the order they were made."""
        return list(self._records)

    def save_status_records(self, records: Sequence[StatusRecord]) -> None:
        """Replace the status records."""
        self._records = list(records)

    def approved_plan(self) -> dict[str, Any] | None:
        """The approved plan's record, or None."""
        return copy.deepcopy(self._approved)

    def save_approved_plan(self, record: dict[str, Any]) -> None:
        """Keep a copy of `record` as the approved plan."""
        self._approved = copy.deepcopy(record)
