"""Load, validate and save strategy documents (YAML and JSON)."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from difflib import get_close_matches
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from headway.files import read_input, write_atomic
from headway.settings import DEFAULTS
from headway.strategy.checks import check_strategy
from headway.strategy.errors import Path, Problem, StrategyError
from headway.strategy.model import Strategy
from headway.strategy.repair import clean_path, cross_checks_despite
from headway.strategy.schema import allowed_range
from headway.strategy.yaml_reader import MAX_CHARS, Positions, YamlReadError, read_yaml

MAX_BYTES = DEFAULTS.strategy_max_bytes
"""Largest document read by default (the `strategy_max_bytes` setting), in bytes."""
DOCUMENT_NAME = "headway.yaml"
"""The strategy document's name in a workspace folder."""
Format = Literal["yaml", "json"]


def document_path(path: str | os.PathLike[str]) -> str:
    """`path` itself, or a workspace folder's `headway.yaml` when `path` is a folder."""
    if os.path.isdir(path):
        return os.path.join(path, DOCUMENT_NAME)
    return os.fspath(path)


def format_of(path: str | os.PathLike[str]) -> Format:
    """The document format a file name implies: `.json` is JSON, anything else YAML."""
    return "json" if str(path).lower().endswith(".json") else "yaml"


def load_strategy(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, max_chars: int = MAX_CHARS
) -> Strategy:
    """Read and validate the strategy document at `path` (YAML or JSON by extension), refusing
    files over `max_bytes`.

    Raises `StrategyError` listing every problem with file, line, column and path.
    """
    content = read_document(path, max_bytes)
    return parse_strategy(
        content, file=str(path), format=format_of(path), max_bytes=max_bytes, max_chars=max_chars
    )


def read_document(
    path: str | os.PathLike[str], limit: int, setting: str = "strategy_max_bytes"
) -> bytes:
    """The bytes of a document file of at most `limit` bytes (`setting` changes the limit);
    raises `StrategyError` naming the file and the reason."""
    try:
        return read_input(path, limit, setting)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StrategyError([Problem(f"cannot read the file: {reason}", (), str(path))]) from None
    except ValueError as exc:
        raise StrategyError([Problem(str(exc), (), str(path))]) from None


def parse_strategy(
    content: bytes | str,
    *,
    file: str = "<document>",
    format: Format,
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
) -> Strategy:
    """Validate a strategy document given as bytes or text; see `load_strategy` (`max_chars`:
    the most characters of text once YAML aliases are expanded)."""
    data, text = _read(content, file, format, (max_bytes, max_chars))
    try:
        return validate_data(data, file=file)
    except StrategyError as exc:
        # Positions are found only when needed: a second, slower read that records them.
        positions = _positions(text, file)
        raise StrategyError([_place(p, positions) for p in exc.problems]) from None


def read_data(
    content: bytes | str,
    *,
    file: str = "<document>",
    format: Format,
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
) -> dict[str, Any]:
    """The plain data of a document's text, read as `parse_strategy` reads it (size limits,
    encoding, duplicate keys, YAML without tags) but not validated; raises `StrategyError`."""
    data, _ = _read(content, file, format, (max_bytes, max_chars))
    return data  # type: ignore[no-any-return]


def validate_data(
    data: Any, *, file: str = "<document>", positions: Positions | None = None
) -> Strategy:
    """Validate already-parsed plain data (e.g. JSON from the database) into a `Strategy`."""
    positions = positions or {}

    def problem(message: str, path: Path) -> Problem:
        line, column = _locate(positions, path)
        return Problem(message, path, file, line, column)

    try:
        strategy = Strategy.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        typed = [problem(_message(error), clean_path(error["loc"])) for error in errors]
        crossed = [problem(m, path) for path, m in cross_checks_despite(data, errors)]
        raise StrategyError(typed + crossed) from None
    found = check_strategy(strategy)
    if found:
        raise StrategyError([problem(message, path) for path, message in found])
    return strategy


def dump_strategy(strategy: Strategy, format: Format = "yaml") -> str:
    """The document as YAML or JSON text, fields in model order, defaults included."""
    data = strategy.model_dump(mode="json")
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def save_strategy(strategy: Strategy, path: str | os.PathLike[str]) -> None:
    """Write the document atomically (temporary file, then rename) in the format of its name."""
    write_atomic(path, dump_strategy(strategy, format_of(path)))


