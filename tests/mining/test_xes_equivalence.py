"""The compiled XES scanner (`xes_c/`) and the NumPy one read every document the same way.

Checked on every shared real log and on small generated documents that use what XES writers
produce (entities and character references, nested list and container attributes, comments,
self-closing traces and events, `value` before `key`), read in tiny blocks so that elements,
comments and entities meet block boundaries.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway.mining import MiningError, read_xes, xes_compiled, xes_scan

pytestmark = pytest.mark.skipif(
    not xes_compiled.available(),
    reason="the compiled XES scanner (xes_c/) was not built in this installation",
)

QUERIES = {
    "events": "SELECT * FROM events ORDER BY row_no",
    "case_attributes": "SELECT * FROM case_attributes ORDER BY ALL",
    "event_attributes": "SELECT * FROM event_attributes ORDER BY ALL",
}


def read_tables(path: Path, scanner: str) -> dict[str, pa.Table] | str:
    """The tables `read_xes` builds with `scanner`, or the message of its `MiningError`."""
    try:
        log = read_xes(str(path), scanner=scanner)
    except MiningError as exc:
        return str(exc)
    try:
        return {name: log.connection.sql(sql).to_arrow_table() for name, sql in QUERIES.items()}
    finally:
        log.close()


def assert_same_reading(path: Path) -> None:
    compiled, numpy = read_tables(path, "compiled"), read_tables(path, "numpy")
    if isinstance(compiled, str) or isinstance(numpy, str):
        assert compiled == numpy
        return
    for name in QUERIES:
        assert compiled[name].equals(numpy[name]), name


# The same place as the `shared_data` fixture's (tests/conftest.py); listed at collection time.
SHARED_LOGS = sorted(
    path.name
    for path in (Path(__file__).resolve().parents[2].parent / "shared" / "data" / "eventlogs").glob(
        "*.xes.gz"
    )
)


@pytest.mark.shared_data
@pytest.mark.slow
@pytest.mark.parametrize("name", SHARED_LOGS or ["(no shared logs)"])
def test_both_scanners_read_every_shared_log_the_same(shared_data: Path, name: str) -> None:
    path = shared_data / "eventlogs" / name
    assert path.is_file()
    tables = read_tables(path, "compiled")
    assert not isinstance(tables, str), tables
    assert tables["events"].num_rows > 0
    assert_same_reading(path)


# ---- generated documents -------------------------------------------------------------------

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}


@st.composite
def xml_text(draw: st.DrawFn) -> str:
    """An attribute value as written in XML: special characters escaped, some characters as
    decimal or hexadecimal character references."""
    chars = draw(st.text(st.sampled_from("ab Z09:-_&<>\"'é€\n\t😀"), max_size=8))
    written = []
    for char in chars:
        form = draw(st.sampled_from(["plain", "decimal", "hex"]))
        if form == "decimal":
            written.append(f"&#{ord(char)};")
        elif form == "hex":
            written.append(f"&#x{ord(char):X};")
        else:
            written.append(_ESCAPES.get(char, char))
    return "".join(written)


KEYS = st.sampled_from(
    ["concept:name", "org:resource", "lifecycle:transition", "cost:total", "note", "a:b", "x"]
)
TIMES = st.sampled_from(
    ["2024-01-01T00:00:00.000+01:00", "2024-03-02T10:30:00Z", "2023-12-31T23:59:59"]
)
SPACE = st.sampled_from([" ", "  ", "\n", "\t "])
COMMENT = st.sampled_from(["", "<!-- note -->", "<!-- <event> -- no -->\n", "<?pi x?>"])


@st.composite
def attribute(draw: st.DrawFn, depth: int = 0) -> str:
    """One attribute element, possibly a list or container with nested attributes."""
    kind = draw(st.sampled_from(["string", "int", "float", "boolean", "id", "list", "container"]))
    key = draw(KEYS)
    value = draw(TIMES) if key == "time:timestamp" else draw(xml_text())
    sp = draw(SPACE)
    pairs = [f'key="{key}"', f'value="{value}"']
    if draw(st.booleans()):
        pairs.reverse()
    if kind in ("list", "container") and draw(st.booleans()):
        pairs = pairs[:1] if pairs[0].startswith("key") else pairs[1:]
    head = f"<{kind}{sp}{sp.join(pairs)}"
    if kind in ("list", "container") and depth < 2 and draw(st.booleans()):
        inner = "".join(draw(st.lists(attribute(depth + 1), max_size=2)))
        if kind == "list":
            inner = f"<values>{inner}</values>"
        return f"{head}>{inner}{draw(COMMENT)}</{kind}>"
    return f"{head}{draw(st.sampled_from(['/>', ' />', f'></{kind}>']))}"


@st.composite
def xes_event(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:
        return "<event/>"
    attrs = draw(st.lists(attribute(), max_size=4))
    if draw(st.booleans()):
        time = f'<date key="time:timestamp" value="{draw(TIMES)}"/>'
        attrs.insert(draw(st.integers(0, len(attrs))), time)
    return "<event>" + "".join(attrs) + draw(COMMENT) + "</event>\n"


@st.composite
def xes_trace(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:
        return "<trace/>\n"
    parts = draw(st.lists(st.one_of(attribute(), xes_event(), COMMENT), max_size=6))
    return "<trace>" + "".join(parts) + "</trace>\n"


# Every generated document has at least this event, so that reading it must succeed.
KNOWN_TRACE = (
    '<trace><event><string key="concept:name" value="known"/>'
    '<date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace>\n'
)


@st.composite
def xes_document(draw: st.DrawFn) -> str:
    log_level = "".join(draw(st.lists(attribute(), max_size=2)))
    traces = "".join(draw(st.lists(xes_trace(), min_size=1, max_size=5)))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- written by a test -->\n'
        '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">\n'
        '<extension name="Concept" prefix="concept" uri="http://x/concept.xesext"/>\n'
        '<global scope="event"><string key="concept:name" value="?"/></global>\n'
        f"{log_level}{traces}{KNOWN_TRACE}</log>\n"
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=xes_document(), block_bytes=st.integers(8, 300))
def test_both_scanners_read_generated_documents_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str, block_bytes: int
) -> None:
    monkeypatch.setattr(xes_scan, "BLOCK_BYTES", block_bytes)
    path = tmp_path / "generated.xes"
    path.write_text(document, encoding="utf-8")
    assert not isinstance(read_tables(path, "compiled"), str)
    assert_same_reading(path)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    document=xes_document(),
    block_bytes=st.integers(8, 300),
    bad=st.sampled_from(
        [
            b"\xff",
            b"\x80",
            b"\xc1\xbf",
            b"\xe0\x9f\xbf",
            b"\xed\xb0\x80",
            b"\xf4\x90\x80\x80",
            b"\xf0\x9f\x98",
        ]
    ),
)
def test_both_scanners_refuse_invalid_utf8_in_a_value_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str, block_bytes: int, bad: bytes
) -> None:
    """Same message, same line: the compiled scanner checks the values it keeps, the NumPy one
    the whole text."""
    monkeypatch.setattr(xes_scan, "BLOCK_BYTES", block_bytes)
    path = tmp_path / "generated.xes"
    path.write_bytes(document.encode().replace(b'value="known"', b'value="kn' + bad + b'own"'))
    refused = read_tables(path, "compiled")
    assert isinstance(refused, str) and "not valid UTF-8" in refused
    assert_same_reading(path)
