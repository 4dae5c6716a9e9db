"""The published JSON Schema of the strategy document, and its field-by-field reference."""

from __future__ import annotations

import functools
import json
from typing import Any

from headway.strategy.model import Strategy
from headway.strategy.types import number_text

SCHEMA_ID = "https://headway.invalid/schema/strategy-v1.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every strategy document satisfies."""
    schema = Strategy.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def _type_of(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in spec:
        return " or ".join(_type_of(option) for option in spec["anyOf"])
    if "enum" in spec:
        return " \\| ".join(f"`{value}`" for value in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(spec.get('items', {}))}"
    if kind == "object":
        values = _map_values(spec)
        return f"map of text to {_type_of(values)}" if values is not None else "object"
    return str(kind)


_LIMITS = (
    ("minimum", ">= {}"),
    ("exclusiveMinimum", "> {}"),
    ("maximum", "<= {}"),
    ("exclusiveMaximum", "< {}"),
    ("x-each-minimum", "low, likely and high >= {}"),
    ("x-each-maximum", "<= {}"),
    ("minLength", "at least {} characters"),
    ("maxLength", "at most {} characters"),
    ("minItems", "at least {} items"),
    ("pattern", "matches `{}`"),
)


def _limits(spec: dict[str, Any]) -> str:
    """The allowed range of a field, its list items or map values, as words."""
    parts = []
    for key, text in _LIMITS:
        if key in spec:
            value = spec[key]
            shown = number_text(value) if isinstance(value, int | float) else value
            parts.append(text.format(shown))
    for option in spec.get("anyOf", []):
        inner = _limits(option)
        if inner:
            parts.append(inner)
    for pattern in spec.get("patternProperties", {}):
        parts.append(f"each key matches `{pattern}`")
    names = spec.get("propertyNames")
    if isinstance(names, dict) and _limits(names):
        parts.append(f"each key {_limits(names)}")
    for what, inner_spec in (("each item", spec.get("items")), ("each value", _map_values(spec))):
        inner = _limits(inner_spec) if isinstance(inner_spec, dict) else ""
        if inner:
            parts.append(f"{what} {inner}")
    return "; ".join(parts)


def _map_values(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The schema of a map's values (`additionalProperties`, or its one `patternProperties`)."""
    values = spec.get("additionalProperties")
    if isinstance(values, dict):
        return values
    patterns = list(spec.get("patternProperties", {}).values())
    return patterns[0] if len(patterns) == 1 else None


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def schema_markdown() -> str:
    """Every section and field of the document as Markdown tables (docs/strategy-schema.md)."""
    schema = json_schema()
    definitions: dict[str, Any] = schema.get("$defs", {})
    lines = [
        "# Strategy document reference",
        "",
        "Generated from the model by `headway schema --format markdown`; a test keeps this page",
        "equal to the code. Money is in `business.currency`; other units are in each field's name",
        "or description. `headway schema` prints the same as JSON Schema.",
        "",
    ]
    order = [("Strategy", schema), *sorted(definitions.items())]
    for name, model in order:
        if "properties" not in model:
            values = ", ".join(f"`{v}`" for v in model.get("enum", []))
            lines += [f"## {name}", "", _cell(model.get("description", "")), ""]
            if values:
                lines += [f"One of: {values}.", ""]
            continue
        lines += [f"## {name}", "", _cell(model.get("description", "").strip()), ""]
        lines += ["| field | type | required / default | description |", "|---|---|---|---|"]
        required = set(model.get("required", []))
        for field, spec in model["properties"].items():
            if field in required:
                presence = "required"
            elif "default" in spec:
                presence = f"default `{json.dumps(spec['default'])}`"
            else:
                presence = "optional"
            text = spec.get("description", "")
            limits = _limits(spec)
            if limits:
                text = f"{text} ({limits})" if text else limits
            if "examples" in spec:
                text += f" Example: `{json.dumps(spec['examples'][0])}`."
            lines.append(
                f"| `{field}` | {_cell(_type_of(spec))} | {_cell(presence)} | {_cell(text)} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


@functools.cache
def _cached_schema() -> dict[str, Any]:
    return json_schema()


def allowed_range(path: tuple[str | int, ...]) -> str:
    """The allowed range of the field at `path` in the document, as in the reference, or ""."""
    schema = _cached_schema()
    definitions: dict[str, Any] = schema.get("$defs", {})
    spec: dict[str, Any] | None = schema
    for part in path:
        parent = _resolve(spec, definitions)
        spec = _step(parent, part)
        if spec is None or parent is None:
            return ""
        if "x-each-minimum" in parent:  # a point of an estimate: the estimate's range counts
            low, high = parent["x-each-minimum"], parent["x-each-maximum"]
            return f">= {number_text(low)}; <= {number_text(high)}"
    resolved = _resolve(spec, definitions)
    return _limits(resolved) if resolved is not None else ""


def _resolve(spec: dict[str, Any] | None, definitions: dict[str, Any]) -> dict[str, Any] | None:
    if spec is None:
        return None
    if "$ref" in spec:
        return {**definitions[spec["$ref"].rsplit("/", 1)[-1]], **spec}
    objects = [o for o in spec.get("anyOf", []) if o.get("type") != "null"]
    if len(objects) == 1 and ("$ref" in objects[0] or "properties" in objects[0]):
        return _resolve(objects[0], definitions)
    return spec


def _step(spec: dict[str, Any] | None, part: str | int) -> dict[str, Any] | None:
    if spec is None:
        return None
    if isinstance(part, int):
        items = spec.get("items")
        return items if isinstance(items, dict) else None
    properties = spec.get("properties", {})
    if part in properties:
        found: dict[str, Any] = properties[part]
        return found
    return _map_values(spec)
