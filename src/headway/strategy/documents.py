"""A strategy document read or written by its file name: `.xlsx` workbooks, `.json`, or YAML.

The workbook reader and writer (and openpyxl) are loaded only for a workbook, so reading a
YAML document stays quick.
"""

from __future__ import annotations

import os

from headway.files import write_bytes_atomic
from headway.settings import DEFAULTS, Settings
from headway.strategy.load import (
    MAX_BYTES,
    document_path,
    dump_strategy,
    format_of,
    load_strategy,
    read_document,
)
from headway.strategy.model import Strategy

WORKBOOKS = (".xlsx", ".xlsm", ".xltm", ".xlsb")


def load_document(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, settings: Settings = DEFAULTS
) -> Strategy:
    """Read a strategy from `.xlsx`, `.json` or YAML (by extension), or from a workspace
    folder's `headway.yaml`; see `strategy_from_xlsx` and `load_strategy` (`max_bytes`)."""
    name = path = document_path(path)
    if not name.lower().endswith(WORKBOOKS):
        return load_strategy(path, max_bytes=max_bytes, max_chars=settings.yaml_max_expanded_chars)
    from headway.strategy.xlsx_read import strategy_from_xlsx

    content = read_document(path, settings.workbook_max_bytes, "workbook_max_bytes")
    return strategy_from_xlsx(content, file=name, settings=settings)


def save_document(strategy: Strategy, path: str | os.PathLike[str]) -> None:
    """Write the strategy atomically as `.xlsx`, `.json` or YAML, by the file's extension."""
    if str(path).lower().endswith(".xlsx"):
        from headway.strategy.xlsx import strategy_to_xlsx

        content = strategy_to_xlsx(strategy)
    else:
        content = dump_strategy(strategy, format_of(path)).encode("utf-8")
    write_bytes_atomic(path, content)
