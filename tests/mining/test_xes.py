"""The XES reader: what it reads (attributes, entities, nesting) and what it refuses, safely.

Every test runs with both scanners: the compiled one (`xes_c/`) and the NumPy fallback.
"""

from __future__ import annotations

import gzip
import resource
from datetime import UTC, datetime
from pathlib import Path

import pytest

from headway.mining import MiningError, read_xes, xes_compiled, xes_scan, xes_tokens
from headway.mining import xes_numpy as xes_reader
from headway.mining.xes import scanner_name

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


@pytest.fixture(autouse=True, params=["compiled", "numpy"])
def scanner(request: pytest.FixtureRequest) -> str:
    """The scanner `read_xes` uses in the test: each test runs once with each."""
    if request.param == "compiled" and not xes_compiled.available():
        pytest.skip("the compiled XES scanner (xes_c/) was not built in this installation")
    assert scanner_name(request.param) == request.param
    return str(request.param)


def assert_names_line(error: MiningError, file_name: str) -> None:
    """The error says where: `<path>:<line>` of the file `file_name`."""
    assert error.where is not None
    path, _, line = str(error.where).rpartition(":")
    assert path.endswith(file_name) and line.isdigit(), error.where


def xes(body: str, *, header: str = HEADER) -> str:
    return (
        header
        + '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">\n'
        + body
        + "</log>\n"
    )


def event(name: str, time: str, **extra: str) -> str:
    attrs = "".join(f'<string key="{k.replace("_", ":")}" value="{v}"/>' for k, v in extra.items())
    return (
        f'<event><string key="concept:name" value="{name}"/>'
        f'<date key="time:timestamp" value="{time}"/>{attrs}</event>\n'
    )


def write(tmp_path: Path, text: str, name: str = "log.xes") -> Path:
    path = tmp_path / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rows(path: Path, scanner: str) -> list[tuple[object, ...]]:
    log = read_xes(str(path), scanner=scanner)
    try:
        return log.connection.execute(
            "SELECT row_no, case_id, activity, ts, resource, lifecycle FROM events ORDER BY row_no"
        ).fetchall()
    finally:
        log.close()


def test_reads_traces_events_and_standard_attributes(tmp_path: Path, scanner: str) -> None:
    body = (
        "<!-- a comment with <angle> brackets -->\n"
        '<global scope="event"><string key="concept:name" value="UNKNOWN"/></global>\n'
        '<string key="log-level" value="ignored"/>\n'
        '<trace><string key="concept:name" value="c1"/>\n'
        + event("Register", "2024-03-01T09:00:00.000+01:00", org_resource="ann")
        + event("Check &amp; approve", "2024-03-01T10:30:00Z", lifecycle_transition="COMPLETE")
        + "</trace>\n"
        '<trace><string key="concept:name" value="c2"/>'
        + event("Register", "2024-03-02T08:00:00")
        + "</trace>\n"
    )
    found = rows(write(tmp_path, xes(body), "log.xes.gz"), scanner)
    assert found == [
        (0, "c1", "Register", datetime(2024, 3, 1, 8, 0, tzinfo=UTC), "ann", None),
        (1, "c1", "Check & approve", datetime(2024, 3, 1, 10, 30, tzinfo=UTC), None, "complete"),
        (2, "c2", "Register", datetime(2024, 3, 2, 8, 0, tzinfo=UTC), None, None),
    ]


