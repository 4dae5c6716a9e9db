"""Pairwise judgment of the goals in-process: the screen shows a slider per pair, the check
names the inconsistent judgment with the value that repairs it, saving records the person's
judgments in the draft (weights now from AHP), two people are combined and their disagreement
shown, and refused input changes nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from headway.analysis.weights import goal_weighting
from headway.strategy.load import validate_data
from headway.web import models
from headway.web.weights_model import field_name, pairs
from tests.web.conftest import World


def _client(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.users[name])
    return client


def _consistent(n: int) -> dict[str, str]:
    """Goal 0 matters most, then 1, ... : position -(j - i) for pair (i, j), capped at -8."""
    return {field_name(i, j): str(max(-8, i - j)) for i, j in pairs(n)}


def test_a_screen_per_level_with_a_slider_per_pair(world: World) -> None:
    client = _client(world, "contributor")
    page = client.get(f"/w/{world.workspace.pk}/weights/goals/").content.decode()
    assert page.count('type="range"') == 10  # 5 goals: 10 pairs
    criteria = client.get(f"/w/{world.workspace.pk}/weights/criteria/").content.decode()
    assert criteria.count('type="range"') == 15  # 6 criteria
    assert client.get(f"/w/{world.workspace.pk}/weights/nope/").status_code == 404


def test_someone_who_has_not_judged_starts_from_the_current_weights(world: World) -> None:
    """The bakery's direct criteria weights: alignment 0.35, npv 0.25, risk 0.10: alignment vs
    npv is 1.4 (nearest on the scale: equal), alignment vs risk 3.5 (nearest: 3 or 4 times)."""
    page = (
        _client(world, "owner").get(f"/w/{world.workspace.pk}/weights/criteria/").content.decode()
    )
    assert 'id="id_pair_0_1" name="pair_0_1" min="-8" max="8" step="1" value="0"' in page
    found = re.search(
        r'id="id_pair_0_2" name="pair_0_2" min="-8" max="8" step="1" value="(-?\d)"', page
    )
    assert found is not None and found.group(1) in {"-2", "-3"}
    assert "alignment matters" in page


def test_an_inconsistent_judgment_is_flagged_with_its_repair_and_saving_combines_people(
    world: World,
) -> None:
    url = f"/w/{world.workspace.pk}/weights/goals/"
    owner = _client(world, "owner")
    judged = _consistent(5)
    judged[field_name(0, 4)] = "8"  # the last goal 9 times the first: contradicts the rest
    check = owner.post(url.replace("goals/", "goals/check/"), judged).content.decode()
    assert "Revisit" in check and f'data-pair="{field_name(0, 4)}"' in check
    assert "above 0.10" in check
    fixed = owner.post(url, {**judged, field_name(0, 4): "-8", "action": "check"}).content.decode()
    assert "Revisit" not in fixed and "consistent" in fixed
    saved = owner.post(url, {**_consistent(5), "action": "save", "revision": "0"})
    assert saved.status_code == 302
    draft = models.Draft.objects.get(workspace=world.workspace)
    strategy = validate_data(draft.document)
    derived = goal_weighting(strategy)
    assert derived.method == "ahp" and derived.respondents == 1
    ids = [g.id for g in strategy.goals]
    assert derived.weights[ids[0]] > derived.weights[ids[1]] > derived.weights[ids[4]]
    other = _client(world, "editor")
    reversed_ = {name: str(-int(v)) for name, v in _consistent(5).items()}
    response = other.post(url, {**reversed_, "action": "save", "revision": str(draft.revision)})
    assert response.status_code == 302
    page = other.get(url).content.decode()
    assert "Where people disagree most" in page and "2 people" in page
    both = goal_weighting(
        validate_data(models.Draft.objects.get(workspace=world.workspace).document)
    )
    assert both.respondents == 2
    assert both.weights[ids[0]] == pytest.approx(both.weights[ids[4]], rel=1e-6)  # they cancel


@pytest.mark.parametrize("value", ["9", "-9", "x", "1.5", "", "8" * 30])
def test_a_slider_off_the_scale_is_refused_beside_it_and_nothing_changes(
    world: World, value: str
) -> None:
    url = f"/w/{world.workspace.pk}/weights/goals/"
    client = _client(world, "owner")
    posted = {**_consistent(5), field_name(1, 2): value, "action": "save", "revision": "0"}
    response = client.post(url, posted)
    assert response.status_code == 400
    page = response.content.decode()
    row = page[page.find(f'id="{field_name(1, 2)}-row"') :]
    assert "from -8 to 8" in row[: row.find("</div>\n  </div>") + 2000]
    assert not models.Draft.objects.filter(workspace=world.workspace).exists()
