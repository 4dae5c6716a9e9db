"""CSV and Parquet readers: column mapping, timestamp formats and zones, and clear errors."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from headway.mining import ColumnMapping, MiningError, frame, mine, read_csv, read_log, read_parquet

CSV = """order,step,when,who
o1,Receive,2024-03-01 09:00:00,ann
o1,Pack,2024-03-01 10:00:00,bob
o2,Receive,2024-03-01T09:30:00+02:00,ann
"""


def write(tmp_path: Path, text: str, name: str = "log.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def events(log_path: str, mapping: ColumnMapping | None = None) -> list[tuple[object, ...]]:
    log = read_log(log_path, mapping)
    try:
        return log.connection.execute(
            "SELECT row_no, case_id, activity, ts, resource FROM events ORDER BY row_no"
        ).fetchall()
    finally:
        log.close()


MAPPING = ColumnMapping(case="order", activity="step", timestamp="when", resource="who")


def test_mapped_columns_are_read_in_file_order(tmp_path: Path) -> None:
    assert events(write(tmp_path, CSV), MAPPING) == [
        (0, "o1", "Receive", datetime(2024, 3, 1, 9, 0, tzinfo=UTC), "ann"),
        (1, "o1", "Pack", datetime(2024, 3, 1, 10, 0, tzinfo=UTC), "bob"),
        (2, "o2", "Receive", datetime(2024, 3, 1, 7, 30, tzinfo=UTC), "ann"),
    ]


def test_common_column_names_are_guessed(tmp_path: Path) -> None:
    text = "case_id,activity,timestamp,resource\n1,A,2024-01-01 08:00,x\n"
    assert events(write(tmp_path, text)) == [
        (0, "1", "A", datetime(2024, 1, 1, 8, 0, tzinfo=UTC), "x")
    ]


def test_naive_times_are_local_to_the_given_zone(tmp_path: Path) -> None:
    mapping = ColumnMapping(
        case="order", activity="step", timestamp="when", timezone="Europe/Amsterdam"
    )
    found = events(write(tmp_path, CSV), mapping)
    assert found[0][3] == datetime(2024, 3, 1, 8, 0, tzinfo=UTC)  # CET is UTC+1 in March
    assert found[2][3] == datetime(2024, 3, 1, 7, 30, tzinfo=UTC)  # explicit offset wins


def test_strptime_formats_are_tried_in_order(tmp_path: Path) -> None:
    text = "c,a,t\n1,A,01/03/2024 09:15\n1,B,2024.03.02\n"
    mapping = ColumnMapping(
        case="c", activity="a", timestamp="t", timestamp_formats=("%d/%m/%Y %H:%M", "%Y.%m.%d")
    )
    assert [row[3] for row in events(write(tmp_path, text), mapping)] == [
        datetime(2024, 3, 1, 9, 15, tzinfo=UTC),
        datetime(2024, 3, 2, 0, 0, tzinfo=UTC),
    ]


def test_unix_seconds_and_milliseconds(tmp_path: Path) -> None:
    text = "c,a,t\n1,A,1700000000\n"
    seconds = ColumnMapping(case="c", activity="a", timestamp="t", timestamp_formats=("unix",))
    millis = ColumnMapping(case="c", activity="a", timestamp="t", timestamp_formats=("unix_ms",))
    assert events(write(tmp_path, text), seconds)[0][3] == datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=UTC
    )
    assert events(write(tmp_path, text), millis)[0][3] == datetime(
        1970, 1, 20, 16, 13, 20, tzinfo=UTC
    )


def test_a_missing_mapped_column_is_named_with_a_suggestion(tmp_path: Path) -> None:
    mapping = ColumnMapping(case="order", activity="stepp", timestamp="when")
    with pytest.raises(MiningError, match=r"activity column 'stepp' is not in the file.*'step'\?"):
        read_csv(write(tmp_path, CSV), mapping)


def test_without_a_mapping_a_missing_role_says_which_option_to_use(tmp_path: Path) -> None:
    with pytest.raises(MiningError, match=r"no case column found.*--case"):
        read_csv(write(tmp_path, "x,y\n1,2\n"))


def test_an_unparsable_timestamp_names_its_row(tmp_path: Path) -> None:
    text = CSV + "o3,Pack,not a time,bob\n"
    with pytest.raises(MiningError, match=r"cannot parse the timestamp 'not a time'") as caught:
        read_csv(write(tmp_path, text), MAPPING)
    assert caught.value.where is not None and caught.value.where.endswith("row 4")


def test_an_empty_case_names_its_row(tmp_path: Path) -> None:
    text = CSV + ",Pack,2024-03-01 11:00:00,bob\n"
    with pytest.raises(MiningError, match=r"the case .* is empty") as caught:
        read_csv(write(tmp_path, text), MAPPING)
    assert str(caught.value.where).endswith("row 4")


def test_a_header_only_file_is_an_empty_log(tmp_path: Path) -> None:
    with pytest.raises(MiningError, match="no events"):
        read_csv(write(tmp_path, "order,step,when,who\n"), MAPPING)


def test_an_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MiningError):
        read_csv(write(tmp_path, ""), MAPPING)


def test_an_unknown_time_zone_is_a_clear_error(tmp_path: Path) -> None:
    mapping = ColumnMapping(
        case="order", activity="step", timestamp="when", timezone="Mars/Olympus"
    )
    with pytest.raises(MiningError, match="unknown time zone 'Mars/Olympus'"):
        read_csv(write(tmp_path, CSV), mapping)


def test_parquet_keeps_stored_types(tmp_path: Path) -> None:
    table = pa.table(
        {
            "case": pa.array([7, 7, 8]),
            "act": ["A", "B", "A"],
            "at": pa.array(
                [datetime(2024, 1, 1, 8), datetime(2024, 1, 1, 9), datetime(2024, 1, 2, 8)],
                pa.timestamp("us"),
            ),
        }
    )
    path = tmp_path / "log.parquet"
    pq.write_table(table, path)
    log = read_parquet(str(path), ColumnMapping(case="case", activity="act", timestamp="at"))
    try:
        found = log.connection.execute(
            "SELECT case_id, activity, ts FROM events ORDER BY row_no"
        ).fetchall()
    finally:
        log.close()
    assert found == [
        ("7", "A", datetime(2024, 1, 1, 8, tzinfo=UTC)),
        ("7", "B", datetime(2024, 1, 1, 9, tzinfo=UTC)),
        ("8", "A", datetime(2024, 1, 2, 8, tzinfo=UTC)),
    ]


def test_a_file_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(MiningError, match="no such file"):
        read_log(str(tmp_path / "missing.csv"))


def test_the_cost_column_is_summed_per_activity(tmp_path: Path) -> None:
    from headway.mining import mine

    text = "c,a,t,eur\n1,A,2024-01-01 08:00,2.5\n1,B,2024-01-01 09:00,\n2,A,2024-01-02 08:00,4\n"
    mapping = ColumnMapping(case="c", activity="a", timestamp="t", cost="eur")
    profile = mine(write(tmp_path, text), mapping=mapping)
    assert profile.activity("A").cost_total == 6.5
    assert profile.activity("B").cost_total is None


def test_required_columns_left_at_their_defaults_are_guessed(tmp_path: Path) -> None:
    text = "case_id,activity,timestamp\n1,A,01/02/2024\n"
    mapping = ColumnMapping(timestamp_formats=("%d/%m/%Y",))
    assert events(write(tmp_path, text), mapping) == [
        (0, "1", "A", datetime(2024, 2, 1, tzinfo=UTC), None)
    ]


def test_the_profile_does_not_depend_on_the_read_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 50 rows (each with dictionaries of its own, cases spread over many) give
    the profile that one batch gives, byte for byte."""
    rng = random.Random(5)
    lines = ["case,activity,time,resource,lifecycle,cost"]
    for i in range(3_000):  # written in time order, cases interleaved; many equal times
        step = rng.choice(["Receive", "Check", "Pack", "Ship"])
        when = f"2024-03-{1 + i // 400:02d} {8 + i % 400 // 60:02d}:{rng.randrange(4) * 15:02d}"
        who = rng.choice(["ann", "bob", ""])
        life = rng.choice(["start", "complete", "complete"])
        lines.append(f"o{rng.randrange(120)},{step},{when},{who},{life},{rng.randrange(9)}")
    path = write(tmp_path, "\n".join(lines) + "\n")
    mapping = ColumnMapping(
        case="case",
        activity="activity",
        timestamp="time",
        resource="resource",
        lifecycle="lifecycle",
        cost="cost",
    )
    whole = mine(path, mapping=mapping, max_variants=None).to_dict(variants=10_000)
    monkeypatch.setattr(frame, "BATCH_ROWS", 50)
    log = read_csv(path, mapping)
    assert log.columns is not None and log.columns["case_id"].num_chunks >= 50
    log.close()
    batched = mine(path, mapping=mapping, max_variants=None).to_dict(variants=10_000)
    assert json.dumps(batched) == json.dumps(whole)
