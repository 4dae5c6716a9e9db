"""A readable difference between two strategy documents: one line per value that changed.

Items of lists that carry an `id` are matched by it (`kpis[daily_sales].target`), so inserting
a KPI shows as one added KPI, not as every later KPI changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_MISSING = object()


@dataclass(frozen=True)
class Change:
    """One changed value: where (`path`), what it was and what it is (None when absent)."""

    path: str
    before: Any
    after: Any

    @property
    def kind(self) -> str:
        """`added`, `removed` or `changed`."""
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"

    def to_dict(self) -> dict[str, Any]:
        """The change as plain JSON data."""
        return {"path": self.path, "kind": self.kind, "before": self.before, "after": self.after}


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Every leaf value of a JSON-ready document by its readable path."""
    if isinstance(value, dict) and value:
        leaves: dict[str, Any] = {}
        for key, item in value.items():
            leaves.update(flatten(item, f"{path}.{key}" if path else str(key)))
        return leaves
    if isinstance(value, list) and value:
        leaves = {}
        for index, item in enumerate(value):
            key = item.get("id") if isinstance(item, dict) else None
            label = key if isinstance(key, str) and key else index
            leaves.update(flatten(item, f"{path}[{label}]"))
        return leaves
    return {path: value}


def document_changes(before: Any, after: Any) -> list[Change]:
    """What changed from `before` to `after`, in the order of `after`'s paths, then removals."""
    old, new = flatten(before), flatten(after)
    changes = [
        Change(path, old.get(path), value)
        for path, value in new.items()
        if old.get(path, _MISSING) != value
    ]
    changes += [Change(path, value, None) for path, value in old.items() if path not in new]
    return changes
