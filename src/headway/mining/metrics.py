"""Process metrics over the `events` table, computed in DuckDB SQL.

Order: within a case, events are ordered by timestamp, then by their position in the input
(`row_no`), so a log sorted by time instead of by case gives the same result, and events with
equal timestamps keep their file order. Events without a timestamp come last (as in pandas).
This is the order PM4Py's DataFrame functions use (a stable sort on case and timestamp).

Executions: where an activity has both `start` and `complete` events, the k-th start in a case
pairs with its k-th complete (first in, first out), as in PM4Py's interval conversion; other
transitions of that activity (schedule, assign, ...) are not executions. An activity with
`complete` events but no starts has one execution per complete; an activity without either
has one per event.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import duckdb
import numpy as np

from headway.mining.profile import ActivityStats, Arrival, Edge, Throughput, Totals, Variant

PERIODS = ("day", "week", "month", "quarter", "year")
_ORDER = "ts NULLS LAST, row_no"
_SECONDS = "(epoch_us({b}) - epoch_us({a})) / 1e6"


def prepare(connection: duckdb.DuckDBPyConnection) -> None:
    """Build the helper tables: ordered events (`seq`), cases, executions (`runs`)."""
    _order_events(connection)
    _summarise_cases(connection)
    _classify_lifecycles(connection)
    if _every_event_is_a_run(connection):
        _runs_from_events(connection)
        return
    _runs_from_lifecycle_pairs(connection)


def _order_events(connection: duckdb.DuckDBPyConnection) -> None:
    """`seq`: the events of each case in order, with their neighbours' activity and time."""
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE seq AS
        SELECT case_id, activity, ts, resource, lifecycle, row_no,
               row_number() OVER w AS pos,
               lag(ts) OVER w AS prev_ts,
               lead(activity) OVER w AS next_activity,
               lead(ts) OVER w AS next_ts
        FROM events WINDOW w AS (PARTITION BY case_id ORDER BY {_ORDER})
        """
    )


def _summarise_cases(connection: duckdb.DuckDBPyConnection) -> None:
    """`cases`: length, variant, time span and throughput time of every case."""
    # A variant is identified by its length and the sum of hash(position, activity) over the
    # case: order-aware, yet an ordinary parallel aggregate (no per-case sort). Two different
    # sequences collide with probability ~2^-64 per pair (see docs/mining.md).
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE cases AS
        SELECT case_id, count(*) AS length, sum(hash(pos, activity)) AS variant_hash,
               min(ts) AS first_ts, max(ts) AS last_ts,
               {_SECONDS.format(a="min(ts)", b="max(ts)")} AS duration_s
        FROM seq GROUP BY case_id
        """
    )


def _classify_lifecycles(connection: duckdb.DuckDBPyConnection) -> None:
    """`lifecycles`: which lifecycle transitions each activity has."""
    connection.execute(
        """
        CREATE OR REPLACE TEMP TABLE lifecycles AS
        SELECT activity,
               bool_or(lifecycle = 'start') AS has_start,
               bool_or(lifecycle = 'complete') AS has_complete,
               bool_and(lifecycle IS NOT DISTINCT FROM 'complete') AS all_complete
        FROM events GROUP BY activity
        """
    )


def _every_event_is_a_run(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether no activity needs start/complete pairing: each event is one execution."""
    every_event_runs = connection.execute(
        "SELECT bool_and(NOT has_complete OR all_complete) FROM lifecycles"
    ).fetchone()
    return bool(every_event_runs and every_event_runs[0])


def _runs_from_events(connection: duckdb.DuckDBPyConnection) -> None:
    """`runs` as a view over `seq`: one execution per event, gaps already known."""
    # No lifecycle pairs, and each event is one execution: `seq` already has the gaps.
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW runs AS
        SELECT case_id, activity, resource, pos, ts AS end_ts, ts AS start_ts,
               CAST(NULL AS DOUBLE) AS service_s,
               {_SECONDS.format(a="prev_ts", b="ts")} AS waiting_s,
               {_SECONDS.format(a="ts", b="next_ts")} AS waiting_after_s
        FROM seq
        """
    )


