"""Defaults the engine uses and the command line shows in its help.

A module without imports, so `headway --help` can show them without loading the engine.
"""

DEFAULT_SCENARIOS = 10_000
"""Monte Carlo scenarios behind the P10/P50/P90 figures of an evaluation and a report."""

DEFAULT_NPV_WEIGHT = 0.2
"""Weight of risk-adjusted NPV in the planner's objective (alignment has the rest)."""
