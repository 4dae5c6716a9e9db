"""Safe YAML reading: plain data only, with the line and column of every value.

The reader walks libyaml's event stream itself instead of constructing objects, so that:
no tag can build a Python object, anchors cannot expand into a billion laughs, nesting depth is
bounded without recursion, duplicate keys are caught, and every value keeps its position.
Scalars follow YAML 1.1 number rules (what PyYAML writes) but only true/false are booleans,
so `no` (Norway) or `on` stay text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from headway.settings import DEFAULTS
from headway.strategy.errors import Path, Problem

MAX_DEPTH = 64
MAX_NODES = 2_000_000
MAX_CHARS = DEFAULTS.yaml_max_expanded_chars
"""Most characters of text once aliases are expanded, by default: a 1 MB text aliased a
thousand times would otherwise become a gigabyte in every report."""

Positions = dict[Path, tuple[int, int]]

_PLAIN_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_BOOLEANS = {"true": True, "false": False}
_resolver = Resolver()
_constructor = SafeConstructor()
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path
    anchor: str | None
    is_map: bool
    pending_key: str | None = None
    size: int = 1
    chars: int = 0
    keys_seen: set[str] = field(default_factory=set)


class YamlReadError(Exception):
    """Reading stopped at a problem that leaves no usable document."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _resolve(value: str) -> str:
    tag: str = _resolver.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


_cache: dict[tuple[str | None, str, bool], Any] = {}


def _scalar(event: yaml.ScalarEvent) -> Any:
    key = (event.tag, event.value, bool(event.implicit[0]))
    if key in _cache:
        return _cache[key]
    value = _construct(*key)
    if len(_cache) > 50_000:
        _cache.clear()
    _cache[key] = value
    return value


def _construct(tag: str | None, value: str, plain: bool) -> Any:
    if tag == "tag:yaml.org,2002:str" or (tag in (None, "!") and not plain):
        return value
    resolved = tag if tag not in (None, "!") else _resolve(value)
    if resolved == "tag:yaml.org,2002:null":
        return None
    if resolved == "tag:yaml.org,2002:bool":
        return _BOOLEANS.get(value.lower(), value)
    if resolved in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        node = ScalarNode(resolved, value)
        if resolved.endswith("int"):
            return _constructor.construct_yaml_int(node)
        return _constructor.construct_yaml_float(node)
    # Timestamps stay text: the model parses the dates it expects.
    return value


def read_yaml(
    text: str, file: str, *, with_positions: bool = True, max_chars: int = MAX_CHARS
) -> tuple[Any, Positions, list[Problem]]:
    """Parse one YAML document into plain data (dict, list, str, int, float, bool, None).

    Returns the data, the (line, column) of every value by path (1-based; empty when
    `with_positions` is false, which is faster), and the problems that did not stop reading
    (duplicate keys). Raises `YamlReadError` when nothing usable is left.
    """
    builder = _Builder(file, with_positions, max_chars)
    feed = builder.feed
    try:
        for event in yaml.parse(text, Loader=_Loader):
            feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _where(mark) if mark is not None else (None, None)
        reason = exc.problem or exc.context or "not valid YAML"
        raise YamlReadError(Problem(f"not valid YAML: {reason}", (), file, line, column)) from None
    except yaml.YAMLError as exc:
        raise YamlReadError(Problem(f"not valid YAML: {exc}", (), file)) from None
    return builder.root, {k: _where(m) for k, m in builder.marks.items()}, builder.problems


