"""`Kept` computes a key's value once and keeps only the most recently used values."""

from __future__ import annotations

from headway.workspace.kept import Kept


def test_a_value_is_computed_once_and_the_least_recently_used_is_dropped() -> None:
    computed: list[str] = []

    def compute(key: str) -> str:
        computed.append(key)
        return key.upper()

    kept: Kept[str, str] = Kept(2)
    assert kept.get("a", lambda: compute("a")) == "A"
    assert kept.get("b", lambda: compute("b")) == "B"
    assert kept.get("a", lambda: compute("a")) == "A"  # kept: not computed again
    assert kept.get("c", lambda: compute("c")) == "C"  # drops "b", used least recently
    assert kept.get("a", lambda: compute("a")) == "A"
    assert kept.get("b", lambda: compute("b")) == "B"
    assert computed == ["a", "b", "c", "b"]
