"""A short plain-language verdict per initiative, from its alignment and money figures.

Thresholds (stated in docs/method.md): alignment >= 0.10 is "strong" (it closes a tenth of the
whole weighted gap), >= 0.03 "some", below that "little"; money is "pays back" when
P(NPV > 0) >= 0.8, "may pay back" from 0.5, "does not pay back" below. When money does not
clearly pay back and part of the value lies on KPIs with no money value per unit, the verdict
says the money is "not priced" instead of "does not pay back": the NPV counts the costs but not
those effects. Harms ("worsens X by ...") are said after the verdict.
"""

from __future__ import annotations

from collections.abc import Sequence

from headway.numbers import Numbers

STRONG_ALIGNMENT = 0.10
SOME_ALIGNMENT = 0.03
LIKELY_POSITIVE = 0.8


def _fit(alignment: float) -> str:
    if alignment >= STRONG_ALIGNMENT:
        return "strong"
    return "some" if alignment >= SOME_ALIGNMENT else "little"


def verdict(
    alignment: float,
    npv_likely: float,
    probability_npv_positive: float,
    numbers: Numbers,
    required_by: Sequence[str] = (),
    *,
    harms: Sequence[str] = (),
    unpriced: Sequence[str] = (),
    readiness_gains: Sequence[str] = (),
) -> str:
    """One or two sentences a business owner can act on (alignment -1 to 1, the likely NPV in
    the currency), its figures by the number model of `numbers` (locale and currency).

    `harms` are phrases from `alignment.harm_phrases`; `unpriced` the KPIs the initiative
    improves that carry no money value per unit (their effect is missing from the NPV);
    `readiness_gains` the dimensions a change-management item raises ("change-history by 0.20").
    """
    if readiness_gains:
        return (
            f"Change management: raises readiness ({', '.join(readiness_gains)}) once live; its "
            "value is what that lets other initiatives deliver, so the plan decides whether it "
            f"pays (its own money: likely NPV {numbers.money(npv_likely)})."
        )
    fit = _fit(alignment)
    pays = probability_npv_positive >= LIKELY_POSITIVE
    maybe = probability_npv_positive >= 0.5
    gap = f"closes {numbers.gap(alignment)} of the weighted strategic gap"
    cash = (
        f"likely NPV {numbers.money(npv_likely)}, "
        f"{numbers.percent(probability_npv_positive)} chance NPV > 0"
    )
    if unpriced and not pays:
        text = _not_priced(fit, gap, cash, unpriced)
    elif fit == "strong" and pays:
        text = f"Do it: {gap} and pays for itself ({cash})."
    elif fit == "strong":
        text = f"Strategic but costly: {gap}; {cash} - worth it for the strategy, not the money."
    elif fit == "some" and maybe:
        text = f"Worth considering: {gap} ({cash})."
    elif fit == "some":
        text = f"Doubtful: {gap} but money is unlikely to return ({cash})."
    elif pays:
        text = f"Saves money but barely moves the strategy: {gap} ({cash})."
    elif maybe:
        text = (
            f"Low priority: barely moves the strategy and the money is uncertain ({gap}; {cash})."
        )
    else:
        text = f"Drop unless needed: {gap} and does not pay back ({cash})."
    if harms:
        text += " It " + "; ".join(harms) + "."
    if required_by:
        text += " Required by " + ", ".join(required_by) + "."
    return text


def _not_priced(fit: str, gap: str, cash: str, unpriced: Sequence[str]) -> str:
    missing = (
        f"its NPV counts the costs but not the effect on {', '.join(unpriced)} ({cash}); "
        "give those KPIs a money value per unit to judge the money"
    )
    if fit == "strong":
        return f"Strategic, money not priced: {gap}; {missing}."
    if fit == "some":
        return f"Worth considering, money not priced: {gap}; {missing}."
    return f"Low priority, money not priced: barely moves the strategy ({gap}); {missing}."
