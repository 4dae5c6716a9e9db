"""A damaged tag is refused by both XES scanners, with the file and line: a cut or malformed
closing tag must never swallow the next element and yield a partial log."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway.mining import MiningError, read_xes, xes_compiled

VALID = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- a small log -->\n'
    b'<log xes.version="1.0"><string key="source" value="test"/>\n'
    b'<trace><string key="concept:name" value="c1"/>\n'
    b'<event><string value="A" key="concept:name"/>\n'
    b'<date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>\n'
    b"<event/></trace>\n<trace/>\n</log>\n"
)
DAMAGED = {
    "cut-closing-trace": (VALID.replace(b"</trace>", b"</tra", 1), 7),
    "closing-tag-with-attribute": (VALID.replace(b"</trace>", b"</trace x>", 1), 7),
    "cut-closing-event": (VALID.replace(b"</event>", b"</eve", 1), 6),
    "cut-opening-tag": (VALID.replace(b"<event>", b"<event", 1), 5),
    "cut-attribute": (VALID.replace(b'00Z"/>', b'00Z"', 1), 6),
}
SCANNERS = [
    "numpy",
    pytest.param(
        "compiled",
        marks=pytest.mark.skipif(not xes_compiled.available(), reason="compiled scanner not built"),
    ),
]


@pytest.mark.parametrize("scanner", SCANNERS)
def test_the_valid_log_reads(tmp_path: Path, scanner: str) -> None:
    path = tmp_path / "valid.xes"
    path.write_bytes(VALID)
    log = read_xes(str(path), scanner=scanner)
    assert log.event_count == 1
    log.close()


@pytest.mark.parametrize("scanner", SCANNERS)
@pytest.mark.parametrize("name", list(DAMAGED))
def test_a_damaged_tag_is_refused_with_its_line(tmp_path: Path, scanner: str, name: str) -> None:
    damaged, line = DAMAGED[name]
    path = tmp_path / "damaged.xes"
    path.write_bytes(damaged)
    with pytest.raises(MiningError, match="malformed") as refused:
        read_xes(str(path), scanner=scanner)
    where = str(refused.value.where)
    assert where.startswith(f"{path}:")
    # the damaged tag's line, or the next one, where a scanner saw what follows it
    assert int(where.rsplit(":", 1)[1]) in (line, line + 1), where
