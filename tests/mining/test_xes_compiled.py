"""The compiled XES scanner (`xes_c/`): present where CI requires it, and robust to any input."""

from __future__ import annotations

import faulthandler
import os
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway.mining import xes_compiled

REQUIRE_VARIABLE = "HEADWAY_REQUIRE_COMPILED_XES"
VALID = (
    b'<log><trace><string key="concept:name" value="c&amp;1"/>'
    b'<event><string value="A" key="concept:name"/><int key="n" value="&#233;"/></event>'
    b"</trace></log>"
)


needs_compiled = pytest.mark.skipif(
    not xes_compiled.available(),
    reason="the compiled XES scanner (xes_c/) was not built in this installation",
)


def new_scanner() -> Any:
    from headway.mining import _xes

    return _xes.Scanner()


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A hang in C cannot be interrupted from Python: end the process, with a traceback."""
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def test_the_compiled_scanner_is_built_where_required() -> None:
    """CI sets HEADWAY_REQUIRE_COMPILED_XES=1 so that the benchmarked scanner is the tested one."""
    if os.environ.get(REQUIRE_VARIABLE) != "1":
        pytest.skip(f"{REQUIRE_VARIABLE}=1 is not set")
    assert xes_compiled.available(), "headway.mining._xes was not built (is a C compiler set up?)"


@needs_compiled
def test_output_is_handed_over_as_buffers() -> None:
    scanner = new_scanner()
    scanner.feed(VALID)
    events, traces, attrs = scanner.take()
    rows, offsets, data, _valid = events["activity"]
    assert rows == 1
    assert bytes(memoryview(data)) == b"A"
    assert np.frombuffer(offsets, dtype=np.int64).tolist() == [0, 1]
    assert bytes(memoryview(traces["case_id"][2])) == b"c&1"
    # An event's first value of a standard key is kept in its column, not among the rows.
    assert bytes(memoryview(attrs["value"][2])) == b"c&1\xc3\xa9"
    assert bytes(memoryview(events["types"])) == bytes([0, 255, 255, 255, 255])  # string
    assert memoryview(data).readonly
    assert scanner.state() == (True, 0, 1, 1)
    again = scanner.take()[0]["activity"]
    assert again[0] == 0 and memoryview(again[2]).nbytes == 0


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(chunks=st.lists(st.binary(max_size=200), max_size=5))
def test_feeding_random_bytes_only_raises_value_error(chunks: list[bytes]) -> None:
    scanner = new_scanner()
    for chunk in chunks:
        try:
            scanner.feed(chunk)
        except ValueError as exc:
            message, offset = exc.args
            assert isinstance(message, str) and 0 <= offset <= len(chunk)
            break
        scanner.take()
    scanner.state()


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_feeding_mutated_xes_only_raises_value_error(data: st.DataObject) -> None:
    text = bytearray(VALID)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text) - 1))
        text[at : at + data.draw(st.integers(0, 3))] = data.draw(st.binary(max_size=3))
    scanner = new_scanner()
    try:
        scanner.feed(bytes(text))
    except ValueError as exc:
        assert 0 <= exc.args[1] <= len(text)
    scanner.take()


# Bytes that make up UTF-8 characters and the edges of their valid ranges (table 3-7 of the
# Unicode Standard), and bytes that are never valid.
UTF8_BYTES = st.sampled_from(
    b"\x41\x0a\x7f\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1\xc2\xdf\xe0\xe1\xec\xed\xee\xef"
    b"\xf0\xf1\xf3\xf4\xf5\xff"
)


@needs_compiled
@settings(max_examples=1000, deadline=None)
@given(value=st.lists(UTF8_BYTES, max_size=20).map(bytes))
def test_the_utf8_check_agrees_with_python(value: bytes) -> None:
    """A kept value is refused exactly when Python cannot decode it, at the same byte."""
    head = b'<log><trace><string key="k" value="'
    scanner = new_scanner()
    try:
        value.decode("utf-8")
        expected = None
    except UnicodeDecodeError as exc:
        expected = len(head) + exc.start
    try:
        scanner.feed(head + value + b'"/></trace></log>')
        found = None
    except ValueError as exc:
        assert "not valid UTF-8" in exc.args[0]
        found = exc.args[1]
    assert found == expected
