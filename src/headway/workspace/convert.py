"""Writing a strategy read from another format (a workbook, JSON) over an existing YAML document
while keeping what the person wrote: comments, layout, and numbers as written.

A validated `Strategy` holds every field, defaults included, and its money as floats; written
plainly over a hand-kept `headway.yaml` it would add dozens of default keys and turn `780000`
into `780000.0`. `document_over` therefore gives the round-trip editor (`rewrite_yaml`) only the
keys the old document has or that differ from their default, with whole floats as integers.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from headway.files import write_atomic
from headway.strategy.documents import save_document
from headway.strategy.errors import StrategyError
from headway.strategy.load import dump_strategy, parse_strategy
from headway.strategy.model import Strategy
from headway.workspace.edits import document_from_text
from headway.workspace.folder import FolderStore
from headway.workspace.roundtrip import rewrite_yaml
from headway.workspace.store import Document


def document_over(old: Any, strategy: Strategy) -> Document:
    """The plain data of `strategy` shaped like the `old` document's data: its keys, plus the
    keys whose values differ from their defaults; whole floats written as integers."""
    full = strategy.model_dump(mode="json")
    lean = strategy.model_dump(mode="json", exclude_defaults=True)
    shaped: Document = _shape(full, lean, old)
    return shaped


def write_strategy(strategy: Strategy, path: str | os.PathLike[str]) -> None:
    """Write `strategy` to `path` in the format of its name (`.xlsx`, `.json`, YAML). An existing
    YAML document is rewritten under its folder's lock, keeping its comments, layout and numbers
    (`yaml_over`); any other file is replaced whole. Atomic either way."""
    target = Path(path)
    if not (target.suffix.lower() in (".yaml", ".yml") and target.is_file()):
        save_document(strategy, target)
        return
    store = FolderStore.for_document(os.path.realpath(target))
    with store.lock():
        text = target.read_text(encoding="utf-8-sig")
        write_atomic(target, yaml_over(text, strategy, file=str(target)))


def yaml_over(text: str, strategy: Strategy, *, file: str) -> str:
    """The YAML `text` (a strategy document) rewritten to hold `strategy`, keeping the comments,
    layout and numbers of everything that did not change (a fresh document when `text` is not
    YAML); the result is validated before it is returned (`StrategyError` otherwise)."""
    try:
        old = document_from_text(text, file, "yaml") if text.strip() else {}
    except StrategyError:
        return dump_strategy(strategy)
    new_text = rewrite_yaml(text, document_over(old, strategy))
    parse_strategy(new_text, file=file, format="yaml")
    return new_text


def _shape(full: Any, lean: Any, old: Any) -> Any:
    if isinstance(full, dict):
        lean = lean if isinstance(lean, dict) else {}
        old = old if isinstance(old, dict) else {}
        return {
            key: _shape(value, lean.get(key), old.get(key))
            for key, value in full.items()
            if key in lean or key in old
        }
    if isinstance(full, list):
        lean = lean if isinstance(lean, list) else []
        old = old if isinstance(old, list) else []
        return [
            _shape(value, lean[i] if i < len(lean) else value, old[i] if i < len(old) else None)
            for i, value in enumerate(full)
        ]
    if isinstance(full, float) and full.is_integer() and abs(full) < 2**53:
        return int(full)
    return full
