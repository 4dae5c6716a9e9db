"""Where each initiative stands, from its status records: status, dates, owner, actual costs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from headway.monitoring.records import Status, StatusRecord
from headway.strategy.model import Initiative, Strategy

ACTIVE = (Status.planned, Status.in_progress, Status.live)


@dataclass(frozen=True)
class InitiativeState:
    """An initiative's current status and history.

    Money is in the strategy's currency: `estimated_upfront` and `estimated_recurring_per_month`
    are PERT means of the estimates, `actual_*` the latest recorded actuals (None if never).
    """

    initiative: str
    name: str
    status: Status
    since: date | None
    go_live: date | None
    owner: str
    estimated_upfront: float
    estimated_recurring_per_month: float
    actual_upfront: float | None
    actual_recurring_per_month: float | None
    history: list[StatusRecord] = field(default_factory=list)

    @property
    def upfront(self) -> float:
        """Upfront cost to count: the actual where recorded, else the estimate (currency)."""
        return self.estimated_upfront if self.actual_upfront is None else self.actual_upfront

    @property
    def recurring_per_month(self) -> float:
        """Running cost per month to count: actual where recorded, else the estimate."""
        if self.actual_recurring_per_month is None:
            return self.estimated_recurring_per_month
        return self.actual_recurring_per_month

    @property
    def first_year_spend(self) -> float:
        """Upfront plus twelve months of running cost (currency)."""
        return self.upfront + 12.0 * self.recurring_per_month


def initiative_states(
    strategy: Strategy, records: Iterable[StatusRecord]
) -> dict[str, InitiativeState]:
    """The state of every initiative of the strategy; one without records is an `idea`.

    Records are applied in date order (ties in the order they were made); the go-live date is
    the date of the latest `live` record.
    """
    by_id: dict[str, list[StatusRecord]] = {i.id: [] for i in strategy.initiatives}
    for record in records:
        if record.initiative in by_id:
            by_id[record.initiative].append(record)
    return {
        initiative.id: _state(initiative, sorted(by_id[initiative.id], key=lambda r: r.date))
        for initiative in strategy.initiatives
    }


def _state(initiative: Initiative, history: list[StatusRecord]) -> InitiativeState:
    status, since, go_live, owner = Status.idea, None, None, ""
    upfront: float | None = None
    recurring: float | None = None
    for record in history:
        if record.status != status:
            since = record.date
        status = record.status
        if record.status is Status.live:
            go_live = record.date
        owner = record.owner or owner
        if record.actual_upfront is not None:
            upfront = record.actual_upfront
        if record.actual_recurring_per_month is not None:
            recurring = record.actual_recurring_per_month
    return InitiativeState(
        initiative=initiative.id,
        name=initiative.name,
        status=status,
        since=since,
        go_live=go_live,
        owner=owner,
        estimated_upfront=initiative.upfront_cost.pert_mean,
        estimated_recurring_per_month=initiative.recurring_cost_per_month.pert_mean,
        actual_upfront=upfront,
        actual_recurring_per_month=recurring,
        history=history,
    )
