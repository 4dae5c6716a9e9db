"""Industry templates shipped as data files beside this module."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

TEMPLATE_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class TemplateInfo:
    """A template's name (file stem), business name, industry and one-line summary."""

    name: str
    business: str
    industry: str
    summary: str


def template_path(name: str) -> Path:
    """Path of the template `name`; raises KeyError for an unknown name."""
    path = TEMPLATE_DIR / f"{name}.yaml"
    if not path.is_file():
        raise KeyError(name)
    return path


def list_templates() -> list[TemplateInfo]:
    """Every shipped template, sorted by name."""
    infos = []
    for path in sorted(TEMPLATE_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        first = text.splitlines()[0].lstrip("# ").strip()
        summary = first.split(":", 1)[-1].strip() if ":" in first else first
        business = data["business"]
        infos.append(TemplateInfo(path.stem, business["name"], business["industry"], summary))
    return infos