def test_keeps_trace_and_event_attributes_but_not_nested_ones(tmp_path: Path, scanner: str) -> None:
    body = (
        '<trace><string key="concept:name" value="c1"/><float key="amount" value="12.5"/>'
        '<list key="tags"><values><string key="x" value="nested"/></values></list>'
        '<event><string value="A" key="concept:name"/>'  # value before key is allowed
        '<date key="time:timestamp" value="2024-01-01T00:00:00Z"/>'
        '<int key="items" value="3"/><string key="note" value="a &lt;b&gt; &#233; &#x41;"/>'
        '<container key="box"><string key="inner" value="deep"/></container>'
        "</event></trace>\n"
    )
    log = read_xes(str(write(tmp_path, xes(body))), scanner=scanner)
    try:
        case_attrs = log.connection.execute(
            "SELECT key, type, value FROM case_attributes ORDER BY key"
        ).fetchall()
        event_attrs = dict(
            log.connection.execute("SELECT key, value FROM event_attributes").fetchall()
        )
        activity = log.connection.execute("SELECT activity FROM events").fetchone()
    finally:
        log.close()
    assert case_attrs == [("amount", "float", "12.5"), ("concept:name", "string", "c1")]
    assert event_attrs["items"] == "3"
    assert event_attrs["note"] == "a <b> é A"
    assert "inner" not in event_attrs and "x" not in event_attrs
    assert activity == ("A",)


def test_blocks_never_split_an_element(tmp_path: Path) -> None:
    traces = "".join(
        f'<trace><string key="concept:name" value="c{i}"/>'
        + event("A", "2024-01-01T00:00:00Z")
        + "<!-- <event> inside a comment is not an event -->"
        + event("B", "2024-01-01T01:00:00Z")
        + "</trace>\n"
        for i in range(300)
    )
    path = write(tmp_path, xes(traces))
    whole = b"".join(b.text for b in xes_scan.blocks(str(path)))
    pieces = list(xes_scan.blocks(str(path), block_bytes=97))
    assert len(pieces) > 100
    assert b"".join(p.text for p in pieces) == whole
    assert all(p.text.startswith(b"<") for p in pieces[1:])
    tokens = [xes_tokens.tokenize(p) for p in pieces]
    assert sum(int((t.kind == xes_tokens.EVENT_OPEN).sum()) for t in tokens) == 600


def test_cdata_and_processing_instructions_are_skipped(tmp_path: Path, scanner: str) -> None:
    body = (
        "<?custom instruction <here> ?>\n"
        '<trace><string key="concept:name" value="c1"/><![CDATA[ <event> not real </event> ]]>'
        + event("A", "2024-01-01T00:00:00Z")
        + "</trace>\n"
    )
    assert [r[2] for r in rows(write(tmp_path, xes(body)), scanner)] == ["A"]


def test_latin1_declared_encoding_is_decoded(tmp_path: Path, scanner: str) -> None:
    text = xes(
        '<trace><string key="concept:name" value="c1"/>'
        + event("Prüfung", "2024-01-01T00:00:00Z")
        + "</trace>",
        header='<?xml version="1.0" encoding="ISO-8859-1"?>\n',
    )
    path = tmp_path / "latin.xes"
    path.write_bytes(text.encode("latin-1"))
    assert [r[2] for r in rows(path, scanner)] == ["Prüfung"]


def test_missing_case_id_gets_a_trace_number(tmp_path: Path, scanner: str) -> None:
    body = "<trace>" + event("A", "2024-01-01T00:00:00Z") + "</trace>\n"
    assert rows(write(tmp_path, xes(body)), scanner)[0][1] == "#1"


XXE = """<?xml version="1.0"?>
<!DOCTYPE log [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<log><trace><string key="concept:name" value="&xxe;"/></trace></log>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<log><trace><string key="concept:name" value="&lol9;"/></trace></log>
"""


