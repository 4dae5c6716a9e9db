"""The published JSON Schema of the strategy document, and its field-by-field reference."""

from __future__ import annotations

import json
from typing import Any

from headway.strategy.model import Strategy

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
        values = spec.get("additionalProperties")
        return f"map of text to {_type_of(values)}" if isinstance(values, dict) else "object"
    return str(kind)


def _limits(spec: dict[str, Any]) -> str:
    parts = []
    for key, text in (
        ("minimum", ">= {}"),
        ("exclusiveMinimum", "> {}"),
        ("maximum", "<= {}"),
        ("exclusiveMaximum", "< {}"),
        ("minLength", "at least {} characters"),
        ("maxLength", "at most {} characters"),
        ("minItems", "at least {} items"),
        ("pattern", "matches `{}`"),
    ):
        if key in spec:
            parts.append(text.format(spec[key]))
    return "; ".join(parts)


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
