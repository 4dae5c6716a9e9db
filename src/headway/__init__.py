"""Headway: spend automation money on what moves your strategy.

The library API: load a strategy document, evaluate it, plan it, mine event logs, monitor, and
keep a workspace (`headway.workspace`: stores, edits and use cases).
"""

from headway.analysis.alignment import Alignment, alignment_value
from headway.analysis.ethics import Finding, ethics_review
from headway.analysis.evaluate import Evaluation, InitiativeEvaluation, evaluate
from headway.analysis.finance import Financials, financials
from headway.analysis.gap import KpiGap, kpi_gaps
from headway.analysis.mcda import TopsisResult, WeightedSumResult, topsis, weighted_sum
from headway.analysis.readiness import ReadinessResult, readiness_score
from headway.analysis.skills import TalentGap, talent_gaps
from headway.analysis.uncertainty import Scenarios, simulate
from headway.analysis.weights import AhpResult, ahp, ahp_group
from headway.mining import (
    ColumnMapping,
    MiningError,
    ProcessProfile,
    mine,
    read_csv,
    read_log,
    read_parquet,
    read_xes,
)
from headway.monitoring.alignment_index import AlignmentIndex, alignment_index
from headway.monitoring.errors import TrackingError
from headway.monitoring.realignment import Realignment, realign
from headway.monitoring.realization import Realization, realizations
from headway.monitoring.status import StatusReport
from headway.portfolio import (
    Frontier,
    Plan,
    PlanSettings,
    Robustness,
    Selection,
    WhatIf,
    compare_scenarios,
    continue_plan,
    explain,
    explain_limits,
    frontier,
    optimize_selection,
    plan,
    robustness,
)
from headway.report import Report, build_report, render_html, render_pdf, report_to_xlsx
from headway.strategy.errors import Problem, StrategyError
from headway.strategy.load import dump_strategy, load_strategy, parse_strategy, save_strategy
from headway.strategy.model import Strategy
from headway.strategy.xlsx import strategy_from_xlsx, strategy_to_xlsx
from headway.workspace import (
    FolderStore,
    MemoryStore,
    Workspace,
    WorkspaceError,
    WorkspaceStore,
    workspace_status,
)

__version__ = "0.1.0"

__all__ = [
    "AhpResult",
    "Alignment",
    "AlignmentIndex",
    "ColumnMapping",
    "Evaluation",
    "Financials",
    "Finding",
    "FolderStore",
    "Frontier",
    "InitiativeEvaluation",
    "KpiGap",
    "MemoryStore",
    "MiningError",
    "Plan",
    "PlanSettings",
    "Problem",
    "ProcessProfile",
    "ReadinessResult",
    "Realignment",
    "Realization",
    "Report",
    "Robustness",
    "Scenarios",
    "Selection",
    "StatusReport",
    "Strategy",
    "StrategyError",
    "TalentGap",
    "TopsisResult",
    "TrackingError",
    "WeightedSumResult",
    "WhatIf",
    "Workspace",
    "WorkspaceError",
    "WorkspaceStore",
    "__version__",
    "ahp",
    "ahp_group",
    "alignment_index",
    "alignment_value",
    "build_report",
    "compare_scenarios",
    "continue_plan",
    "dump_strategy",
    "ethics_review",
    "evaluate",
    "explain",
    "explain_limits",
    "financials",
    "frontier",
    "kpi_gaps",
    "load_strategy",
    "mine",
    "optimize_selection",
    "parse_strategy",
    "plan",
    "read_csv",
    "read_log",
    "read_parquet",
    "read_xes",
    "readiness_score",
    "realign",
    "realizations",
    "render_html",
    "render_pdf",
    "report_to_xlsx",
    "robustness",
    "save_strategy",
    "simulate",
    "strategy_from_xlsx",
    "strategy_to_xlsx",
    "talent_gaps",
    "topsis",
    "weighted_sum",
    "workspace_status",
]