@pytest.mark.parametrize("text", [XXE, BILLION_LAUGHS], ids=["external-entity", "billion-laughs"])
def test_dtds_and_entities_are_refused_before_anything_is_expanded(
    tmp_path: Path, text: str, scanner: str
) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(MiningError, match="DTD") as caught:
        read_xes(str(write(tmp_path, text, "evil.xes.gz")), scanner=scanner)
    assert caught.value.where is not None and caught.value.where.endswith("evil.xes.gz:2")
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 200_000


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("&secret;", "undefined entity &secret;"),
        ("a & b", "a bare '&'"),
        ("&#0;", r"character reference &#0; is out of range"),
        ("&#x110000;", r"character reference &#x110000; is out of range"),
    ],
)
def test_an_undefined_or_bad_entity_is_an_error_naming_the_line(
    tmp_path: Path, value: str, message: str, scanner: str
) -> None:
    body = f'<trace><string key="concept:name" value="{value}"/>' + event(
        "A", "2024-01-01T00:00:00Z"
    )
    with pytest.raises(MiningError, match=message) as caught:
        read_xes(str(write(tmp_path, xes(body + "</trace>"))), scanner=scanner)
    assert_names_line(caught.value, "log.xes")


def test_a_bad_entity_in_a_nested_attribute_is_an_error_too(tmp_path: Path, scanner: str) -> None:
    """Nested attributes are not kept, but both scanners still refuse what they cannot read."""
    body = (
        '<trace><list key="l"><values><string key="x" value="&bad;"/></values></list>'
        + event("A", "2024-01-01T00:00:00Z")
        + "</trace>"
    )
    with pytest.raises(MiningError, match="undefined entity &bad;"):
        read_xes(str(write(tmp_path, xes(body))), scanner=scanner)


def test_a_truncated_gzip_file_is_a_clear_error(
    tmp_path: Path, shared_data: Path, scanner: str
) -> None:
    data = (shared_data / "eventlogs" / "bpic2013_closed_problems.xes.gz").read_bytes()
    path = tmp_path / "cut.xes.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(MiningError, match="damaged or truncated"):
        read_xes(str(path), scanner=scanner)


def test_a_damaged_gzip_file_is_a_clear_error(tmp_path: Path, scanner: str) -> None:
    text = xes(
        "".join(
            f'<trace><string key="concept:name" value="c{i}"/>'
            + event("A", "2024-01-01T00:00:00Z")
            + "</trace>"
            for i in range(100)
        )
    )
    data = bytearray(gzip.compress(text.encode()))
    data[-6] ^= 0xFF  # the CRC of the decompressed data
    path = tmp_path / "damaged.xes.gz"
    path.write_bytes(bytes(data))
    with pytest.raises(MiningError, match="damaged or truncated"):
        read_xes(str(path), scanner=scanner)


def test_a_truncated_document_is_a_clear_error(tmp_path: Path, scanner: str) -> None:
    text = xes('<trace><string key="concept:name" value="c1"/>' + event("A", "2024-01-01T00:00Z"))
    cut = text[: text.index("</log>") - 20]
    with pytest.raises(MiningError, match="truncated or not well-formed"):
        read_xes(str(write(tmp_path, cut)), scanner=scanner)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<?xml version="1.0"?><html><body/></html>', "must start with a <log>"),
        (xes("</trace>"), "closing tag has no matching"),
        (xes("") + "<log></log>", "after the end of the <log>"),
        (xes("<trace><event><event></event></event></trace>"), "nested wrongly"),
        (xes("<trace><string key='concept:name' value='x'/></trace>"), "single-quoted"),
        (xes("<trace><event></event></trace></trace>"), "closing tag has no matching"),
    ],
)
def test_malformed_documents_are_refused_naming_the_line(
    tmp_path: Path, text: str, message: str, scanner: str
) -> None:
    with pytest.raises(MiningError, match=message) as caught:
        read_xes(str(write(tmp_path, text)), scanner=scanner)
    assert_names_line(caught.value, "log.xes")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no <log> element"),
        ("plain text, not XML", "no <log> element"),
        (xes("<trace/>"), "the log has no events"),
    ],
)
def test_documents_without_a_log_or_events_are_refused(
    tmp_path: Path, text: str, message: str, scanner: str
) -> None:
    with pytest.raises(MiningError, match=message) as caught:
        read_xes(str(write(tmp_path, text)), scanner=scanner)
    assert str(caught.value.where).endswith("log.xes")


