"""The hostile strategy documents: the bakery with one field made extreme (refused) or at the
edge of its range (valid, computed), in YAML and JSON, read by every command that reads one."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from headway.strategy.load import dump_strategy
from tests.hostile.runner import BAKERY, BAKERY_TEXT, STRATEGY, Case


def _bakery_with(old: str, new: str) -> bytes:
    assert old in BAKERY_TEXT, old
    return BAKERY_TEXT.replace(old, new, 1).encode("utf-8")


def _yaml_mutations() -> Iterator[tuple[str, bytes]]:
    revenue = "annual_revenue: 780000"
    numbers = {
        "inf": ".inf",
        "minus-inf": "-.inf",
        "nan": ".nan",
        "1e308": "1.0e+308",
        "huge-int": "9" * 5000,
        "negative": "-1",
        "text": "lots",
        "list": "[1, 2]",
        "bool": "true",
        "null": "null",
    }
    for label, value in numbers.items():
        yield f"revenue-{label}", _bakery_with(revenue, f"annual_revenue: {value}")
    targets = [
        ("employees: 12", "employees: {}"),
        ("weight: 0.7", "weight: {}"),
        ("volume_per_period:", "volume_per_period: {} #"),
        ("baseline:", "baseline: {} #"),
        ("periods:", "periods: {} #"),
        ("gross_margin:", "gross_margin: {} #"),
        ("budget_total:", "budget_total: {} #"),
        ("ratio:", "ratio: {} #"),
    ]
    for old, template in targets:
        if old not in BAKERY_TEXT:
            continue
        for label, value in (("nan", ".nan"), ("inf", ".inf"), ("huge", "1.0e+300")):
            key = old.split(":")[0]
            yield f"{key}-{label}", _bakery_with(old, template.format(value))
    yield "locale-unknown", _bakery_with("locale: en_IE", "locale: xx_YY")
    yield "name-escape", _bakery_with("name: ", 'name: "\\e[31mred\\e[0m" #')
    yield "name-bell", _bakery_with("name: ", 'name: "a\\x07b" #')
    yield "name-surrogate", _bakery_with("name: ", 'name: "a\\uD800b" #')
    yield "alias-bytes", _alias_bomb(1_000, 30_000)
    yield "alias-count", _alias_bomb(200_000, 1)
    yield "deep-nesting", b"a: " + b"[" * 5000 + b"]" * 5000
    yield "python-tag", b"business: !!python/object/apply:os.system ['true']\n"
    yield "duplicate-keys", _bakery_with("employees: 12", "employees: 12\n  employees: 13")
    yield "not-a-mapping", b"- just\n- a list\n"
    yield "empty", b""
    yield "nul-bytes", b"business:\x00\n"
    yield "latin-1", BAKERY_TEXT.replace("Corner", "Caf\xe9").encode("latin-1", "replace")
    yield "two-documents", BAKERY_TEXT.encode() + b"\n---\na: 1\n"


def _alias_bomb(count: int, size: int) -> bytes:
    data = BAKERY_TEXT.split("\nassumptions:", 1)[0]
    lines = [data, "assumptions:", f"  - &big {'a' * size}"]
    lines += ["  - *big"] * count
    return ("\n".join(lines) + "\n").encode()


def _json_mutations() -> Iterator[tuple[str, bytes]]:
    text = dump_strategy(BAKERY, "json")
    revenue = re.search(r'"annual_revenue": [0-9.]+', text)
    assert revenue is not None
    for label, value in (
        ("nan", "NaN"),
        ("infinity", "Infinity"),
        ("1e400", "1e400"),
        ("huge-int", "9" * 5000),
        ("deep", "[" * 100_000 + "]" * 100_000),
    ):
        yield (
            f"json-revenue-{label}",
            text.replace(revenue.group(), f'"annual_revenue": {value}').encode(),
        )


def _extreme_but_valid() -> Iterator[tuple[str, bytes]]:
    """Documents at the edges of every range: valid, so every command must compute them."""
    edges = {
        "budget-ceiling": ("budget_total: 16000", "budget_total: 1000000000000"),
        "budget-tiny": ("budget_total: 16000", "budget_total: 0.01"),
        "revenue-ceiling": ("annual_revenue: 780000", "annual_revenue: 1000000000000"),
        "volume-ceiling": ("volume_per_period: 2400", "volume_per_period: 1000000000"),
        "upfront-ceiling": (
            "upfront_cost: {low: 300, likely: 500, high: 1000}",
            "upfront_cost: {low: 1000000000000, likely: 1000000000000, high: 1000000000000}",
        ),
        "weight-tiny": ("weight: 0.3\n", "weight: 0.000000001\n"),
        "horizon-long": ("period: quarter\n  periods: 8", "period: month\n  periods: 120"),
        "in-flight-one": ("max_in_flight: 2", "max_in_flight: 1"),
    }
    for name, (old, new) in edges.items():
        yield f"edge-{name}", _bakery_with(old, new)


STRATEGY_COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("validate", "{doc}"),
    "show": ("show", "{doc}"),
    "evaluate": ("evaluate", "{doc}"),
    "plan": ("plan", "{doc}"),
    "frontier": ("frontier", "{doc}"),
    "ethics": ("ethics", "{doc}"),
    "report-html": ("report", "{doc}", "-o", "{dir}/out.html"),
    "report-xlsx": ("report", "{doc}", "-o", "{dir}/out.xlsx"),
    "convert": ("convert", "{doc}", "{dir}/out.xlsx"),
}
"""Every command that reads a strategy document, and how it is called on one."""
COMPUTED = ("evaluate", "plan", "frontier", "report-html", "report-xlsx")
"""The commands that compute (seconds each) rather than only read."""


def _document_cases(name: str, file: str, content: bytes, commands: list[str]) -> Iterator[Case]:
    for command in commands:
        args = tuple(a.replace("{doc}", f"{{dir}}/{file}") for a in STRATEGY_COMMANDS[command])
        yield Case(f"{command}-{name}", {file: content}, args)


def strategy_cases(sample: int | None = None, seed: int = 19) -> Iterator[Case]:
    """Every hostile strategy document read by every command that reads one.

    Without `sample`, every document goes through every command (`python -m
    tests.hostile.corpus`). With it (the test suite), every document is still validated and
    converted, a seeded `4 * sample` of the refused ones go through every other command too, and
    `sample` of the valid documents at the edges of the ranges are computed (seconds each)."""
    rng = random.Random(seed)
    long = dump_strategy(BAKERY).replace("assumptions:\n", f"assumptions:\n- {'y' * 40_000}\n", 1)
    refused = [*_yaml_mutations(), ("assumption-40k", long.encode())]
    everything = list(STRATEGY_COMMANDS)
    full = {n for n, _ in rng.sample(refused, 4 * sample)} if sample else {n for n, _ in refused}
    for name, content in refused:
        commands = everything if name in full else ["validate", "convert"]
        yield from _document_cases(name, STRATEGY, content, commands)
    for name, content in _json_mutations():
        yield from _document_cases(name, "s.json", content, ["validate", "plan", "report-html"])
    valid = list(_extreme_but_valid())
    computed = {n for n, _ in rng.sample(valid, sample)} if sample else {n for n, _ in valid}
    for name, content in valid:
        reading = [c for c in everything if c not in COMPUTED or name in computed]
        yield from _document_cases(name, STRATEGY, content, reading)
