"""Cutting a document into blocks (`xes_scan.blocks`): comments, PIs and DTDs wherever the
block boundaries fall."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway.mining import MiningError, xes_scan

DOCUMENT = (
    '<?xml version="1.0"?>\n<log><trace><string key="concept:name" value="c1"/>\n'
    "<!-- <event> in a comment --><?pi <event> ?><![CDATA[ <event> ]]>\n"
    '<event><string key="concept:name" value="A"/></event></trace></log>\n'
)


def joined(path: Path, block_bytes: int) -> bytes:
    return b"".join(block.text for block in xes_scan.blocks(str(path), block_bytes))


@pytest.mark.parametrize("block_bytes", range(1, len(DOCUMENT) + 2))
def test_markup_is_blanked_wherever_a_block_ends(tmp_path: Path, block_bytes: int) -> None:
    """Every cut, including between the `<` and the `!` or `?` of a comment or PI."""
    path = tmp_path / "log.xes"
    path.write_text(DOCUMENT)
    text = joined(path, block_bytes)
    assert text == joined(path, 1 << 20)
    assert text.count(b"<event>") == 1
    assert b"<!" not in text and b"<?" not in text
    assert text.count(b"\n") == DOCUMENT.count("\n")


@pytest.mark.parametrize("count_lines", [True, False])
@pytest.mark.parametrize("block_bytes", [7, 20, 33, 4096])
def test_a_dtd_is_refused_wherever_a_block_ends(
    tmp_path: Path, block_bytes: int, count_lines: bool
) -> None:
    """Without counted lines, a second reading finds the line of the error."""
    path = tmp_path / "dtd.xes"
    path.write_text('<?xml version="1.0"?>\n<log>\n<!DOCTYPE log [ <!ENTITY x "y"> ]>\n</log>')
    with pytest.raises(MiningError, match="DTD") as caught:
        list(xes_scan.blocks(str(path), block_bytes, count_lines=count_lines))
    assert str(caught.value.where).endswith("dtd.xes:3")


@pytest.mark.parametrize("block_bytes", [1, 7, 20, 33, 4096])
def test_line_at_finds_the_lines_that_counting_gives(tmp_path: Path, block_bytes: int) -> None:
    path = tmp_path / "log.xes"
    path.write_text(DOCUMENT * 3)
    counted = list(xes_scan.blocks(str(path), block_bytes))
    uncounted = list(xes_scan.blocks(str(path), block_bytes, count_lines=False))
    assert [b.text for b in uncounted] == [b.text for b in counted]
    assert {b.first_line for b in uncounted} == {0}
    for index, block in enumerate(counted):
        for offset in {0, len(block.text) // 2, len(block.text)}:
            line = block.first_line + block.text.count(b"\n", 0, offset)
            assert xes_scan.line_at(str(path), index, offset, block_bytes) == line


@pytest.mark.parametrize("count_lines", [True, False])
def test_an_overlong_element_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count_lines: bool
) -> None:
    monkeypatch.setattr(xes_scan, "MAX_ELEMENT_BYTES", 100)
    path = tmp_path / "long.xes"
    path.write_text(f'<log>\n<trace>\n<string key="k" value="{"x" * 300}"/></trace></log>')
    with pytest.raises(MiningError, match="longer than") as caught:
        list(xes_scan.blocks(str(path), 16, count_lines=count_lines))
    assert str(caught.value.where).endswith("long.xes:3")


def test_a_comment_after_many_exclamation_marks_is_still_found(tmp_path: Path) -> None:
    """Past a few `!` (rare in logs) the search for `<!` falls back to a regular expression."""
    marks = "!" * (3 * xes_scan._MARKS_CHECKED)
    path = tmp_path / "log.xes"
    path.write_text(f'<log><string key="k" value="{marks}"/><!-- <event> --></log>')
    assert b"<event>" not in joined(path, 1 << 20)
