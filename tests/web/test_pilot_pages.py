"""The web pages with a pilot: the plan page's roadmap marks the pilot and its go/no-go gate,
and the gates table lists the criteria (the initiative editor's pilot is in test_editors.py)."""

from __future__ import annotations

import re

from django.test import Client

from headway.web import members
from tests.web.conftest import PASSWORD, World
from tests.web.test_jobs import _work


def test_the_plan_page_shows_pilots_and_their_gates(world: World) -> None:
    """The web shop template pilots its recommendations plug-in."""
    shop = members.new_workspace("Shop", world.users["owner"], "ecommerce")
    client = Client()
    client.login(username="owner", password=PASSWORD)
    client.get(f"/w/{shop.pk}/plan/")
    _work()
    page = client.get(f"/w/{shop.pk}/plan/").content.decode()
    roadmap = page[page.index('<section id="roadmap"') :]
    chart = re.search(r"<svg.*?</svg>", roadmap, re.S)
    assert chart is not None
    assert "pilot from 2027-Q1, go/no-go gate and roll-out from 2027-Q2" in chart.group(0)
    assert ">pilot</text>" in chart.group(0)
    assert "Decision gates: each pilot runs to its gate" in roadmap
    assert "Average order value: at least 0,25 EUR higher" in roadmap
