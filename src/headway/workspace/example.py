"""The bakery's worked example as a workspace folder (`headway track example DIR`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from headway.workspace.folder import MEASUREMENTS_FILE, STATUS_FILE, STRATEGY_FILE

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "strategy" / "templates" / "bakery-example"
BAKERY = EXAMPLE_DIR.parent / "bakery.yaml"


def install_example(directory: str | Path) -> Path:
    """Create the bakery's worked-example workspace in `directory` (which must not hold a
    strategy yet): the template, a year of measurements and the initiatives' status records.
    Returns the folder; the changed strategy for `headway diff` is `headway-v2.yaml` in it."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    if (root / STRATEGY_FILE).exists():
        raise FileExistsError(f"{root / STRATEGY_FILE} exists; choose an empty folder")
    shutil.copyfile(BAKERY, root / STRATEGY_FILE)
    for name in (MEASUREMENTS_FILE, STATUS_FILE, "headway-v2.yaml"):
        shutil.copyfile(EXAMPLE_DIR / name, root / name)
    return root