def _where(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain data from parser events with an explicit stack (no recursion)."""

    def __init__(self, file: str, with_positions: bool, max_chars: int) -> None:
        self.file = file
        self.with_positions = with_positions
        self.max_chars = max_chars
        self.root: Any = None
        self.marks: dict[Path, Any] = {}
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, values, characters
        self.stack: list[_Frame] = []
        self.documents = 0
        self.nodes = 0
        self.chars = 0

    def fail(self, message: str, path: Path, mark: Any) -> YamlReadError:
        line, column = _where(mark)
        return YamlReadError(Problem(message, path, self.file, line, column))

    def expecting_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].is_map and self.stack[-1].pending_key is None

    def child_path(self) -> Path:
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if not parent.is_map:
            return (*parent.path, len(parent.container))
        assert parent.pending_key is not None
        return (*parent.path, parent.pending_key)

    def count(self, size: int, mark: Any, chars: int = 0) -> None:
        self.nodes += size
        self.chars += chars
        if self.nodes > MAX_NODES:
            raise self.fail(f"document has more than {MAX_NODES:,} values", (), mark)
        if self.chars > self.max_chars:
            raise self.fail(
                f"document holds more than {self.max_chars:,} characters of text once its "
                "aliases (*name) are expanded; write the text once (setting "
                "yaml_max_expanded_chars, see docs/settings.md)",
                (),
                mark,
            )

    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.scalar(event)  # type: ignore[arg-type]
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self.start_collection(event)  # type: ignore[arg-type]
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = self.stack.pop()
            if frame.anchor:
                self.anchors[frame.anchor] = (frame.container, frame.size, frame.chars)
            self.attach(frame.container, frame.size, event.start_mark, frame.chars)
        elif kind is yaml.AliasEvent:
            self.alias(event)  # type: ignore[arg-type]
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise self.fail("expected one YAML document, found several", (), event.start_mark)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        if event.tag is not None and event.tag not in _PLAIN_TAGS:
            raise self.fail(
                f"YAML tag {event.tag} is not allowed", self.child_path(), event.start_mark
            )
        self.count(1, event.start_mark, len(event.value))
        stack = self.stack
        if stack and stack[-1].is_map and stack[-1].pending_key is None:
            self.key(stack[-1], event.value, event.start_mark)
            return
        try:
            value = _scalar(event)
        except ValueError:  # an integer of thousands of digits: Python refuses to convert it
            message = f"number has {len(event.value):,} characters; no figure needs so many"
            raise self.fail(message, self.child_path(), event.start_mark) from None
        if self.with_positions:
            self.marks[self.child_path()] = event.start_mark
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, len(event.value))
        self.attach(value, 1, event.start_mark, len(event.value))

    def key(self, parent: _Frame, key: str, mark: Any) -> None:
        parent.size += 1
        parent.chars += len(key)
        if key == "<<":
            raise self.fail("YAML merge keys (<<) are not supported", parent.path, mark)
        if key in parent.keys_seen:
            line, column = _where(mark)
            path = (*parent.path, key)
            self.problems.append(Problem(f"duplicate key '{key}'", path, self.file, line, column))
        parent.keys_seen.add(key)
        parent.pending_key = key

    def alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise self.fail(f"unknown alias *{event.anchor}", (), event.start_mark)
        if self.expecting_key():
            raise self.fail("mapping keys must be plain text", (), event.start_mark)
        value, size, chars = self.anchors[event.anchor]
        self.count(size, event.start_mark, chars)
        if self.with_positions:
            self.marks[self.child_path()] = event.start_mark
        self.attach(value, size, event.start_mark, chars)

    def start_collection(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        if event.tag is not None and event.tag not in _PLAIN_TAGS:
            raise self.fail(
                f"YAML tag {event.tag} is not allowed", self.child_path(), event.start_mark
            )
        self.count(1, event.start_mark)
        if self.expecting_key():
            raise self.fail(
                "mapping keys must be plain text", self.stack[-1].path, event.start_mark
            )
        path = self.child_path()
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", path, event.start_mark)
        if self.with_positions:
            self.marks[path] = event.start_mark
        is_map = type(event) is yaml.MappingStartEvent
        container: dict[str, Any] | list[Any] = {} if is_map else []
        self.stack.append(_Frame(container, path, event.anchor, is_map))

    def attach(self, value: Any, size: int, mark: Any, chars: int) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        parent.size += size
        parent.chars += chars
        if not parent.is_map:
            parent.container.append(value)  # type: ignore[union-attr]
        elif parent.pending_key is None:
            raise self.fail("mapping keys must be plain text", parent.path, mark)
        else:
            parent.container[parent.pending_key] = value  # type: ignore[call-overload]
            parent.pending_key = None
