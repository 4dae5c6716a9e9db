"""The number model, as the report's view-models use it: re-exported from `headway.numbers`
(where the engine's own sentences can use it too). See that module for the display rules."""

from headway.numbers import (
    DASH,
    HEADER_UNITS,
    REPORT_LANGUAGE,
    XLSX_FORMATS,
    XLSX_SCALE,
    Estimate,
    Figure,
    Numbers,
    Unit,
    sentence,
    xlsx_cell,
)

__all__ = [
    "DASH",
    "HEADER_UNITS",
    "REPORT_LANGUAGE",
    "XLSX_FORMATS",
    "XLSX_SCALE",
    "Estimate",
    "Figure",
    "Numbers",
    "Unit",
    "sentence",
    "xlsx_cell",
]
