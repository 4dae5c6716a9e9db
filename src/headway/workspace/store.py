"""What a workspace holds, as one interface every store implements.

A workspace holds the current strategy document and its earlier versions, KPI measurements
(with the log of replaced values), initiative status records and the approved plan. Readiness
answers and ethics resolutions are part of the document (`readiness.respondents`,
`initiatives[].ethics.resolutions`), so a version carries the answers and decisions it was
planned with.

Two stores implement it here: `FolderStore` (the files of a workspace folder, git-friendly) and
`MemoryStore` (plain Python objects; for tests and notebooks). The web app's database store
implements the same interface, keeping the document as JSON. Data crosses the interface as plain
JSON-ready values (the document, the approval record) or typed records (measurements, status).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from headway.monitoring.records import Measurement, Replacement, StatusRecord
from headway.strategy.errors import Path

Document = dict[str, Any]
"""A strategy document as plain JSON-ready data: mappings, lists, text, numbers, booleans;
dates as ISO text (`2027-01-05`)."""


@dataclass(frozen=True)
class Version:
    """One saved version of the strategy document: its number (1, 2, ...), when it was saved
    (ISO date-time, UTC), why (`note`) and the SHA-256 of its content (`document_sha256`)."""

    number: int
    saved_at: str
    note: str
    sha256: str


class WorkspaceStore(Protocol):
    """Where a workspace keeps what it holds; see the module docstring.

    Reads return what is stored now. Writers replace what they name as a whole and never leave
    half of it. `lock()` serialises read-modify-write sequences across processes: the use cases
    read, change and save inside it, so no concurrent change is lost.
    """

    @property
    def name(self) -> str:
        """Where problems point: the document's path, or the workspace's name."""
        ...

    def lock(self) -> AbstractContextManager[None]:
        """Hold the workspace's write lock (re-entrant within one store object)."""
        ...

    def document(self) -> Document:
        """The current strategy document; raises `WorkspaceError` when there is none and
        `StrategyError` when it is not a valid document."""
        ...

    def save_document(
        self,
        document: Document,
        note: str,
        text: str | None = None,
        comments: dict[Path, str] | None = None,
    ) -> Version:
        """Make `document` (already validated) the current one and keep it as a new version.

        For a store that keeps the document as text: `text` is the same document as YAML with
        comments (e.g. a template) to write as is, and `comments` (path of a value -> text) are
        end-of-line comments to write beside new values. Other stores ignore both."""
        ...

    def versions(self) -> list[Version]:
        """Every saved version, oldest first."""
        ...

    def version_document(self, number: int) -> Document:
        """The document as saved in version `number`; raises `WorkspaceError` if unknown."""
        ...

    def measurements(self) -> list[Measurement]:
        """Every KPI measurement, sorted by KPI, date and source."""
        ...

    def replacements(self) -> list[Replacement]:
        """The log of replaced measurements, oldest first."""
        ...

    def save_measurements(
        self, measurements: Sequence[Measurement], replaced: Sequence[Replacement]
    ) -> None:
        """Replace the measurements with `measurements` and append `replaced` to the log."""
        ...

    def status_records(self) -> list[StatusRecord]:
        """Every initiative status record, in the order they were made."""
        ...

    def save_status_records(self, records: Sequence[StatusRecord]) -> None:
        """Replace the status records with `records`."""
        ...

    def approved_plan(self) -> dict[str, Any] | None:
        """The last approved plan's record (`Approval.to_data()`), or None."""
        ...

    def save_approved_plan(self, record: dict[str, Any]) -> None:
        """Keep `record` as the approved plan, replacing any earlier one."""
        ...


def document_sha256(document: Document) -> str:
    """SHA-256 (hex) of the document's content: its canonical JSON (keys sorted, no spaces),
    so the same content has the same hash in every store and format."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def utc_now() -> str:
    """The current time, UTC, as ISO text to the second (when a version or value was saved)."""
    return datetime.now(UTC).isoformat(timespec="seconds")
