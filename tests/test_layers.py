"""Layers import downward only, and the engine stays a pure library.

strategy <- analysis <- portfolio <- monitoring (mining beside them, on strategy) <- report <-
workspace <- cli / web. `errors`, `settings`, `files` and `numbers` are the foundation every layer
may use.
The engine (strategy, analysis, portfolio, mining, monitoring) imports no shell library (Typer,
Rich, Django), reads no environment variable and never asks the system clock for today.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "headway"
FOUNDATION = {"errors", "settings", "files", "numbers"}
LEVEL = {
    "strategy": 0,
    "analysis": 1,
    "mining": 1,
    "portfolio": 2,
    "monitoring": 3,
    "report": 4,
    "workspace": 5,
    "cli": 6,
    "web": 6,
}
ENGINE = {"strategy", "analysis", "portfolio", "mining", "monitoring"}
SHELL_LIBRARIES = {"typer", "rich", "django", "click", "ninja"}


def _modules() -> list[tuple[str, Path, ast.Module]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found.append((parts[0], path, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def _imports(tree: ast.Module) -> list[tuple[int, str]]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
    return names


def allowed(layer: str, target: str) -> bool:
    """Whether a module of `layer` may import from `target`: a lower layer, and mining (beside
    the analysis chain) only from strategy, used only from report upward; the command line may
    start the web app."""
    if layer == "mining":
        return target == "strategy"
    if (layer, target) == ("cli", "web"):
        return True  # `headway web` starts the web app; the web app never imports the CLI
    if target == "mining":
        return LEVEL[layer] >= LEVEL["report"]
    return LEVEL.get(target, 99) < LEVEL[layer]


def backward_imports(modules: list[tuple[str, Path, ast.Module]]) -> list[str]:
    """Every import of a layer `allowed` does not permit, as `file:line imports name`."""
    wrong = []
    for layer, path, tree in modules:
        if layer not in LEVEL:
            continue
        for line, name in _imports(tree):
            parts = name.split(".")
            if parts[0] != "headway" or len(parts) < 2 or parts[1] in FOUNDATION:
                continue
            if parts[1] != layer and not allowed(layer, parts[1]):
                wrong.append(f"{path.name}:{line} imports {name}")
    return wrong


def test_layers_import_downward_only() -> None:
    assert backward_imports(_modules()) == []


def test_the_foundation_imports_no_layer() -> None:
    for _, path, tree in _modules():
        if path.stem in FOUNDATION and path.parent == PACKAGE:
            for line, name in _imports(tree):
                parts = name.split(".")
                assert parts[0] != "headway" or parts[1] in FOUNDATION, f"{path}:{line} {name}"


def test_the_engine_is_a_pure_library() -> None:
    wrong = []
    for layer, path, tree in _modules():
        if layer not in ENGINE:
            continue
        for line, name in _imports(tree):
            if name.split(".")[0] in SHELL_LIBRARIES:
                wrong.append(f"{path.name}:{line} imports {name}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                wrong.append(f"{path.name}:{node.lineno} reads the environment")
            if isinstance(node, ast.Attribute) and node.attr in ("today", "now"):
                wrong.append(f"{path.name}:{node.lineno} reads the clock ({node.attr})")
    assert wrong == []


def test_the_check_finds_backward_imports() -> None:
    source = (
        "import headway.errors\nfrom headway.strategy.model import Strategy\n"
        "from headway.report.view import ReportView\nimport headway.portfolio.milp\n"
    )
    modules = [
        ("analysis", Path("gap.py"), ast.parse(source)),
        ("mining", Path("mine.py"), ast.parse("from headway.analysis import gap\n")),
        ("portfolio", Path("plan.py"), ast.parse("from headway.mining import mine\n")),
    ]
    assert backward_imports(modules) == [
        "gap.py:3 imports headway.report.view",
        "gap.py:4 imports headway.portfolio.milp",
        "mine.py:1 imports headway.analysis",
        "plan.py:1 imports headway.mining",
    ]
