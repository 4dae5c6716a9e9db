"""A workspace folder on disk: `headway.yaml` and the plain tracking files beside it.

    my-bakery/
      headway.yaml        the strategy document (comments and layout kept on every edit)
      measurements.csv    KPI measurements, long format: kpi, date, value, source, note
      initiatives.csv     initiative status records: initiative, status, date, owner, costs, note
      replacements.csv    every measurement a later import or entry replaced
      approved-plan.yaml  the last approved plan: who, when, which version, what
      versions/           each saved version of the document (headway-0001.yaml, ...) and
                          their index (headway.csv: number, saved_at, sha256, note)

Every write goes to a temporary file that is renamed over the old one (`write_atomic`), so a
crash leaves the old file or the new one, never half of either. A lock file (`.headway.lock`,
`flock`) serialises writers across processes.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from headway.errors import Problem, file_error
from headway.files import write_atomic
from headway.monitoring.errors import TrackingError, problem
from headway.monitoring.measurements import measurements_from_table
from headway.monitoring.records import (
    MEASUREMENT_COLUMNS,
    REPLACEMENT_COLUMNS,
    STATUS_COLUMNS,
    Measurement,
    Replacement,
    Status,
    StatusRecord,
    measurements_text,
    parse_number,
    replacements_text,
    statuses_text,
    unescape_text,
    write_csv,
)
from headway.monitoring.status import Tracking
from headway.monitoring.tables import Table, read_table
from headway.strategy.errors import Path as FieldPath
from headway.strategy.errors import StrategyError
from headway.strategy.load import MAX_BYTES, format_of, parse_strategy
from headway.workspace.edits import document_from_text, plain
from headway.workspace.errors import refuse
from headway.workspace.roundtrip import rewrite_yaml
from headway.workspace.store import Document, Version, document_sha256, utc_now

STRATEGY_FILE = "headway.yaml"
MEASUREMENTS_FILE = "measurements.csv"
STATUS_FILE = "initiatives.csv"
REPLACEMENTS_FILE = "replacements.csv"
APPROVAL_FILE = "approved-plan.yaml"
VERSIONS_DIR = "versions"
LOCK_FILE = ".headway.lock"
VERSION_COLUMNS = ("number", "saved_at", "sha256", "note")
LIMIT_HINT = "the setting strategy_max_bytes raises the limit (docs/settings.md)"


class FolderStore:
    """A `WorkspaceStore` over the files of a folder; see the module docstring.

    `FolderStore(root)` uses `root/headway.yaml`; `FolderStore.for_document(path)` any YAML or
    JSON strategy document, with the tracking files in its folder. A document larger than
    `max_bytes` (setting `strategy_max_bytes`) is refused before it is read.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        document: str = STRATEGY_FILE,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.root = Path(root)
        self.document_path = self.root / document
        self.max_bytes = max_bytes
        self._depth = 0
        self._thread_lock = threading.RLock()

    @classmethod
    def for_document(cls, path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> FolderStore:
        """The store of the strategy document at `path` (its folder holds the other files)."""
        document = Path(path)
        return cls(document.parent, document.name, max_bytes)

    @property
    def name(self) -> str:
        """The document's path."""
        return str(self.document_path)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder's lock file (`flock`); re-entrant within this object."""
        with self._thread_lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.root.mkdir(parents=True, exist_ok=True)  # a new workspace's first write
            with _file_lock(self.root / LOCK_FILE):
                self._depth = 1
                try:
                    yield
                finally:
                    self._depth = 0

    # -- the document ----------------------------------------------------------------------

    def document(self) -> Document:
        """The document as plain data, after checking it is valid (`StrategyError` names the
        line and column of each problem of a hand-edited file)."""
        text = self._text()
        parse_strategy(
            text, file=self.name, format=format_of(self.document_path), max_bytes=self.max_bytes
        )
        return self._data(text)

    def save_document(
        self,
        document: Document,
        note: str,
        text: str | None = None,
        comments: dict[FieldPath, str] | None = None,
    ) -> Version:
        """Write `document` (YAML keeps the file's comments and layout; `text` is written as
        is), then keep it as the next version under `versions/`."""
        with self.lock():
            new_text = text if text is not None else self._new_text(document, comments)
            # The text must say what the document says before it replaces the user's file.
            parse_strategy(new_text, file=self.name, format=format_of(self.document_path))
            if not self.document_path.exists() or self._text() != new_text:
                write_atomic(self.document_path, new_text)
            return self._keep_version(document, note, new_text)

    def versions(self) -> list[Version]:
        """Every version saved through this store, oldest first."""
        table = self._table(self._version_index(), VERSION_COLUMNS)
        if table is None:
            return []
        result = []
        for number, cells in table.rows:
            row = [str(c or "") for c in cells]
            try:
                result.append(Version(int(row[0]), row[1], row[3], row[2]))
            except (ValueError, IndexError):
                where = str(self._version_index())
                raise TrackingError([problem("not a version row", where, number)]) from None
        return result

    def version_document(self, number: int) -> Document:
        """The document as saved in version `number`."""
        if number not in {v.number for v in self.versions()}:
            raise refuse(f"no version {number}", str(self._version_index()))
        return self._data(self._snapshot(number).read_text(encoding="utf-8"))

    # -- tracking --------------------------------------------------------------------------

    def measurements(self) -> list[Measurement]:
        """Every measurement, sorted by KPI, date and source."""
        table = self._table(self.root / MEASUREMENTS_FILE, MEASUREMENT_COLUMNS)
        if table is None:
            return []
        return sorted(measurements_from_table(table, None, default_source="import"))

    def replacements(self) -> list[Replacement]:
        """The replacement log, oldest first."""
        path = self.root / REPLACEMENTS_FILE
        table = self._table(path, REPLACEMENT_COLUMNS)
        if table is None:
            return []
        result: list[Replacement] = []
        for number, cells in table.rows:
            row = dict(zip(REPLACEMENT_COLUMNS, [str(c or "") for c in cells], strict=False))
            try:
                result.append(_replacement(row))
            except (ValueError, KeyError) as exc:
                raise TrackingError([problem(str(exc), str(path), number)]) from None
        return result

    def save_measurements(
        self, measurements: Sequence[Measurement], replaced: Sequence[Replacement]
    ) -> None:
        """Write the measurements; append `replaced` to the log first, so that a crash between
        the two writes leaves a logged replacement a re-run repeats (each is logged once)."""
        with self.lock():
            if replaced:
                log = self.replacements()
                seen = {r.content for r in log}
                log += [r for r in replaced if r.content not in seen]
                write_atomic(self.root / REPLACEMENTS_FILE, replacements_text(log))
            write_atomic(self.root / MEASUREMENTS_FILE, measurements_text(measurements))

    def status_records(self) -> list[StatusRecord]:
        """Every status record, in the order they were made; a row naming an initiative the
        document does not have is a `TrackingError` with its row number."""
        path = self.root / STATUS_FILE
        table = self._table(path, STATUS_COLUMNS)
        if table is None:
            return []
        known = {str(i.get("id")) for i in self._data(self._text()).get("initiatives") or []}
        records: list[StatusRecord] = []
        problems = []
        for number, cells in table.rows:
            row = dict(zip(STATUS_COLUMNS, [str(c or "").strip() for c in cells], strict=False))
            try:
                if row["initiative"] not in known:
                    raise ValueError(f"'{row['initiative']}' is not an initiative of the strategy")
                records.append(_status_record(row))
            except (ValueError, KeyError) as exc:
                problems.append(problem(str(exc), str(path), number))
        if problems:
            raise TrackingError(problems)
        return records

    def save_status_records(self, records: Sequence[StatusRecord]) -> None:
        """Write the status records."""
        write_atomic(self.root / STATUS_FILE, statuses_text(records))

    def approved_plan(self) -> dict[str, Any] | None:
        """The approved plan's record from `approved-plan.yaml`, or None."""
        path = self.root / APPROVAL_FILE
        if not path.is_file():
            return None
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise refuse("not an approved-plan record (expected a mapping)", str(path))
        return plain(data)  # type: ignore[no-any-return]

    def save_approved_plan(self, record: dict[str, Any]) -> None:
        """Write `approved-plan.yaml`, headed by a comment saying who approved it and when."""
        header = (
            f"# Plan approved by {record.get('approved_by')} on {record.get('approved_on')}.\n"
            "# document_sha256 is the SHA-256 of the strategy document's content (canonical "
            "JSON) it was planned from;\n# version is its number in versions/.\n"
        )
        body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
        write_atomic(self.root / APPROVAL_FILE, header + body)

    # -- helpers ---------------------------------------------------------------------------

    def _text(self) -> str:
        if self.document_path.suffix.lower() == ".xlsx":
            raise refuse(
                "a workbook cannot be changed in place; convert it to YAML first "
                "(headway convert FILE.xlsx headway.yaml)",
                self.name,
            )
        try:
            with open(self.document_path, "rb") as handle:
                content = handle.read(self.max_bytes + 1)
        except FileNotFoundError:
            raise refuse(
                "no such file: not a workspace; create one with `headway init DIR`", self.name
            ) from None
        except OSError as exc:
            raise file_error(exc, self.document_path, "read") from None
        if len(content) > self.max_bytes:
            message = f"the file is larger than the limit of {self.max_bytes:,} bytes"
            raise StrategyError([Problem(message, (), self.name, hint=LIMIT_HINT)])
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            message = f"not UTF-8 text (bad byte at offset {exc.start})"
            raise StrategyError([Problem(message, (), self.name)]) from None

    def _data(self, text: str) -> Document:
        return document_from_text(text, self.name, format_of(self.document_path))

    def _new_text(self, document: Document, comments: dict[FieldPath, str] | None) -> str:
        if format_of(self.document_path) == "json":
            return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        old = self._text() if self.document_path.exists() else ""
        return rewrite_yaml(old, document, comments)

    def _version_index(self) -> Path:
        return self.root / VERSIONS_DIR / f"{self.document_path.stem}.csv"

    def _snapshot(self, number: int) -> Path:
        name = f"{self.document_path.stem}-{number:04d}{self.document_path.suffix}"
        return self.root / VERSIONS_DIR / name

    def _keep_version(self, document: Document, note: str, text: str) -> Version:
        versions = self.versions()
        number = versions[-1].number + 1 if versions else 1
        version = Version(number, utc_now(), note, document_sha256(document))
        (self.root / VERSIONS_DIR).mkdir(exist_ok=True)
        write_atomic(self._snapshot(number), text)
        rows = [(str(v.number), v.saved_at, v.sha256, v.note) for v in [*versions, version]]
        write_atomic(self._version_index(), write_csv(VERSION_COLUMNS, rows))
        return version

    def _table(self, path: Path, columns: Sequence[str]) -> Table | None:
        if not path.exists():
            return None
        table = read_table(path)
        if [h.strip().lower() for h in table.header] != list(columns):
            expected = ", ".join(columns)
            message = f"expected the header {expected}; got {', '.join(table.header)}"
            raise TrackingError([problem(message, str(path), 1)])
        return table


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: single writer assumed
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _status_record(row: dict[str, str]) -> StatusRecord:
    return StatusRecord(
        initiative=row["initiative"],
        status=Status.parse(row["status"]),
        date=date.fromisoformat(row["date"]),
        owner=unescape_text(row.get("owner", "")),
        actual_upfront=_optional(row.get("actual_upfront", "")),
        actual_recurring_per_month=_optional(row.get("actual_recurring_per_month", "")),
        note=unescape_text(row.get("note", "")),
    )


def _replacement(row: dict[str, str]) -> Replacement:
    return Replacement(
        row["recorded_at"],
        row["kpi"],
        date.fromisoformat(row["date"]),
        unescape_text(row["source"]),
        parse_number(row["old_value"]),
        parse_number(row["new_value"]),
        unescape_text(row["old_note"]),
        unescape_text(row["new_note"]),
        unescape_text(row["origin"]),
    )


def _optional(text: str) -> float | None:
    return parse_number(text) if text.strip() else None


def folder_tracking(path: str | os.PathLike[str]) -> Tracking | None:
    """What the workspace whose `headway.yaml` is `path` tracked, when tracking files lie
    beside it (for a report of that document); None for any other document."""
    document = Path(path)
    if document.name != STRATEGY_FILE:
        return None
    if not any((document.parent / n).is_file() for n in (MEASUREMENTS_FILE, STATUS_FILE)):
        return None
    store = FolderStore(document.parent)
    return Tracking(store.measurements(), store.status_records())
