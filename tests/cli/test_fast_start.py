"""`headway --help` starts without loading the engine: its commands import what they use when
they run (the time it takes is measured in bench/report_speed.py, never asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from headway.cli.status import COLOURS
from headway.monitoring.alignment_index import AlignmentVerdict
from headway.monitoring.gates import GateDecision
from headway.monitoring.projection import Track
from headway.monitoring.realization import Verdict
from tests.conftest import ROOT

TEMPLATES = ROOT / "src" / "headway" / "strategy" / "templates"

HEAVY = ("numpy", "scipy", "pydantic", "duckdb", "pyarrow", "openpyxl", "jinja2", "highspy")


def _modules_loaded(args: list[str]) -> list[str]:
    """The modules a fresh interpreter has loaded after running `headway ARGS` (exit 0)."""
    probe = (
        "import sys\n"
        "from headway.cli import app\n"
        "from typer.testing import CliRunner\n"
        f"result = CliRunner().invoke(app, {args!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return done.stdout.split()


def test_help_loads_no_engine_module_and_no_heavy_library() -> None:
    loaded = _modules_loaded(["--help"])
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    engine = [
        m
        for m in loaded
        if m.split(".")[:2][-1] in {"strategy", "analysis", "portfolio", "mining", "monitoring"}
        and m.startswith("headway.")
        and m != "headway.analysis.defaults"
        and m != "headway.analysis"
    ]
    assert heavy == []
    assert engine == []


def test_a_report_of_a_document_loads_no_workbook_or_mining_library(tmp_path: Path) -> None:
    # openpyxl reads workbooks and DuckDB/Arrow event logs: a report of a YAML document with no
    # tracking data needs neither (together most of a second of a report's start).
    args = ["report", str(TEMPLATES / "bakery.yaml"), "-o", str(tmp_path / "r.html")]
    loaded = _modules_loaded(args)
    assert (tmp_path / "r.html").stat().st_size > 0
    assert [m for m in loaded if m.split(".")[0] in {"openpyxl", "duckdb", "pyarrow"}] == []
    assert "headway.report.build" in loaded


def test_status_colours_cover_every_verdict() -> None:
    verdicts = {v.value for enum in (AlignmentVerdict, Verdict, Track, GateDecision) for v in enum}
    assert set(COLOURS) == verdicts
