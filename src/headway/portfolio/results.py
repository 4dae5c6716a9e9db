"""Typed results of planning: the `Plan` and its parts (what the CLI and the web app render)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from headway.analysis.alignment import Point
from headway.analysis.defaults import DEFAULT_NPV_WEIGHT
from headway.portfolio.pilots import Gate
from headway.settings import DEFAULTS

PlanStatus = Literal["optimal", "time_limit", "infeasible", "error"]

"""Share of the plan's objective given to risk-adjusted NPV by default (docs/portfolio.md,
"Value": strategic value leads, and money breaks ties and keeps loss-makers out unless they
move the strategy enough)."""


@dataclass(frozen=True)
class PlanSettings:
    """How to plan.

    - `readiness` (0-1): overrides the survey score for the high-risk gate; None uses the
      document's readiness survey (0.5, "not assessed", when nobody has answered);
    - `npv_weight` (0-1): share of the objective given to risk-adjusted NPV (0 = pure strategic
      alignment; default `DEFAULT_NPV_WEIGHT`, 0.2);
    - `point`: which point of each three-point estimate to plan with;
    - `time_limit` (seconds) per solve; None proves optimality (and lifts `time_budget`);
      default: the setting `plan_time_limit`;
    - `time_budget` (seconds): what all the solves of one call (a plan with its explanations,
      a frontier, a robustness run, a report) may take together, never less than `time_limit`;
      None: no budget; default: the setting `plan_time_budget` (`portfolio.deadline`);
    - `explain`: compute explanations (a few extra solves per excluded initiative);
    - `explain_limit`: how many left-out initiatives (highest alignment first) get the
      re-solving explanations (forced-in value); the rest get their reasons;
    - `smallest_changes`: also compute, for those, the least raise of each limit that would bring
      each in (a solve per limit family and initiative, several times the plan's own time;
      `planner.explain` computes it for one initiative on request);
    - `explain_solves_up_to`: the explanations that re-solve the whole model (each limit lifted
      and cut, each left-out initiative forced in) are part of the plan for portfolios of at
      most this many initiatives; a bigger plan gives them on request
      (`planner.explain` for one initiative, `on_request.explain_limits` for the limits), as
      each costs about as much as the plan itself; default: the setting
      `plan_explain_solves_up_to` (30).
    """

    readiness: float | None = None
    npv_weight: float = DEFAULT_NPV_WEIGHT
    point: Point = "likely"
    time_limit: float | None = DEFAULTS.plan_time_limit or None
    time_budget: float | None = DEFAULTS.plan_time_budget or None
    explain: bool = True
    explain_limit: int = 10
    smallest_changes: bool = False
    explain_solves_up_to: int = DEFAULTS.plan_explain_solves_up_to

    @classmethod
    def within(cls, time_limit: float, time_budget: float, **changes: Any) -> PlanSettings:
        """Settings bounded as the settings table says (`plan_time_limit` seconds a solve,
        `plan_time_budget` for all the solves of a call): a limit of 0 proves every solve
        however long it takes and lifts the budget too; a budget of 0 is no budget."""
        limit = time_limit or None
        return cls(
            time_limit=limit, time_budget=(time_budget or None) if limit else None, **changes
        )


@dataclass(frozen=True)
class LimitUse:
    """One limit in one period (or over the horizon when `period` is None): used vs available.

    `family` is one of budget_total, budget_per_period, recurring, change_capacity, in_flight,
    resource:<id>; `unit` says what `used` and `limit` count.
    """

    family: str
    label: str
    period: int | None
    used: float
    limit: float
    unit: str

    @property
    def tight(self) -> bool:
        """Used up to the limit (within rounding)."""
        return self.used >= self.limit - 1e-6 * max(1.0, abs(self.limit))


@dataclass(frozen=True)
class Sensitivity:
    """What one limit is worth: the optimal value with it cut by `cut_share` and with it lifted.

    `binding` is True when lifting it would raise the value. Values are plan values (0-1).
    """

    family: str
    label: str
    limit: float
    unit: str
    value_if_lifted: float
    cut_share: float
    value_if_cut: float
    dropped_if_cut: tuple[str, ...]
    binding: bool


@dataclass(frozen=True)
class Change:
    """The smallest change of one kind that makes a plan with the initiative at least as good
    as the chosen plan: `amount` in `unit` (raise of a limit, or extra value the item would need).
    """

    kind: str
    amount: float
    unit: str
    text: str


@dataclass(frozen=True)
class Decision:
    """One initiative: in or out, when, and why.

    `start`/`live` are 0-based periods (None when not chosen); `alignment_value` is the
    initiative's own alignment (0-1, before saturation); `value_if_forced` is the best plan value
    with it forced in (None when impossible or not computed).
    """

    initiative: str
    name: str
    selected: bool
    start: int | None
    start_label: str | None
    live: int | None
    live_label: str | None
    alignment_value: float
    reasons: tuple[str, ...]
    tight_limits: tuple[str, ...] = ()
    value_if_forced: float | None = None
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class PeriodTotals:
    """One period of the roadmap: what starts, what is in flight and live, and what is used.

    Money in the currency, `effort_days` in person-days, `resources` id -> (used, available).
    """

    period: int
    label: str
    starting: tuple[str, ...]
    in_flight: tuple[str, ...]
    live: tuple[str, ...]
    upfront: float
    budget_per_period: float
    effort_days: float
    change_capacity_days: float
    slots_used: int
    max_in_flight: int
    recurring_per_month: float
    resources: dict[str, tuple[float, float]]
    gap_closed: float


@dataclass(frozen=True)
class Plan:
    """The optimal roadmap for a strategy and how to read it.

    `value` is the objective (0-1: time-averaged weighted share of the strategic gap closed,
    blended with scaled NPV when `settings.npv_weight` > 0); `alignment` its pure alignment part;
    `gap_closed_at_end` the weighted share closed in the last period; `unconstrained_value` the
    value with every budget and capacity lifted (dependencies, groups and exclusions kept);
    `npv` the chosen initiatives' NPV in the currency; `gap` the relative optimality gap when a
    time limit stopped the solver (0 when proven optimal); `value_bound` the most any plan
    within the limits can be worth, as proven by the solver (None without a solve); `proof`
    says in words how good the plan is known to be.
    """

    business: str
    currency: str
    period_labels: tuple[str, ...]
    status: PlanStatus
    proven_optimal: bool
    gap: float
    seconds: float
    value: float
    alignment: float
    gap_closed_at_end: float
    unconstrained_value: float
    npv: float
    upfront_total: float
    budget_total: float
    readiness: float
    readiness_note: str
    change_capacity_days: float
    decisions: tuple[Decision, ...]
    periods: tuple[PeriodTotals, ...]
    limits: tuple[LimitUse, ...]
    sensitivities: tuple[Sensitivity, ...]
    verdict: str
    settings: PlanSettings = field(default_factory=PlanSettings)
    proof: str = ""
    value_bound: float | None = None
    objective: str = ""
    infeasible_causes: tuple[str, ...] = ()
    gates: tuple[Gate, ...] = ()
    """The go/no-go gates of the chosen initiatives with a pilot (`portfolio.pilots`)."""
    limits_on_request: bool = False
    """The plan left which limits bind to a request (`on_request.explain_limits`): a big plan,
    or one whose re-solving explanations did not fit in its time budget; its verdict says so."""

    @property
    def selected(self) -> list[Decision]:
        """The chosen initiatives, by start period."""
        chosen = [d for d in self.decisions if d.selected]
        return sorted(chosen, key=lambda d: (d.start or 0, d.initiative))

    @property
    def not_selected(self) -> list[Decision]:
        """The initiatives left out."""
        return [d for d in self.decisions if not d.selected]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (for `--json` and the REST API); a value that is not a finite
        number (an unbounded limit, the gap of an infeasible solve) is `null`, never the
        `Infinity` or `NaN` that JSON does not allow."""
        data = asdict(self)
        data["selected"] = [d.initiative for d in self.selected]
        finite: dict[str, Any] = _finite(data)
        return finite


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value
