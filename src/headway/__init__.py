"""Headway: spend automation money on what moves your strategy.

The library API: load a strategy document, evaluate it, plan it, mine event logs, monitor, and
keep a workspace (`headway.workspace`: stores, edits and use cases).

Names are imported when first used (PEP 562 `__getattr__`), so `import headway` and the
command line start quickly; `from headway import plan` works as usual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "AhpResult": "headway.analysis.weights",
    "Alignment": "headway.analysis.alignment",
    "AlignmentIndex": "headway.monitoring.alignment_index",
    "ColumnMapping": "headway.mining",
    "Evaluation": "headway.analysis.evaluate",
    "Financials": "headway.analysis.finance",
    "Finding": "headway.analysis.ethics",
    "FolderStore": "headway.workspace",
    "Frontier": "headway.portfolio",
    "InitiativeEvaluation": "headway.analysis.evaluate",
    "KpiGap": "headway.analysis.gap",
    "MemoryStore": "headway.workspace",
    "MiningError": "headway.mining",
    "Plan": "headway.portfolio",
    "PlanSettings": "headway.portfolio",
    "Problem": "headway.strategy.errors",
    "ProcessProfile": "headway.mining",
    "ReadinessResult": "headway.analysis.readiness",
    "Realignment": "headway.monitoring.realignment",
    "Realization": "headway.monitoring.realization",
    "Report": "headway.report",
    "Robustness": "headway.portfolio",
    "Scenarios": "headway.analysis.uncertainty",
    "Selection": "headway.portfolio",
    "StatusReport": "headway.monitoring.status",
    "Strategy": "headway.strategy.model",
    "StrategyError": "headway.strategy.errors",
    "TalentGap": "headway.analysis.skills",
    "TopsisResult": "headway.analysis.mcda",
    "TrackingError": "headway.monitoring.errors",
    "WeightedSumResult": "headway.analysis.mcda",
    "WhatIf": "headway.portfolio",
    "Workspace": "headway.workspace",
    "WorkspaceError": "headway.workspace",
    "WorkspaceStore": "headway.workspace",
    "ahp": "headway.analysis.weights",
    "ahp_group": "headway.analysis.weights",
    "alignment_index": "headway.monitoring.alignment_index",
    "alignment_value": "headway.analysis.alignment",
    "build_report": "headway.report",
    "compare_scenarios": "headway.portfolio",
    "continue_plan": "headway.portfolio",
    "dump_strategy": "headway.strategy.load",
    "ethics_review": "headway.analysis.ethics",
    "evaluate": "headway.analysis.evaluate",
    "explain": "headway.portfolio",
    "explain_limits": "headway.portfolio",
    "financials": "headway.analysis.finance",
    "frontier": "headway.portfolio",
    "kpi_gaps": "headway.analysis.gap",
    "load_strategy": "headway.strategy.load",
    "mine": "headway.mining",
    "optimize_selection": "headway.portfolio",
    "parse_strategy": "headway.strategy.load",
    "plan": "headway.portfolio",
    "read_csv": "headway.mining",
    "read_log": "headway.mining",
    "read_parquet": "headway.mining",
    "read_xes": "headway.mining",
    "readiness_score": "headway.analysis.readiness",
    "realign": "headway.monitoring.realignment",
    "realizations": "headway.monitoring.realization",
    "render_html": "headway.report",
    "render_pdf": "headway.report",
    "report_to_xlsx": "headway.report",
    "robustness": "headway.portfolio",
    "save_strategy": "headway.strategy.load",
    "simulate": "headway.analysis.uncertainty",
    "strategy_from_xlsx": "headway.strategy.xlsx",
    "strategy_to_xlsx": "headway.strategy.xlsx",
    "talent_gaps": "headway.analysis.skills",
    "topsis": "headway.analysis.mcda",
    "weighted_sum": "headway.analysis.mcda",
    "workspace_status": "headway.workspace",
}

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


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'headway' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
