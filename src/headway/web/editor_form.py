"""Forms for one item of the strategy document (a goal, a KPI, a role, a process, an initiative,
the constraints), built from the engine's own model so every field the method has is editable
and nothing is invented here.

An item's values become flat form fields named by their path in the item
(`upfront_cost.low`, `kpi_effects.0.change.likely`). A three-point estimate is three inputs with
plain labels: "best case", "most likely", "worst case" (for a cost the best case is the lowest
value, for a saving or a KPI moving the right way the highest). A list of sub-items (a goal's
KPIs, an initiative's effects) shows its rows and one empty row to add another; a row left empty
or marked "remove" is dropped. The engine validates the result; its problems come back to the
field of the same path (`headway.web.field_errors`).
"""

from __future__ import annotations

import copy
import types
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from django import forms
from pydantic import BaseModel

from headway.errors import Path
from headway.strategy.types import ThreePoint

_BENEFITS = {"time_saved", "errors_avoided"}
_LIMIT = Decimal("1e15")


@dataclass(frozen=True)
class Spec:
    """One editable value: form field `name`, its `path` in the item, its `kind`."""

    name: str
    path: Path
    label: str
    kind: str  # text, number, integer, bool, choice, ids
    required: bool
    choices: tuple[str, ...] = ()
    help: str = ""
    group: str = ""
    default: Any = None


@dataclass
class Layout:
    """The specs of an item in display order, grouped: "" for the item's own fields, a list's
    name for its rows (`rows[name]` = number of rows shown, the last one empty)."""

    specs: list[Spec] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type without `Annotated` constraints, whether None is allowed)."""
    optional = False
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        annotation, optional = (args[0] if len(args) == 1 else str), True
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation, optional


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _point_labels(name: str, good_when_high: bool | None) -> dict[str, str]:
    if good_when_high is None:
        good_when_high = name in _BENEFITS
    best, worst = ("high", "low") if good_when_high else ("low", "high")
    return {best: "best case", "likely": "most likely", worst: "worst case"}


def layout(
    model: type[BaseModel],
    item: dict[str, Any],
    skip: frozenset[str] = frozenset(),
    good_when_high: dict[Path, bool] | None = None,
) -> Layout:
    """The editable values of `item` (plain data of a `model`), skipping the names in `skip`;
    `good_when_high` says for a KPI change at a path whether a higher value is the best case."""
    found = Layout()
    _walk(model, item, (), "", found, skip, good_when_high or {})
    return found


def _walk(
    model: type[BaseModel],
    item: dict[str, Any],
    prefix: Path,
    group: str,
    found: Layout,
    skip: frozenset[str],
    good: dict[Path, bool],
) -> None:
    for name, info in model.model_fields.items():
        if name in skip and not prefix:
            continue
        kind, optional = _unwrap(info.annotation)
        path = (*prefix, name)
        label = _label(name)
        required = info.is_required() and not optional
        help_text = info.description or ""
        dotted = ".".join(str(p) for p in path)
        if isinstance(kind, type) and issubclass(kind, ThreePoint):
            points = _point_labels(name, good.get(path))
            for point in ("low", "likely", "high"):
                found.specs.append(
                    Spec(f"{dotted}.{point}", (*path, point), f"{label}: {points[point]}",
                         "number", required, help=help_text, group=group)
                )  # fmt: skip
        elif isinstance(kind, type) and issubclass(kind, BaseModel) and not prefix:
            _walk(kind, item.get(name) or {}, path, group, found, skip, good)
        elif get_origin(kind) is list:
            _list(name, get_args(kind)[0], item, path, label, help_text, group, found, good)
        elif isinstance(kind, type) and issubclass(kind, Enum):
            choices = tuple(str(m.value) for m in kind)
            found.specs.append(
                Spec(dotted, path, label, "choice", required, choices, help_text, group)
            )
        elif get_origin(kind) is Literal:
            choices = tuple(str(a) for a in get_args(kind))
            found.specs.append(
                Spec(dotted, path, label, "choice", required, choices, help_text, group)
            )
        elif kind is bool:
            default = _default(info.default)
            found.specs.append(
                Spec(dotted, path, label, "bool", False, (), help_text, group, default)
            )
        elif kind in (int, float):
            what = "integer" if kind is int else "number"
            default = _default(info.default)
            found.specs.append(
                Spec(dotted, path, label, what, required, (), help_text, group, default)
            )
        elif kind is str or (isinstance(kind, type) and issubclass(kind, str)):
            found.specs.append(Spec(dotted, path, label, "text", required, (), help_text, group))


def _default(value: Any) -> Any:
    """A field's default as a form shows it (None when it has none)."""
    if isinstance(value, Enum):
        return value.value
    return value if isinstance(value, str | int | float | bool) else None


