"""Cross-reference checks on a document that also has type errors, so every problem shows at once.

When the model rejects a document, the reference checks (`checks.check_strategy`) cannot run on
it directly. Here a copy is repaired just enough to validate: a bad value is removed (its field
takes its default), and an item of a top-level list that still cannot be read (a required field
is bad or missing) is left out. The checks then run on the repaired copy; their paths are mapped
back to the original items, and nothing is reported about the left-out items or their ids
(their own type errors already are). When the copy cannot be repaired (a required top-level
part is broken), no cross-reference problems are added.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Annotated, Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from headway.strategy.checks import Found, check_strategy
from headway.strategy.errors import Path
from headway.strategy.model import Strategy

MAX_ROUNDS = 8


def cross_checks_despite(data: Any, errors: Sequence[Any]) -> list[Found]:
    """Reference problems of `data`, whose model validation gave `errors` (pydantic's list)."""
    if not isinstance(data, dict):
        return []
    repaired = copy.deepcopy(data)
    kept = {name: list(range(len(v))) for name, v in repaired.items() if isinstance(v, list)}
    left_out: set[str] = set()
    for _ in range(MAX_ROUNDS):
        for error in errors:
            if not _repair(repaired, kept, left_out, clean_path(error["loc"]), error["type"]):
                return []
        _compact(repaired, kept)
        try:
            strategy = Strategy.model_validate(repaired)
        except ValidationError as exc:
            errors = exc.errors()
            continue
        return [_mapped(f, kept) for f in check_strategy(strategy) if not _about(f, left_out)]
    return []


def clean_path(loc: tuple[Any, ...]) -> Path:
    """A pydantic error location as a document path, without the tags pydantic adds for
    validators and unions (e.g. 'function-after[...]')."""
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in p and "-" not in p[:9]))


_REQUIRED_TOP = frozenset(
    name for name, info in Strategy.model_fields.items() if info.is_required()
)


def _repair(
    data: dict[str, Any], kept: dict[str, list[int]], left_out: set[str], path: Path, kind: str
) -> bool:
    """Remove what made `path` fail; False when that cannot be done without losing the document."""
    parent, key = _walk(data, path[:-1]), path[-1] if path else None
    in_list = len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int)
    if isinstance(parent, dict) and isinstance(key, str):
        info = _field(path)
        if kind != "missing" and key in parent and info is not None and not info.is_required():
            del parent[key]  # the field takes its default
            return True
        if not in_list and info is not None:
            value = _placeholder(info)
            if value is not _NONE:
                parent[key] = value
                return True
    # A required part is bad or missing: leave out the top-level item that holds it.
    if in_list:
        return path[0] in kept and _leave_out(data, left_out, str(path[0]), int(path[1]))
    return False


_NONE = object()
_CANDIDATES: tuple[Any, ...] = (1, 0.5, 0, "placeholder", "2000-01", "EUR", [], {})


def _placeholder(info: FieldInfo) -> Any:
    """A value the field accepts (only used to let the reference checks run)."""
    kind: Any = info.annotation
    if info.metadata:
        kind = Annotated[(kind, *info.metadata)]
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    for candidate in _CANDIDATES:
        try:
            return adapter.validate_python(candidate)
        except ValidationError:
            continue
    return _NONE


def _field(path: Path) -> FieldInfo | None:
    """The model field a document path ends in (None when the path leaves the model)."""
    model: Any = Strategy
    info: FieldInfo | None = None
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if fields is None or part not in fields:
            return None
        info = fields[part]
        model = _inner_model(info.annotation)
    return info


def _inner_model(annotation: Any) -> Any:
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        inner = get_args(candidate)
        if inner and isinstance(inner[0], type) and issubclass(inner[0], BaseModel):
            return inner[0]
    return None


def _walk(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _leave_out(data: dict[str, Any], left_out: set[str], name: str, index: int) -> bool:
    """Mark item `index` of the top-level list `name` as left out (None until `_compact`)."""
    items = data.get(name)
    if not isinstance(items, list) or not 0 <= index < len(items):
        return False
    item = items[index]
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        left_out.add(item["id"])
    items[index] = None
    return True


def _compact(data: dict[str, Any], kept: dict[str, list[int]]) -> None:
    """Drop the left-out items, keeping each remaining item's original index in `kept`."""
    for name, original in kept.items():
        items = data.get(name)
        if not isinstance(items, list):  # the whole list was removed (e.g. it was too long)
            kept[name] = []
            continue
        kept[name] = [original[i] for i, item in enumerate(items) if item is not None]
        data[name] = [item for item in items if item is not None]


def _mapped(found: Found, kept: dict[str, list[int]]) -> Found:
    path, message = found
    if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
        original = kept.get(path[0])
        if original is not None and path[1] < len(original):
            return ((path[0], original[path[1]], *path[2:]), message)
    return found


def _about(found: Found, left_out: set[str]) -> bool:
    return any(f"'{item}'" in found[1] for item in left_out)