def _too_large(size: int, limit: int) -> str:
    return (
        f"file is {size:,} bytes; the limit is {limit:,} bytes "
        "(setting strategy_max_bytes, see docs/settings.md)"
    )


def _read(
    content: bytes | str, file: str, format: Format, limits: tuple[int, int]
) -> tuple[Any, str]:
    max_bytes, max_chars = limits
    if isinstance(content, bytes):
        if len(content) > max_bytes:
            raise StrategyError([Problem(_too_large(len(content), max_bytes), (), file)])
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            message = f"not UTF-8 text (bad byte at offset {exc.start})"
            raise StrategyError([Problem(message, (), file)]) from None
    else:
        text = content
        if len(text) > max_bytes:
            raise StrategyError([Problem(_too_large(len(text), max_bytes), (), file)])
    if "\x00" in text:
        raise StrategyError([Problem("not a text file (contains NUL bytes)", (), file)])
    if format == "json":
        return _read_json(text, file)
    try:
        data, _, problems = read_yaml(text, file, with_positions=False, max_chars=max_chars)
    except YamlReadError as exc:
        raise StrategyError([exc.problem]) from None
    if problems:
        raise StrategyError(problems)
    if not isinstance(data, dict):
        raise StrategyError(
            [Problem("expected a mapping of sections (business, goals, ...)", (), file)]
        )
    return data, text


def _read_json(text: str, file: str) -> tuple[Any, str]:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    def constant(name: str) -> Any:
        raise ValueError(f"{name} is not a number JSON allows")

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        problem = Problem(f"not valid JSON: {exc.msg}", (), file, exc.lineno, exc.colno)
        raise StrategyError([problem]) from None
    except RecursionError:
        raise StrategyError([Problem("nesting too deep", (), file)]) from None
    except ValueError as exc:
        reason = "a number has thousands of digits" if "digits" in str(exc) else str(exc)
        raise StrategyError([Problem(f"not valid JSON: {reason}", (), file)]) from None
    if duplicates:
        raise StrategyError([Problem(f"duplicate key '{key}'", (), file) for key in duplicates])
    if not isinstance(data, dict):
        raise StrategyError(
            [Problem("expected an object of sections (business, goals, ...)", (), file)]
        )
    return data, text


def _positions(text: str, file: str) -> Positions:
    # JSON documents are YAML flow documents, so one reader gives positions for both formats.
    try:
        return read_yaml(text, file)[1]
    except YamlReadError:
        return {}


def _place(problem: Problem, positions: Positions) -> Problem:
    if problem.line is not None:
        return problem
    line, column = _locate(positions, problem.path)
    return replace(problem, line=line, column=column)


def _locate(positions: Positions, path: Path) -> tuple[int | None, int | None]:
    for end in range(len(path), -1, -1):
        found = positions.get(path[:end])
        if found:
            return found
    return (None, None)


def _message(error: Any) -> str:
    kind = error["type"]
    message: str = error["msg"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        return f"unknown field '{name}'" + _suggest(name, error)
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if kind in ("dict_type", "model_type"):
        return f"expected a mapping, got {type(error['input']).__name__}"
    if kind in _RANGE_ERRORS:
        allowed = allowed_range(clean_path(error["loc"]))
        if allowed:
            return f"{_RANGE_ERRORS[kind]}{_shown(error['input'])}; allowed: {allowed}"
    return message


_RANGE_ERRORS = {
    "greater_than": "out of range: ",
    "greater_than_equal": "out of range: ",
    "less_than": "out of range: ",
    "less_than_equal": "out of range: ",
    "finite_number": "not a finite number: ",
    "float_type": "not a number: ",
    "float_parsing": "not a number: ",
    "int_type": "not a whole number: ",
    "int_parsing": "not a whole number: ",
    "int_from_float": "not a whole number: ",
}
"""Pydantic error types about a number, and how a message about one starts."""


def _shown(value: Any) -> str:
    text = f"{value:g}" if isinstance(value, float) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _suggest(name: str, error: Any) -> str:
    # The parent model's fields are not in the error; compare with every field name we know.
    fields = sorted(_all_fields())
    close = get_close_matches(name, fields, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _all_fields() -> set[str]:
    names: set[str] = set()
    pending: list[type[BaseModel]] = [Strategy]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for field_name, info in model.model_fields.items():
            names.add(field_name)
            annotation = info.annotation
            for candidate in getattr(annotation, "__args__", (annotation,)):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    pending.append(candidate)
    return names
