"""An initiative's pilot in the item editor: its fields and success criteria as one optional
group (docs/web.md). Every field left empty means no pilot; a criterion row left empty is
dropped, and one empty row is always there to add another. The engine validates the result."""

from __future__ import annotations

import copy
from typing import Any

from headway.strategy.pilot import Pilot, PilotCriterion
from headway.web.editor_form import Spec, field_value

GROUP = "pilot"
_FIELDS = (
    ("cost", "number"),
    ("effort_days", "number"),
    ("duration_months", "integer"),
    ("scope", "number"),
)
_CRITERION = (("kpi", "text"), ("min_improvement", "number"))


def pilot_specs(item: dict[str, Any]) -> list[Spec]:
    """The pilot's form fields for `item` (an initiative's plain data), group "pilot"."""
    specs = [
        Spec(
            f"pilot.{name}",
            ("pilot", name),
            f"Pilot: {name.replace('_', ' ')}",
            kind,
            False,
            help=Pilot.model_fields[name].description or "",
            group=GROUP,
        )
        for name, kind in _FIELDS
    ]
    criteria = (item.get("pilot") or {}).get("criteria") or []
    for n in range(len(criteria) + 1):
        for name, kind in _CRITERION:
            specs.append(
                Spec(
                    f"pilot.criteria.{n}.{name}",
                    ("pilot", "criteria", n, name),
                    f"Success criterion {n + 1}: {name.replace('_', ' ')}",
                    kind,
                    False,
                    help=PilotCriterion.model_fields[name].description or "",
                    group=GROUP,
                )
            )
    return specs


def with_pilot(item: dict[str, Any], specs: list[Spec], data: dict[str, Any]) -> dict[str, Any]:
    """`item` with the pilot from the form's cleaned `data`: none when every field is empty."""
    own: dict[str, Any] = {}
    rows: dict[int, dict[str, Any]] = {}
    for spec in specs:
        value = field_value(spec, data.get(spec.name))
        if value is None:
            continue
        if len(spec.path) == 2:
            own[str(spec.path[1])] = value
        else:
            rows.setdefault(int(spec.path[2]), {})[str(spec.path[3])] = value
    new = copy.deepcopy(item)
    if not own and not rows:
        new.pop("pilot", None)
    else:
        new["pilot"] = {**own, "criteria": [rows[n] for n in sorted(rows)]}
    return new
