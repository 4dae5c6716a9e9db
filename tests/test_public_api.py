"""The library's public surface is deliberate: this test pins it."""

from __future__ import annotations

import headway

PUBLIC = {
    # the strategy document
    "Problem",
    "Strategy",
    "StrategyError",
    "__version__",
    "dump_strategy",
    "load_strategy",
    "parse_strategy",
    "save_strategy",
    "strategy_from_xlsx",
    "strategy_to_xlsx",
    # evaluation
    "AhpResult",
    "Alignment",
    "Evaluation",
    "Financials",
    "InitiativeEvaluation",
    "KpiGap",
    "Scenarios",
    "TopsisResult",
    "WeightedSumResult",
    "ahp",
    "ahp_group",
    "alignment_value",
    "evaluate",
    "financials",
    "kpi_gaps",
    "simulate",
    "topsis",
    "weighted_sum",
    # people and ethics
    "Finding",
    "ReadinessResult",
    "TalentGap",
    "ethics_review",
    "readiness_score",
    "talent_gaps",
    # the plan
    "Frontier",
    "Plan",
    "PlanSettings",
    "Robustness",
    "Selection",
    "WhatIf",
    "compare_scenarios",
    "continue_plan",
    "explain",
    "explain_limits",
    "frontier",
    "optimize_selection",
    "plan",
    "robustness",
    # process mining
    "ColumnMapping",
    "MiningError",
    "ProcessProfile",
    "mine",
    "read_csv",
    "read_log",
    "read_parquet",
    "read_xes",
    # monitoring
    "AlignmentIndex",
    "Realignment",
    "Realization",
    "StatusReport",
    "TrackingError",
    "alignment_index",
    "realign",
    "realizations",
    # the workspace layer
    "FolderStore",
    "MemoryStore",
    "Workspace",
    "WorkspaceError",
    "WorkspaceStore",
    "workspace_status",
    # reports
    "Report",
    "build_report",
    "render_html",
    "render_pdf",
    "report_to_xlsx",
}


def test_public_names_are_pinned() -> None:
    assert set(headway.__all__) == PUBLIC
    assert len(headway.__all__) == len(PUBLIC)


def test_every_public_name_exists() -> None:
    for name in headway.__all__:
        assert getattr(headway, name) is not None
