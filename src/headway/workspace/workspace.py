"""`Workspace`: a store with its current strategy, the tracking use cases as methods, and the
workspace's status (`workspace_status`).

A convenience for notebooks and scripts (`headway.Workspace.open("my-bakery")`); each method
calls the use case of the same name in `headway.workspace.tracking` on `store`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from headway.monitoring.errors import TrackingError, problem
from headway.monitoring.learning import EstimateUpdate, learned_strategy
from headway.monitoring.measurements import ImportResult
from headway.monitoring.records import Measurement, Replacement, StatusRecord
from headway.monitoring.status import StatusReport, plan_scope, tracking_status
from headway.monitoring.tables import read_table
from headway.settings import DEFAULTS, Settings
from headway.strategy.model import Strategy
from headway.workspace import tracking
from headway.workspace.changes import current_strategy
from headway.workspace.folder import STRATEGY_FILE, FolderStore
from headway.workspace.store import WorkspaceStore


@dataclass
class Workspace:
    """A workspace's `store` and its `strategy` as opened; `Workspace.open(directory)` for a
    folder, `Workspace.of(store)` for any store."""

    store: WorkspaceStore
    strategy: Strategy

    @classmethod
    def open(cls, directory: str | os.PathLike[str]) -> Workspace:
        """Open the workspace folder `directory`, validating its `headway.yaml`.

        Raises `TrackingError` when there is no strategy document, `StrategyError` when it is
        not valid.
        """
        document = Path(directory) / STRATEGY_FILE
        if not document.is_file():
            message = "no such file: not a workspace; create one with `headway init DIR`"
            raise TrackingError([problem(message, str(document))])
        return cls.of(FolderStore(directory))

    @classmethod
    def of(cls, store: WorkspaceStore) -> Workspace:
        """The workspace kept in `store`, with its current strategy."""
        return cls(store, current_strategy(store))

    @property
    def root(self) -> Path:
        """The workspace's folder (a folder store's only)."""
        if not isinstance(self.store, FolderStore):
            raise TypeError("this workspace is not kept in a folder")
        return self.store.root

    @property
    def strategy_path(self) -> Path:
        """Path of the strategy document (a folder store's only)."""
        return self.root / STRATEGY_FILE

    def measurements(self) -> list[Measurement]:
        """Every measurement, sorted by KPI, date and source."""
        return self.store.measurements()

    def status_records(self) -> list[StatusRecord]:
        """Every initiative status record, in the order they were made."""
        return self.store.status_records()

    def replacements(self) -> list[Replacement]:
        """The log of replaced measurements, oldest first."""
        return self.store.replacements()

    def import_measurements(
        self, path: str | os.PathLike[str], source: str = "import", settings: Settings = DEFAULTS
    ) -> ImportResult:
        """Import the CSV/XLSX file at `path` (within the limits of `settings`); see
        `tracking.import_measurements`."""
        return tracking.import_measurements(self.store, read_table(path, settings), source)

    def add_measurement(
        self,
        kpi: str,
        day: date | str,
        value: float | str,
        source: str = "manual",
        note: str = "",
    ) -> ImportResult:
        """Record one measurement; see `tracking.add_measurement`."""
        return tracking.add_measurement(self.store, kpi, day, value, source, note)

    def record_status(self, record: StatusRecord) -> bool:
        """Append a status record; see `tracking.record_status`."""
        return tracking.record_status(self.store, record)


def workspace_status(
    workspace: Workspace | WorkspaceStore,
    as_of: date | None = None,
    planner_scope: Callable[[Strategy], Sequence[str]] = plan_scope,
    *,
    today: date,
) -> StatusReport:
    """The Alignment Index, benefit realization and KPI projections of a workspace (or of the
    workspace kept in a store) as of `as_of` (default: the later of `today` and the latest
    measurement); see `headway.monitoring.status`."""
    store = workspace.store if isinstance(workspace, Workspace) else workspace
    strategy, tracked = current_strategy(store), tracking.tracking(store)
    return tracking_status(strategy, tracked, as_of, planner_scope, today=today)


def learned_workspace_strategy(
    workspace: Workspace | WorkspaceStore, as_of: date | None = None, *, today: date
) -> tuple[Strategy, list[EstimateUpdate]]:
    """The workspace's strategy with its estimates revised from what monitoring realised (the
    updates of `workspace_status`), for a re-plan; the stored strategy is not changed."""
    store = workspace.store if isinstance(workspace, Workspace) else workspace
    report = workspace_status(store, as_of, lambda _: [], today=today)
    return learned_strategy(current_strategy(store), report.learning), report.learning
