"""The one round-trip YAML editor keeps what the user wrote around what changed."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.strategy.templates import template_names, template_path
from headway.workspace import FolderStore
from headway.workspace.roundtrip import rewrite_yaml

TEXT = """\
# my bakery
business:
    name: Crust   # the shop's name
    employees: 12
    revenue: 780000
initiatives:
    -   id: pos
        cost: {low: 1000, likely: 2000, high: 4000}   # quotes from two vendors
        ethics: {personal_data: true}
"""


@pytest.mark.parametrize("name", template_names())
def test_an_unchanged_template_is_written_back_byte_for_byte(name: str) -> None:
    path = template_path(name)
    text = path.read_text(encoding="utf-8")
    assert rewrite_yaml(text, FolderStore.for_document(path).document()) == text


def test_a_change_keeps_comments_numbers_and_indentation() -> None:
    document = {
        "business": {"name": "Crust", "employees": 13, "revenue": 780000},
        "initiatives": [
            {
                "id": "pos",
                "cost": {"low": 1000, "likely": 2000, "high": 4000},
                "ethics": {
                    "personal_data": True,
                    "resolutions": [{"rule": "r", "by": "Ana", "date": "2027-01-04"}],
                },
            }
        ],
    }
    out = rewrite_yaml(TEXT, document, {("business", "employees"): "one more baker"})
    lines = out.splitlines()
    assert lines[0] == "# my bakery"
    assert "    name: Crust   # the shop's name" in lines
    assert "    revenue: 780000" in lines  # not 780000.0
    assert "    employees: 13 # one more baker" in lines
    assert (
        "        cost: {low: 1000, likely: 2000, high: 4000}   # quotes from two vendors" in lines
    )
    # The one-line mapping that gains a list becomes a block; the new record is one line,
    # its day a YAML date (not quoted text).
    assert "        ethics:" in lines
    assert "                -   {rule: r, by: Ana, date: 2027-01-04}" in lines


def test_removed_keys_and_items_go_and_dates_keep_their_form() -> None:
    text = "a: 1\nb: [x, y, z]\nday:\n  date: 2027-01-04\n"
    out = rewrite_yaml(text, {"b": ["x", "y"], "day": {"date": "2027-01-04"}})
    assert out == "b: [x, y]\nday:\n  date: 2027-01-04\n"
    assert dt.date(2027, 1, 4).isoformat() in out


def test_a_new_document_is_written_in_block_style() -> None:
    out = rewrite_yaml("", {"business": {"name": "A long enough business name", "x": 1}})
    assert out.startswith("business:\n")