def test_a_less_than_sign_in_a_value_is_refused(tmp_path: Path, scanner: str) -> None:
    body = '<trace><string key="concept:name" value="a<b"/>' + event("A", "2024-01-01T00:00Z")
    with pytest.raises(MiningError, match="'<' inside an attribute value"):
        read_xes(str(write(tmp_path, xes(body + "</trace>"))), scanner=scanner)


def test_an_unparsable_timestamp_names_the_event_and_case(tmp_path: Path, scanner: str) -> None:
    body = '<trace><string key="concept:name" value="c9"/>' + event("A", "yesterday") + "</trace>"
    with pytest.raises(MiningError, match=r"'yesterday' of event 1 \(case 'c9'\)"):
        read_xes(str(write(tmp_path, xes(body))), scanner=scanner)


def test_a_bad_timestamp_is_found_after_good_ones_and_in_skipped_events(
    tmp_path: Path, scanner: str
) -> None:
    good = event("A", "2024-01-01T00:00:00Z")
    body = f'<trace><string key="concept:name" value="c1"/>{good}{good}'
    with pytest.raises(MiningError, match=r"'soon' of event 3 \(case 'c1'\)"):
        read_xes(
            str(write(tmp_path, xes(body + event("B", "soon") + good + "</trace>"))),
            scanner=scanner,
        )
    without_activity = '<event><date key="time:timestamp" value="later"/></event>'
    with pytest.raises(MiningError, match=r"'later' of event 3 \(case 'c1'\)"):
        read_xes(str(write(tmp_path, xes(body + without_activity + "</trace>"))), scanner=scanner)


def test_invalid_utf8_names_the_line(tmp_path: Path, scanner: str) -> None:
    path = tmp_path / "bad.xes"
    text = xes('<trace><string key="concept:name" value="c1"/>\n' + event("A", "2024-01-01T00:00Z"))
    path.write_bytes(text.encode().replace(b"c1", b"c\xff"))
    with pytest.raises(MiningError, match="not valid UTF-8") as caught:
        read_xes(str(path), scanner=scanner)
    assert str(caught.value.where).endswith(":3")


def test_a_missing_file_is_a_clear_error(tmp_path: Path, scanner: str) -> None:
    with pytest.raises(MiningError, match="cannot read the file"):
        read_xes(str(tmp_path / "nope.xes"), scanner=scanner)


def test_invalid_utf8_is_found_in_a_block_without_comments(tmp_path: Path) -> None:
    """Blocks without `<!` or `<?` skip the comment scan but are still checked as UTF-8."""
    body = "".join(
        f'<trace><string key="concept:name" value="c{i}"/>'
        + event("A", "2024-01-01T00:00:00Z")
        + "</trace>\n"
        for i in range(50)
    )
    path = tmp_path / "bad.xes"
    path.write_bytes(xes(body).encode().replace(b'"c45"', b'"c\xff"'))
    with pytest.raises(MiningError, match="not valid UTF-8"):
        list(xes_scan.blocks(str(path), block_bytes=256))


def test_many_small_inserts_give_the_same_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scanner: str
) -> None:
    """Attribute rows go to DuckDB in batches written by a second thread; their size must not
    change the result."""
    body = "".join(
        f'<trace><string key="concept:name" value="c{i}"/>'
        + event("A", "2024-01-01T00:00:00Z", org_resource=f"r{i}")
        + event("B", "2024-01-01T01:00:00Z")
        + "</trace>\n"
        for i in range(200)
    )
    path = write(tmp_path, xes(body))
    whole = rows(path, scanner)
    monkeypatch.setattr(xes_reader, "FLUSH_ROWS", 7)
    monkeypatch.setattr(xes_scan, "BLOCK_BYTES", 300)
    assert rows(path, scanner) == whole
    assert len(whole) == 400
