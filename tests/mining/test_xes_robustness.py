"""`read_xes` with the compiled scanner on arbitrary and damaged input: a `MiningError`, never
a crash, a hang or another exception."""

from __future__ import annotations

import faulthandler
import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway.mining import MiningError, read_xes, xes_compiled, xes_scan

pytestmark = pytest.mark.skipif(
    not xes_compiled.available(),
    reason="the compiled XES scanner (xes_c/) was not built in this installation",
)

VALID = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- a small log -->\n'
    b'<log xes.version="1.0"><string key="source" value="test"/>\n'
    b'<trace><string key="concept:name" value="c&amp;1"/>\n'
    b'<event><string value="A &#233;" key="concept:name"/>'
    b'<date key="time:timestamp" value="2024-01-01T00:00:00Z"/>'
    b'<list key="l"><values><int key="i" value="1"/></values></list></event>\n'
    b"<event/></trace>\n<trace/>\n</log>\n"
)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(autouse=True)
def compiled_scanner(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Small blocks, and an end to the process if anything hangs (a hang in C cannot be
    interrupted from Python)."""
    monkeypatch.setattr(xes_scan, "BLOCK_BYTES", 64)
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def read_or_refuse(path: Path) -> None:
    """Read the log; refusing it with a `MiningError` is fine, anything else fails the test."""
    try:
        log = read_xes(str(path), scanner="compiled")
    except MiningError as exc:
        assert str(exc) and exc.where is not None and str(exc.where).startswith(str(path))
        return
    log.close()


def test_the_valid_log_reads(tmp_path: Path) -> None:
    path = tmp_path / "valid.xes"
    path.write_bytes(VALID)
    log = read_xes(str(path), scanner="compiled")
    try:
        assert log.event_count == 1
    finally:
        log.close()


@pytest.mark.parametrize(
    "damaged",
    [
        # A cut closing tag must not swallow the next element (found by the fuzz test below:
        # the trace's events were emitted while the trace itself never closed).
        VALID.replace(b"</trace>", b"</tra", 1),
        VALID.replace(b"</trace>", b"</trace x>", 1),
        VALID.replace(b"</trace>\n<trace/>", b"", 1),
    ],
    ids=["cut-closing-tag", "closing-tag-with-attribute", "log-closes-inside-a-trace"],
)
def test_a_damaged_closing_tag_is_refused(tmp_path: Path, damaged: bytes) -> None:
    path = tmp_path / "damaged.xes"
    path.write_bytes(damaged)
    with pytest.raises(MiningError) as refused:
        read_xes(str(path), scanner="compiled")
    assert str(refused.value.where).startswith(str(path))


@FUZZ
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_are_refused_cleanly(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.xes"
    path.write_bytes(data)
    read_or_refuse(path)


@FUZZ
@given(end=st.integers(0, len(VALID)), compressed=st.booleans())
def test_a_truncated_log_is_refused_cleanly(tmp_path: Path, end: int, compressed: bool) -> None:
    path = tmp_path / "cut.xes"
    path.write_bytes(gzip.compress(VALID)[:end] if compressed else VALID[:end])
    read_or_refuse(path)


@FUZZ
@given(data=st.data(), compressed=st.booleans())
def test_a_mutated_log_is_refused_cleanly(
    tmp_path: Path, data: st.DataObject, compressed: bool
) -> None:
    text = bytearray(gzip.compress(VALID, mtime=0) if compressed else VALID)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text) - 1))
        replaced = data.draw(st.sampled_from([b"", b"<", b">", b'"', b"&", b"/", b"\xff", b"!"]))
        text[at : at + data.draw(st.integers(0, 3))] = data.draw(
            st.one_of(st.just(replaced), st.binary(max_size=3))
        )
    path = tmp_path / "mutated.xes"
    path.write_bytes(bytes(text))
    read_or_refuse(path)