def _runs_from_lifecycle_pairs(connection: duckdb.DuckDBPyConnection) -> None:
    """`runs`: executions paired from start and complete events (first in, first out)."""
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE runs AS
        WITH ends AS (
            SELECT s.case_id, s.activity, s.ts, s.resource, s.pos,
                   row_number() OVER (PARTITION BY s.case_id, s.activity ORDER BY s.pos) AS k
            FROM seq s JOIN lifecycles l USING (activity)
            WHERE (l.has_complete AND s.lifecycle = 'complete') OR NOT l.has_complete
        ), starts AS (
            SELECT s.case_id, s.activity, s.ts,
                   row_number() OVER (PARTITION BY s.case_id, s.activity ORDER BY s.pos) AS k
            FROM seq s JOIN lifecycles l USING (activity)
            WHERE l.has_start AND l.has_complete AND s.lifecycle = 'start'
        ), paired AS (
            SELECT e.case_id, e.activity, e.resource, e.pos, e.ts AS end_ts,
                   CASE WHEN st.ts <= e.ts THEN st.ts ELSE e.ts END AS start_ts,
                   CASE WHEN st.ts <= e.ts THEN {_SECONDS.format(a="st.ts", b="e.ts")} END
                       AS service_s
            FROM ends e LEFT JOIN starts st USING (case_id, activity, k)
        )
        SELECT * EXCLUDE (gap_before, gap_after),
               CASE WHEN gap_before < 0 THEN 0 ELSE gap_before END AS waiting_s,
               CASE WHEN gap_after < 0 THEN 0 ELSE gap_after END AS waiting_after_s
        FROM (
            SELECT *,
                   {_SECONDS.format(a="lag(end_ts) OVER w", b="start_ts")} AS gap_before,
                   {_SECONDS.format(a="end_ts", b="lead(start_ts) OVER w")} AS gap_after
            FROM paired WINDOW w AS (PARTITION BY case_id ORDER BY start_ts NULLS LAST, pos)
        )
        """
    )


def totals(connection: duckdb.DuckDBPyConnection) -> Totals:
    """Counts and time span of the log."""
    row = _one(
        connection,
        """
        SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM cases),
               (SELECT count(DISTINCT activity) FROM events),
               (SELECT count(*) FROM (SELECT DISTINCT length, variant_hash FROM cases)),
               (SELECT min(ts) FROM events), (SELECT max(ts) FROM events)
        """,
    )
    first, last = row[4], row[5]
    span = (last - first).total_seconds() / 86400 if first and last else 0.0
    return Totals(int(row[0]), int(row[1]), int(row[2]), int(row[3]), first, last, span)


def edges(connection: duckdb.DuckDBPyConnection) -> list[Edge]:
    """The directly-follows graph, most frequent edge first."""
    rows = connection.execute(
        f"""
        SELECT activity, next_activity, count(*) AS n,
               avg({_SECONDS.format(a="ts", b="next_ts")}),
               quantile_cont({_SECONDS.format(a="ts", b="next_ts")}, 0.5)
        FROM seq WHERE next_activity IS NOT NULL
        GROUP BY activity, next_activity ORDER BY n DESC, activity, next_activity
        """
    ).fetchall()
    return [Edge(r[0], r[1], int(r[2]), _num(r[3]), _num(r[4])) for r in rows]


def variants(
    connection: duckdb.DuckDBPyConnection, case_count: int, limit: int | None = None
) -> list[Variant]:
    """The variants with their number of cases, most frequent first (the first `limit`)."""
    top = f"LIMIT {int(limit)}" if limit is not None else ""
    # Activities travel as codes into a list of names: NumPy integers come out of DuckDB
    # several times faster than one new Python string per event. (`lifecycles` has one row
    # per activity.)
    names = [
        r[0] for r in connection.execute("SELECT activity FROM lifecycles ORDER BY 1").fetchall()
    ]
    rows = connection.execute(
        f"""
        WITH groups AS (
            SELECT count(*) AS n, avg(duration_s) AS mean_s, min(case_id) AS example
            FROM cases GROUP BY length, variant_hash ORDER BY n DESC, example {top}
        ), ranked AS (
            SELECT *, row_number() OVER (ORDER BY n DESC, example) AS variant_no FROM groups
        ), codes AS (
            SELECT activity, row_number() OVER (ORDER BY activity) - 1 AS code FROM lifecycles
        )
        SELECT r.variant_no, r.n, r.mean_s, c.code
        FROM ranked r JOIN seq s ON s.case_id = r.example JOIN codes c USING (activity)
        ORDER BY r.variant_no, s.pos
        """
    ).fetchnumpy()
    variant_no = np.asarray(rows["variant_no"])
    if len(variant_no) == 0:
        return []
    starts = np.flatnonzero(np.diff(variant_no, prepend=variant_no[0] - 1))
    ends = np.append(starts[1:], len(variant_no))
    sequence = np.array(names, dtype=object)[np.asarray(rows["code"], dtype=np.int64)]
    counts = np.asarray(rows["n"])[starts].tolist()
    means = np.asarray(rows["mean_s"], dtype=np.float64)[starts].tolist()
    found = [
        Variant(tuple(sequence[a:b].tolist()), int(n), int(n) / max(case_count, 1), _num(mean))
        for a, b, n, mean in zip(starts.tolist(), ends.tolist(), counts, means, strict=True)
    ]
    found.sort(key=lambda v: (-v.cases, v.activities))
    return found


def case_durations(connection: duckdb.DuckDBPyConnection) -> tuple[float, ...]:
    """Throughput time of every case in seconds, ascending."""
    rows = connection.execute(
        "SELECT duration_s FROM cases WHERE duration_s IS NOT NULL ORDER BY duration_s"
    ).fetchnumpy()
    return tuple(float(x) for x in rows["duration_s"])


def throughput(connection: duckdb.DuckDBPyConnection) -> Throughput | None:
    """Summary of case throughput times (None when no case has timestamps)."""
    row = _one(
        connection,
        """
        SELECT avg(duration_s), quantile_cont(duration_s, 0.5), quantile_cont(duration_s, 0.9),
               min(duration_s), max(duration_s) FROM cases
        """,
    )
    if row[0] is None:
        return None
    return Throughput(*(float(x) for x in row))


def arrivals(connection: duckdb.DuckDBPyConnection, period: str) -> list[Arrival]:
    """New cases per period (by the time of their first event, in the log's time zone)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    rows = connection.execute(
        f"""
        SELECT CAST(date_trunc('{period}', first_ts) AS DATE) AS p, count(*) FROM cases
        WHERE first_ts IS NOT NULL GROUP BY p ORDER BY p
        """
    ).fetchall()
    return [Arrival(_day(r[0]), int(r[1])) for r in rows]


