"""Engine results as strict JSON (what a background job stores)."""

from __future__ import annotations

import json
from typing import Any


def json_ready(data: dict[str, Any]) -> dict[str, Any]:
    """`data` as strict JSON: dates as ISO text, and a number that is not finite (a payback
    that never comes) as null, since JSON has no infinity and PostgreSQL's jsonb refuses it."""
    text = json.dumps(data, default=str)
    strict: dict[str, Any] = json.loads(text, parse_constant=lambda _: None)
    return strict
