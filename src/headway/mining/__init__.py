"""Process mining: read event logs (CSV, XES, XES.gz, Parquet) into DuckDB and measure them.

`mine(path_or_log)` returns a `ProcessProfile`; `to_processes` turns chosen activities into
processes of the strategy document. Pure engine: no Django, no network.
"""

from headway.mining.candidates import Assumptions, score_activities
from headway.mining.errors import MiningError
from headway.mining.eventlog import EventLog
from headway.mining.mine import mine, read_log
from headway.mining.profile import (
    ActivityStats,
    Arrival,
    AutomationCandidate,
    Edge,
    ProcessProfile,
    Throughput,
    Totals,
    Variant,
)
from headway.mining.tabular import ColumnMapping, read_csv, read_parquet
from headway.mining.xes import read_xes

__all__ = [
    "ActivityStats",
    "Arrival",
    "Assumptions",
    "AutomationCandidate",
    "ColumnMapping",
    "Edge",
    "EventLog",
    "MiningError",
    "ProcessProfile",
    "Throughput",
    "Totals",
    "Variant",
    "mine",
    "read_csv",
    "read_log",
    "read_parquet",
    "read_xes",
    "score_activities",
]
