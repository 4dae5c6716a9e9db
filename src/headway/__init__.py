"""Headway: spend automation money on what moves your strategy.

The library API: load a strategy document, evaluate it, plan it, mine event logs, monitor.
"""

from headway.strategy.errors import Problem, StrategyError
from headway.strategy.load import dump_strategy, load_strategy, parse_strategy, save_strategy
from headway.strategy.model import Strategy

__version__ = "0.1.0"

__all__ = [
    "Problem",
    "Strategy",
    "StrategyError",
    "__version__",
    "dump_strategy",
    "load_strategy",
    "parse_strategy",
    "save_strategy",
]