def _list(
    name: str,
    inner: Any,
    item: dict[str, Any],
    path: Path,
    label: str,
    help_text: str,
    group: str,
    found: Layout,
    good: dict[Path, bool],
) -> None:
    if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
        dotted = ".".join(str(p) for p in path)
        hint = (help_text + " " if help_text else "") + "Ids separated by commas."
        found.specs.append(Spec(dotted, path, label, "ids", False, (), hint, group))
        return
    if group:  # a list inside a list row is not editable here
        return
    rows = item.get(name) or []
    found.rows[name] = len(rows) + 1
    for n in range(len(rows) + 1):
        row = rows[n] if n < len(rows) else {}
        _walk(inner, row, (*path, n), name, found, frozenset(), good)
        remove = ".".join(str(p) for p in (*path, n, "remove"))
        found.specs.append(
            Spec(remove, (*path, n, "remove"), "Remove this row", "bool", False, group=name)
        )


def form_class(specs: list[Spec]) -> type[forms.Form]:
    """A Django form with one field per spec."""
    fields: dict[str, forms.Field] = {}
    for spec in specs:
        fields[spec.name] = _field(spec)
    return type("ItemForm", (forms.Form,), fields)


def _field(spec: Spec) -> forms.Field:
    required = spec.required and not spec.group
    common: dict[str, Any] = {"label": spec.label, "required": required, "help_text": spec.help}
    if spec.kind == "number":
        return forms.DecimalField(max_value=_LIMIT, min_value=-_LIMIT, **common)
    if spec.kind == "integer":
        return forms.IntegerField(max_value=10**12, min_value=-(10**12), **common)
    if spec.kind == "bool":
        return forms.BooleanField(label=spec.label, required=False, help_text=spec.help)
    if spec.kind == "choice":
        choices = [("", "—")] if not required else []
        return forms.ChoiceField(choices=[*choices, *((c, c) for c in spec.choices)], **common)
    if spec.path[-1] == "description":
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(max_length=2000, **common)


def initial(specs: list[Spec], item: dict[str, Any]) -> dict[str, Any]:
    """The form's initial values from the item's plain data."""
    values: dict[str, Any] = {}
    for spec in specs:
        value = _get(item, spec.path)
        if value is None and not spec.group:
            value = spec.default
        if spec.kind == "ids" and isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if value is not None:
            values[spec.name] = value
    return values


def _get(item: Any, path: Path) -> Any:
    for n, part in enumerate(path):
        if isinstance(item, int | float) and part in ("low", "likely", "high") and n:
            return item  # a plain number stands for low = likely = high
        if isinstance(item, list) and isinstance(part, int):
            item = item[part] if part < len(item) else None
        elif isinstance(item, dict) and isinstance(part, str):
            item = item.get(part)
        else:
            return None
    return item


def updated_item(
    specs: list[Spec], rows: dict[str, int], item: dict[str, Any], data: dict[str, Any]
) -> dict[str, Any]:
    """The item with the form's cleaned `data` in place (values not on the form are kept)."""
    new = copy.deepcopy(item)
    for spec in specs:
        if spec.group:
            continue
        _put(new, spec.path, field_value(spec, data.get(spec.name)))
    for name, count in rows.items():
        old = new.get(name) or []
        kept = []
        for n in range(count):
            row = copy.deepcopy(old[n]) if n < len(old) else {}
            mine = [s for s in specs if s.group == name and s.path[1] == n]
            if data.get(f"{name}.{n}.remove") or all(
                _blank(data.get(s.name)) for s in mine if s.kind != "bool"
            ):
                continue
            for spec in mine:
                if spec.path[-1] != "remove":
                    _put(row, spec.path[2:], field_value(spec, data.get(spec.name)))
            kept.append(row)
        new[name] = kept
    return new


def _blank(value: Any) -> bool:
    return value is None or value == ""


def field_value(spec: Spec, value: Any) -> Any:
    """A form field's cleaned value as the document holds it (None when left empty)."""
    if _blank(value):
        return None
    if spec.kind == "number":
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if spec.kind == "ids":
        return [part.strip() for part in str(value).split(",") if part.strip()]
    return value


def _put(item: dict[str, Any], path: Path, value: Any) -> None:
    holder: Any = item
    for part in path[:-1]:
        if value is None and not isinstance(holder.get(part), dict):
            return  # nothing to clear: an empty field must not create an empty part
        if isinstance(holder.get(part), int | float) and not isinstance(holder.get(part), bool):
            number = holder[part]
            holder[part] = {"low": number, "likely": number, "high": number}
        holder = holder.setdefault(part, {})
    if value is None:
        holder.pop(path[-1], None)
    else:
        holder[path[-1]] = value