def endpoints(connection: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], dict[str, int]]:
    """How many cases start and end with each activity."""
    starts = connection.execute(
        "SELECT activity, count(*) FROM seq WHERE pos = 1 GROUP BY activity ORDER BY activity"
    ).fetchall()
    ends = connection.execute(
        "SELECT activity, count(*) FROM seq WHERE next_activity IS NULL "
        "GROUP BY activity ORDER BY activity"
    ).fetchall()
    return {a: int(n) for a, n in starts}, {a: int(n) for a, n in ends}


# Per-activity counts, rework, times, resources and flow (one row per activity).
_ACTIVITY_STATS_SQL = """
WITH ev AS (
    SELECT activity, count(*) AS events, count(DISTINCT case_id) AS cases,
           sum(cost) AS cost_total
    FROM events GROUP BY activity
), per_case AS (
    SELECT activity, case_id, count(*) AS n FROM runs GROUP BY activity, case_id
), rework AS (
    SELECT activity, sum(n) AS executions, sum(n - 1) AS repeats,
           count(*) FILTER (WHERE n > 1) AS rework_cases, count(*) AS run_cases
    FROM per_case GROUP BY activity
), times AS (
    SELECT activity,
           quantile_cont(service_s, 0.5) AS s_med, quantile_cont(service_s, 0.9) AS s_p90,
           avg(service_s) AS s_mean, stddev_pop(service_s) AS s_sd,
           quantile_cont(waiting_s, 0.5) AS w_med, quantile_cont(waiting_s, 0.9) AS w_p90,
           coalesce(sum(waiting_after_s), 0) / 3600 AS w_after_h
    FROM runs GROUP BY activity
), res AS (
    SELECT activity, count(DISTINCT resource) AS resources,
           arg_max(resource, n) AS top_resource, max(n) / sum(n) AS top_share
    FROM (SELECT activity, resource, count(*) AS n FROM runs
          WHERE resource IS NOT NULL GROUP BY activity, resource)
    GROUP BY activity
), flow AS (
    SELECT activity, count(DISTINCT next_activity) AS successors FROM seq
    WHERE next_activity IS NOT NULL AND next_activity <> activity GROUP BY activity
), back AS (
    SELECT next_activity AS activity, count(DISTINCT activity) AS predecessors FROM seq
    WHERE next_activity IS NOT NULL AND next_activity <> activity GROUP BY next_activity
)
SELECT ev.activity, ev.events, ev.cases, coalesce(r.executions, 0),
       coalesce(r.repeats, 0), coalesce(r.rework_cases, 0),
       coalesce(r.rework_cases / nullif(r.run_cases, 0), 0),
       t.s_med, t.s_p90, t.s_mean, t.s_sd / nullif(t.s_mean, 0),
       t.w_med, t.w_p90, coalesce(t.w_after_h, 0),
       coalesce(res.resources, 0), res.top_resource, res.top_share,
       coalesce(back.predecessors, 0), coalesce(flow.successors, 0), ev.cost_total
FROM ev LEFT JOIN rework r USING (activity) LEFT JOIN times t USING (activity)
LEFT JOIN res USING (activity) LEFT JOIN flow USING (activity)
LEFT JOIN back USING (activity)
ORDER BY ev.events DESC, ev.activity
"""


