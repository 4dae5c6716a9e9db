"""What a plan says in words: its verdict, how good it is known to be (its proof) and what it
maximises; every output of a plan (terminal, JSON, report, web page) shows these sentences."""

from __future__ import annotations

import math
from collections.abc import Sequence

from headway.numbers import Numbers
from headway.portfolio.inputs import PlanningInputs
from headway.portfolio.model import Schedule, npv_scale
from headway.portfolio.results import Sensitivity


def value_bound(chosen: Schedule) -> float | None:
    """The most any plan within the limits can be worth (0-1), as the solver proved it; None
    when nothing is proven yet."""
    result = chosen.result
    if result.proven_optimal:
        return result.objective
    proven = result.values is not None and math.isfinite(result.bound)
    return result.bound if proven else None


def proof_in_words(chosen: Schedule, time_limit: float | None, numbers: Numbers) -> str:
    """How good the plan is known to be, for a person: proven optimal, or the best plan found
    in the time limit with the most a better plan could be worth (values as shares of the
    weighted gap, by the number model `numbers`)."""
    result = chosen.result
    limit = f"the {time_limit:.3g} s time limit" if time_limit else "the time allowed"
    if result.proven_optimal:
        return "Proven optimal: no plan within the limits is worth more."
    if result.status == "infeasible":
        return "No plan satisfies every constraint."
    if result.values is None:
        return f"No plan was found within {limit}; allow more time."
    if not math.isfinite(result.bound):
        return (
            f"Best plan found within {limit}, worth {numbers.gap(result.objective)} of the "
            "weighted gap; the time was too short to prove how far below the optimum it can "
            "be. Allow more time to prove it."
        )
    return (
        f"Best plan found within {limit}, worth {numbers.gap(result.objective)} of the weighted "
        f"gap; no plan can be worth more than {numbers.gap(result.bound)}, so it is at most "
        f"{numbers.percent(result.gap, 2)} below the optimum. Allow more time to prove it."
    )


def verdict(
    inputs: PlanningInputs,
    chosen: Schedule,
    unconstrained: float,
    found: Sequence[Sensitivity],
    causes: Sequence[str] = (),
    limits_on_request: bool = False,
    out_of_time: str = "",
) -> str:
    """One paragraph a business owner can read: what the plan achieves and what limits it
    (`limits_on_request`: which limits bind was left to be worked out on request;
    `out_of_time`: the time budget, in words, that the re-solving explanations did not fit in).
    """
    result = chosen.result
    if result.values is None and result.status == "time_limit":
        return "No plan yet: the time ran out before the solver found one."
    if result.values is None:
        forced = ", ".join(inputs.ids[i] for i in sorted(inputs.mandatory)) or "none"
        why = "; ".join(causes) if causes else f"the solver ended with status {result.status}"
        return f"No plan satisfies every constraint (mandatory initiatives: {forced}): {why}."
    objective = objective_text(inputs)
    shown = inputs.numbers
    share = chosen.objective / unconstrained if unconstrained > 0 else 1.0
    proof = (
        "Proven optimal"
        if result.proven_optimal
        else f"Best plan found in the time limit (at most {shown.percent(result.gap, 2)} below "
        "optimal)"
        if math.isfinite(result.gap)
        else "Best plan found in the time limit (how far below optimal is not proven yet)"
    )
    binding = [s.label for s in found if s.binding]
    limited_by = f" Limited by: {', '.join(binding)}." if binding else ""
    if limits_on_request:
        limited_by = (
            " Which limits bind is worked out on request, a re-solve per limit (ask: headway "
            'explain FILE --limits, or "Work out which limits bind" on the web plan page).'
        )
    if out_of_time:
        limited_by = (
            " Which limits bind, and what a plan with each initiative left out would be worth, "
            f"are worked out on request: those re-solves did not fit in {out_of_time} (ask: "
            "headway explain FILE --limits or FILE ID, or on the web plan page)."
        )
    return (
        f"{objective} {proof}: {len(chosen.starts)} of {inputs.size} initiatives, worth "
        f"{shown.gap(chosen.objective)} of the weighted gap ({shown.percent(share)} of the "
        f"{shown.gap(unconstrained)} reachable without budget and capacity limits).{limited_by}"
    )


def objective_text(inputs: PlanningInputs) -> str:
    """What the plan maximises, in one sentence (every plan output shows it)."""
    value = "strategic value (the time-averaged weighted share of the strategic gap closed)"
    weight = inputs.npv_weight
    if weight <= 0:
        return f"The plan maximises {value} only; money does not count."
    scale = npv_scale(inputs)
    shown = inputs.numbers
    return (
        f"The plan maximises {shown.percent(1 - weight)} {value} + {shown.percent(weight)} "
        f"risk-adjusted NPV ({shown.money(scale)}, the sum of the positive NPVs, counts as "
        "the whole strategic gap)."
    )
