"""A strategy document in and out as `headway.yaml`, `.json` or `.xlsx`: the command line's
parsers and size limits, with the document kept as the plain data the workspace layer stores."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

import yaml

from headway.strategy.errors import Problem, StrategyError
from headway.strategy.load import MAX_BYTES, parse_strategy, validate_data
from headway.strategy.xlsx import strategy_to_xlsx
from headway.strategy.xlsx_read import strategy_from_xlsx
from headway.workspace.edits import document_from_text, plain
from headway.workspace.store import Document

ExportFormat = Literal["yaml", "json", "xlsx"]
EXPORT_FORMATS: dict[str, str] = {
    "yaml": "application/yaml",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Download:
    """A file to send: its bytes, media type and file name."""

    content: bytes
    media_type: str
    filename: str


def document_text(document: Document) -> str:
    """The document as YAML text, keys in their stored order (for the editor and for export)."""
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def export_document(document: Document, format: str, stem: str) -> Download:
    """The document as a `format` file (`yaml`, `json` or `xlsx`); raises `KeyError` for
    another format."""
    media_type = EXPORT_FORMATS[format]
    if format == "xlsx":
        content = strategy_to_xlsx(validate_data(document, file=stem))
    elif format == "json":
        content = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    else:
        content = document_text(document).encode("utf-8")
    return Download(content, media_type, f"{stem}.{format}")


def read_document(content: bytes, filename: str) -> Document:
    """The validated document in an uploaded `.yaml`/`.yml`, `.json` or `.xlsx` file.

    Raises `StrategyError` naming the file, line (or sheet and cell) and path of each problem.
    """
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        strategy = strategy_from_xlsx(content, file=filename)
        document: Document = plain(strategy.model_dump(mode="json", exclude_unset=True))
        return document
    if len(content) > MAX_BYTES:
        message = f"the file is larger than {MAX_BYTES // 2**20} MiB"
        raise StrategyError([Problem(message, (), filename)])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StrategyError([Problem("not UTF-8 text", (), filename)]) from None
    return parse_document_text(text, filename, "json" if lower.endswith(".json") else "yaml")


def parse_document_text(text: str, where: str, format: Literal["yaml", "json"]) -> Document:
    """The validated document in YAML or JSON text; raises `StrategyError` with positions."""
    parse_strategy(text, file=where, format=format)  # problems with line and column
    return document_from_text(text, where, format)
