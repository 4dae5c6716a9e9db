"""Text that is not valid UTF-8 (or not valid in its declared encoding) is refused, naming the
line, by both scanners.

The NumPy scanner checks every block (`xes_scan.blocks`); the compiled one checks the keys and
values it keeps (`xes_c/text.h`), the only text that reaches Arrow and DuckDB.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from headway.mining import MiningError, read_xes, xes_compiled, xes_scan

NOT_UTF8 = "not valid UTF-8"
# A trace whose case id is on line 3 and an event whose activity is on line 4.
DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n'
    b'<trace><string key="concept:name" value="CASE"/>\n'
    b'<event><string key="concept:name" value="ACTIVITY"/>'
    b'<date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>\n'
    b"</trace>\n</log>\n"
)
# Refused by Python's decoder and by the compiled check alike (Unicode table 3-7).
INVALID = {
    "lone-continuation": b"\x80",
    "invalid-byte": b"\xff",
    "overlong-slash": b"\xc0\xaf",
    "overlong-three-bytes": b"\xe0\x80\xaf",
    "overlong-four-bytes": b"\xf0\x80\x80\xaf",
    "surrogate": b"\xed\xa0\x80",
    "above-u10ffff": b"\xf4\x90\x80\x80",
    "truncated": b"\xe2\x82",
    "truncated-at-the-end-of-a-long-value": b"abcdefghij\xf0\x9f\x98",
}


@pytest.fixture(autouse=True, params=["compiled", "numpy"])
def scanner(request: pytest.FixtureRequest) -> str:
    if request.param == "compiled" and not xes_compiled.available():
        pytest.skip("the compiled XES scanner (xes_c/) was not built in this installation")
    return str(request.param)


def read_error(tmp_path: Path, text: bytes, scanner: str) -> MiningError:
    path = tmp_path / "bad.xes"
    path.write_bytes(text)
    with pytest.raises(MiningError) as caught:
        read_xes(str(path), scanner=scanner)
    return caught.value


def assert_refused_at(error: MiningError, line: int, message: str = NOT_UTF8) -> None:
    assert message in error.message
    assert str(error.where).endswith(f"bad.xes:{line}"), error.where


@pytest.mark.parametrize("bad", INVALID.values(), ids=INVALID.keys())
def test_invalid_utf8_in_a_value_is_refused(tmp_path: Path, bad: bytes, scanner: str) -> None:
    error = read_error(tmp_path, DOCUMENT.replace(b"ACTIVITY", b"ACT" + bad + b"IVITY"), scanner)
    assert_refused_at(error, 4)


@pytest.mark.parametrize("bad", [b"\xff", b"\xc0\xaf", b"\xed\xbf\xbf"])
def test_invalid_utf8_in_a_key_is_refused(tmp_path: Path, bad: bytes, scanner: str) -> None:
    text = DOCUMENT.replace(b'"concept:name" value="CASE"', b'"note' + bad + b'" value="CASE"')
    assert_refused_at(read_error(tmp_path, text, scanner), 3)


def test_valid_multibyte_text_reads(tmp_path: Path, scanner: str) -> None:
    path = tmp_path / "good.xes"
    path.write_bytes(DOCUMENT.replace(b"ACTIVITY", "Prüfung € 😀 \U0010ffff".encode()))
    log = read_xes(str(path), scanner=scanner)
    try:
        activity = log.connection.execute("SELECT activity FROM events").fetchone()
    finally:
        log.close()
    assert activity == ("Prüfung € 😀 \U0010ffff",)


@pytest.mark.parametrize(
    "text",
    [
        DOCUMENT.replace(b"<event>", b"<ev\xffent/><event>"),
        DOCUMENT.replace(b'xes.version="1.0"', b'xes.version="1.\xff"'),
        DOCUMENT.replace(b"<trace>", b'<string key="source" value="\xc0\xaf"/><trace>'),
    ],
    ids=["element-name", "ignored-xml-attribute", "log-level-attribute"],
)
def test_invalid_utf8_outside_the_output(tmp_path: Path, scanner: str, text: bytes) -> None:
    """The NumPy scanner refuses any invalid byte; the compiled one checks only the keys and
    values it keeps, so bytes that never reach the output (a tag name, a log-level attribute)
    are accepted by design."""
    path = tmp_path / "bad.xes"
    path.write_bytes(text)
    if scanner == "numpy":
        with pytest.raises(MiningError, match=NOT_UTF8):
            read_xes(str(path), scanner=scanner)
        return
    read_xes(str(path), scanner=scanner).close()


def test_invalid_utf8_in_a_late_small_block_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scanner: str
) -> None:
    """Lines are counted only for the error (a second reading, `xes_scan.line_at`)."""
    monkeypatch.setattr(xes_scan, "BLOCK_BYTES", 64)
    trace = b'<trace><string key="concept:name" value="c"/>\n<!-- a\ncomment -->\n</trace>\n'
    text = DOCUMENT.replace(b"<trace>", trace * 40 + b"<trace>")
    error = read_error(tmp_path, text.replace(b"ACTIVITY", b"\xe2\x82"), scanner)
    assert_refused_at(error, 4 + 40 * 4)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (b"\xef\xbb\xbf" + DOCUMENT.replace(b"CASE", b"C\xffSE"), 3),
        (
            DOCUMENT.replace(b"UTF-8", b"shift_jis").replace(b"ACTIVITY", b"A\x81 "),
            4,
        ),
    ],
    ids=["utf-8-with-bom", "shift-jis"],
)
def test_text_invalid_in_its_declared_encoding_is_refused(
    tmp_path: Path, text: bytes, line: int, scanner: str
) -> None:
    assert_refused_at(read_error(tmp_path, text, scanner), line, "the encoding the file declares")
