"""Files made from results for people to read beside the workspace: the process map."""

from __future__ import annotations

import os

from headway.files import write_atomic
from headway.mining import ProcessProfile
from headway.report.charts.from_results import flow_map
from headway.report.charts.process_map import process_map


def write_process_map(profile: ProcessProfile, path: str | os.PathLike[str]) -> bool:
    """Draw the process map of `profile` and replace `path` with it as SVG (atomically).

    Returns False, writing nothing, when the log has no activities to draw."""
    drawn = process_map(flow_map(profile))
    if drawn is None:
        return False
    write_atomic(path, drawn + "\n")
    return True
