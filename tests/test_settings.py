"""The one settings table: typed values from the environment, and a docs page that matches."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.errors import ErrorKind, HeadwayError
from headway.settings import DEFAULTS, Settings, settings_markdown, settings_table
from tests.conftest import ROOT


def test_defaults_hold_without_an_environment() -> None:
    assert Settings.from_environ({}) == DEFAULTS == Settings()
    assert DEFAULTS.xes_scanner == "auto"


def test_each_variable_sets_its_typed_setting() -> None:
    chosen = Settings.from_environ(
        {
            "HEADWAY_XES_SCANNER": " NumPy ",
            "HEADWAY_STRATEGY_MAX_BYTES": "1_000",
            "HEADWAY_MINING_MEMORY_LIMIT": "512MB",
            "UNRELATED": "x",
        }
    )
    assert chosen.xes_scanner == "numpy"
    assert chosen.strategy_max_bytes == 1000
    assert chosen.mining_memory_limit == "512MB"


def test_bad_values_are_refused_naming_every_variable() -> None:
    with pytest.raises(HeadwayError) as caught:
        Settings.from_environ({"HEADWAY_XES_SCANNER": "fast", "HEADWAY_STRATEGY_MAX_BYTES": "0"})
    assert caught.value.kind is ErrorKind.environment
    found = {p.path: p for p in caught.value.problems}
    assert found[("HEADWAY_XES_SCANNER",)].expected == "one of auto, compiled, numpy"
    assert found[("HEADWAY_STRATEGY_MAX_BYTES",)].message == "0 is too small"


def test_every_setting_has_a_type_a_help_and_its_variable() -> None:
    for info in settings_table():
        assert info.env == "HEADWAY_" + info.name.upper()
        assert info.help.endswith(".") and info.expected
        if info.default is not None:
            assert info.parse(str(info.default)) == info.default


def test_the_settings_page_is_generated_from_the_table() -> None:
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert page == settings_markdown(), "run: headway settings --markdown > docs/settings.md"
    for info in settings_table():
        assert f"`{info.env}`" in page


def test_today_is_a_date_or_the_computers() -> None:
    assert DEFAULTS.today is None
    assert Settings.from_environ({"HEADWAY_TODAY": "2027-03-01"}).today == dt.date(2027, 3, 1)
    with pytest.raises(HeadwayError, match="'2027-13-01' is not a date"):
        Settings.from_environ({"HEADWAY_TODAY": "2027-13-01"})
