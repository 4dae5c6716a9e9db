"""The one round-trip YAML editor: write new plain data into a document's text, keeping the
comments, key order, quoting and layout of everything that did not change.

`rewrite_yaml(text, document)` loads `text` with ruamel.yaml's round-trip loader and walks it
beside `document`: a value equal to the one written stays as written (so `780000` stays
`780000`, `0.35` stays `0.35`, a comment stays beside it); a changed value is replaced, a new key
or list item added, a key or item gone removed. New mappings of plain values (three-point
estimates, traits) are written on one line, like the templates write them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from headway.strategy.errors import Path
from headway.workspace.edits import plain
from headway.workspace.store import Document

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The indentation of the first key nested under a top-level key (`business:` then `  name:`).
_NESTED_KEY = re.compile(r"^[A-Za-z_]+:[ \t]*(?:#.*)?\n( +)[A-Za-z_]", flags=re.MULTILINE)
# The document's only date fields are named `date` (an ethics resolution's day): written as a
# YAML date they read back as the same day, and no text field is turned into a date.
_DATE_KEYS = {"date"}
FLOW_WIDTH = 80
"""Longest new mapping or list of plain values written on one line, in characters."""


def rewrite_yaml(text: str, document: Document, comments: Mapping[Path, str] | None = None) -> str:
    """`text` with its data replaced by `document`; `comments` (path -> text) are added as
    end-of-line comments beside the values at those paths."""
    yaml = _round_trip(text)
    tree = yaml.load(text)
    if not isinstance(tree, CommentedMap):
        tree = CommentedMap()
    tree = _sync(tree, document, key=None, depth=0)
    for path, comment in (comments or {}).items():
        _comment(tree, path, comment)
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _round_trip(text: str) -> YAML:
    """A YAML that writes back with the indentation `text` uses."""
    _, sequence, dash_offset = load_yaml_guess_indent(text)
    nested = _NESTED_KEY.search(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the user's long lines
    yaml.indent(
        mapping=len(nested.group(1)) if nested else 2,
        sequence=sequence or 2,
        offset=dash_offset or 0,
    )
    return yaml


def _sync(old: Any, new: Any, key: str | None, depth: int) -> Any:
    """`old` changed in place to hold `new` where the two differ (see the module docstring)."""
    if isinstance(new, Mapping) and isinstance(old, CommentedMap):
        for name in [k for k in old if k not in new]:
            del old[name]
        for name, value in new.items():
            if name in old:
                synced = _sync(old[name], value, name, depth + 1)
                if synced is not old[name]:
                    old[name] = synced
                continue
            old[name] = _node(value, name, depth + 1)
            if isinstance(old[name], CommentedMap | CommentedSeq) and _is_flow(old):
                old.fa.set_block_style()  # a new nested block inside a one-line mapping
        return old
    if isinstance(new, list) and isinstance(old, CommentedSeq):
        del old[len(new) :]
        for index, value in enumerate(new):
            if index < len(old):
                old[index] = _sync(old[index], value, None, depth + 1)
            else:
                old.append(_node(value, None, depth + 1))
        return old
    if _same(old, new):
        return old
    return _node(new, key, depth)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, CommentedMap | CommentedSeq):
        return False
    value = plain(old)
    return type(value) is type(new) and value == new


def _node(value: Any, key: str | None, depth: int) -> Any:
    """A new value for the YAML tree at `depth` (1: a section of the document): short
    mappings and lists of plain values below the sections on one line."""
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for name, item in value.items():
            mapping[name] = _node(item, name, depth + 1)
        keys_width = len(", ".join(f"{k}: " for k in value))
        if depth > 1 and _one_line(list(value.values()), keys_width):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(_node(item, None, depth + 1) for item in value)
        if depth > 1 and _one_line(value, 0):
            sequence.fa.set_flow_style()
        return sequence
    if key in _DATE_KEYS and isinstance(value, str) and _ISO_DAY.match(value):
        return dt.date.fromisoformat(value)
    return value


def _one_line(values: list[Any], keys_width: int) -> bool:
    """Whether plain values fit on one short line (`{low: 1, likely: 2, high: 3}`)."""
    if not values or any(isinstance(v, Mapping | list) for v in values):
        return False
    return keys_width + sum(len(str(v)) + 2 for v in values) <= FLOW_WIDTH


def _is_flow(node: CommentedMap) -> bool:
    return bool(node.fa.flow_style())


def _comment(tree: Any, path: Path, comment: str) -> None:
    parent = tree
    for part in path[:-1]:
        parent = parent[part]
    if isinstance(parent, CommentedMap | CommentedSeq):
        parent.yaml_add_eol_comment(comment, path[-1])