def activities(connection: duckdb.DuckDBPyConnection) -> list[ActivityStats]:
    """Per-activity statistics, most frequent activity first."""
    rows = connection.execute(_ACTIVITY_STATS_SQL).fetchall()
    return [_activity_stats(r) for r in rows]


def _activity_stats(r: tuple[Any, ...]) -> ActivityStats:
    """One row of `_ACTIVITY_STATS_SQL` as `ActivityStats`."""
    return ActivityStats(
        activity=r[0],
        events=int(r[1]),
        cases=int(r[2]),
        executions=int(r[3]),
        repeats=int(r[4]),
        rework_cases=int(r[5]),
        rework_rate=float(r[6]),
        service_median_s=_opt(r[7]),
        service_p90_s=_opt(r[8]),
        service_mean_s=_opt(r[9]),
        service_cv=_opt(r[10]),
        waiting_median_s=_opt(r[11]),
        waiting_p90_s=_opt(r[12]),
        waiting_after_hours=float(r[13]),
        resources=int(r[14]),
        top_resource=r[15],
        top_resource_share=_opt(r[16]),
        predecessors=int(r[17]),
        successors=int(r[18]),
        cost_total=_opt(r[19]),
    )


def _one(connection: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...]:
    row = connection.execute(sql).fetchone()
    if row is None:  # pragma: no cover - aggregate queries always return a row
        raise RuntimeError("query returned no row")
    return tuple(row)


def _num(value: Any) -> float:
    return float(value) if value is not None else 0.0


def _opt(value: Any) -> float | None:
    return float(value) if value is not None else None


def _day(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value
