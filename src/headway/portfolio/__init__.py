"""Portfolio and roadmap: the exact selection solver, the roadmap model and its explanations.

Public names are re-exported from `headway`; the modules stay importable for advanced use.
"""

from headway.portfolio.frontier import Frontier, FrontierPoint, frontier
from headway.portfolio.greedy import greedy_selection
from headway.portfolio.inputs import Limits, PlanningInputs, planning_inputs
from headway.portfolio.on_request import continue_plan, explain_limits
from headway.portfolio.planner import explain, plan
from headway.portfolio.results import (
    Change,
    Decision,
    LimitUse,
    PeriodTotals,
    Plan,
    PlanSettings,
    Sensitivity,
)
from headway.portfolio.robustness import InitiativeRobustness, Robustness, robustness
from headway.portfolio.scenarios import (
    ScenarioComparison,
    ScenarioResult,
    WhatIf,
    compare_scenarios,
)
from headway.portfolio.selection import Selection, optimize_selection

__all__ = [
    "Change",
    "Decision",
    "Frontier",
    "FrontierPoint",
    "InitiativeRobustness",
    "LimitUse",
    "Limits",
    "PeriodTotals",
    "Plan",
    "PlanSettings",
    "PlanningInputs",
    "Robustness",
    "ScenarioComparison",
    "ScenarioResult",
    "Selection",
    "Sensitivity",
    "WhatIf",
    "compare_scenarios",
    "continue_plan",
    "explain",
    "explain_limits",
    "frontier",
    "greedy_selection",
    "optimize_selection",
    "plan",
    "planning_inputs",
    "robustness",
]
