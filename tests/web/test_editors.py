"""The editors in-process: each section's items open in a form built from the engine's model,
three-point estimates as "best case / most likely / worst case", saves go into the draft, the
engine's own problems come back beside their field with nothing stored, the catalogue adds an
initiative in one step."""

from __future__ import annotations

import html
import re
from typing import Any

from django.test import Client

from headway.web import models
from headway.web.draft_edits import working_document
from tests.web.conftest import World


def _editor(world: World) -> Client:
    client = Client()
    client.force_login(world.users["editor"])
    return client


def _form_data(page: str) -> dict[str, Any]:
    """The values a browser would send for the form (text inputs, selects, checked boxes)."""
    data: dict[str, Any] = {}
    for name, value in re.findall(
        r'<input type="(?:text|number|hidden)" name="([^"]+)" value="([^"]*)"', page
    ):
        data[name] = value.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"')
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', page):
        data[name] = "on"
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        data[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = body.strip()
    return data


def _url(world: World, *parts: str) -> str:
    return f"/w/{world.workspace.pk}/edit/" + "".join(f"{p}/" for p in parts)


def test_every_section_opens_and_three_points_have_plain_labels(world: World) -> None:
    client = _editor(world)
    index = client.get(_url(world)).content.decode()
    for section in ["goals", "kpis", "roles", "processes", "initiatives"]:
        item = re.search(rf'href="{_url(world, section)}([^/"]+)/"', index)
        assert item is not None and item.group(1) != "new", section
        assert client.get(_url(world, section, item.group(1))).status_code == 200
        assert client.get(_url(world, section, "new")).status_code == 200
    page = client.get(_url(world, "initiatives", "online-shop")).content.decode()
    assert "Upfront cost: best case" in page and "Upfront cost: worst case" in page
    best = page.index('name="upfront_cost.low"')
    assert page.rfind("Upfront cost: best case", 0, best) > page.rfind(
        "Upfront cost: most likely", 0, best
    )
    # For a saving the best case is the highest value.
    assert re.search(r'for="id_process_effects\.0\.time_saved\.high">Time saved: best case', page)
    assert client.get(_url(world, "constraints", "all")).status_code == 200
    assert client.get(_url(world, "nope", "x")).status_code == 404
    assert client.get(_url(world, "kpis", "no-such-kpi")).status_code == 404


def test_a_kpi_money_value_and_its_source_are_saved_in_the_draft(world: World) -> None:
    client = _editor(world)
    url = _url(world, "kpis", "online-order-share")
    data = _form_data(client.get(url).content.decode())
    data.update({"revenue_per_unit_per_year": "4200", "value_source": "estimated"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    document, revision = working_document(world.workspace)
    kpi = next(k for k in document["kpis"] if k["id"] == "online-order-share")
    assert (kpi["revenue_per_unit_per_year"], kpi["value_source"]) == (4200, "estimated")
    assert revision == 2


def test_the_engine_refusal_shows_beside_its_field_and_nothing_is_stored(world: World) -> None:
    client = _editor(world)
    url = _url(world, "initiatives", "online-shop")
    data = _form_data(client.get(url).content.decode())
    data.update({"upfront_cost.low": "9000", "upfront_cost.likely": "3000"})
    response = client.post(url, data)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    error = page.index('id="id_upfront_cost.low_error"')
    assert "expected low <= likely <= high" in page[error : error + 300]
    assert not models.Draft.objects.filter(workspace=world.workspace).exists()
    goal = _url(world, "goals", "grow-online")
    data = _form_data(client.get(goal).content.decode())
    data["kpis.0.kpi"] = "no-such-kpi"
    page = client.post(goal, data).content.decode()
    error = page.index('id="id_kpis.0.kpi_error"')
    assert "no-such-kpi" in page[error : error + 300]
    assert not models.Draft.objects.filter(workspace=world.workspace).exists()


def test_rows_are_added_and_removed(world: World) -> None:
    client = _editor(world)
    url = _url(world, "goals", "grow-online")
    data = _form_data(client.get(url).content.decode())
    rows = len([k for k in data if k.endswith(".kpi")])
    data[f"kpis.{rows - 1}.kpi"] = "waste-share"
    data[f"kpis.{rows - 1}.weight"] = "0.5"
    data["kpis.0.remove"] = "on"
    assert client.post(url, data).status_code == 302
    document, _ = working_document(world.workspace)
    goal = next(g for g in document["goals"] if g["id"] == "grow-online")
    assert [k["kpi"] for k in goal["kpis"]][-1] == "waste-share"
    assert len(goal["kpis"]) == rows - 1


def test_the_catalogue_adds_an_initiative_in_one_step(world: World) -> None:
    client = _editor(world)
    url = f"/w/{world.workspace.pk}/catalogue/"
    assert "Add to the initiatives" in client.get(url).content.decode()
    response = client.post(url, {"entry": "online-ordering", "revision": "0"})
    assert response.status_code == 302 and response["Location"].endswith("/online-ordering/")
    document, revision = working_document(world.workspace)
    added = next(i for i in document["initiatives"] if i["id"] == "online-ordering")
    assert added["upfront_cost"] == {"low": 1000, "likely": 3000, "high": 8000}
    assert "(catalogue: online-ordering)" in added["description"]
    refused = client.post(url, {"entry": "nothing-like-it", "revision": revision})
    assert refused.status_code == 400 and b"no catalogue entry" in refused.content


def test_removing_an_item_others_refer_to_is_refused(world: World) -> None:
    client = _editor(world)
    response = client.post(
        _url(world, "kpis", "online-order-share", "remove"), {"revision": "0"}, follow=True
    )
    assert b"online-order-share" in response.content
    assert not models.Draft.objects.filter(workspace=world.workspace).exists()


def test_a_pilot_is_saved_refused_beside_its_field_and_removed(world: World) -> None:
    client = _editor(world)
    url = _url(world, "initiatives", "online-shop")
    page = client.get(url).content.decode()
    assert "Pilot (optional: run first, then a go/no-go gate" in page
    data = _form_data(page)
    data.update(
        {
            "pilot.cost": "250",
            "pilot.duration_months": "3",
            "pilot.scope": "0.3",
            "pilot.criteria.0.kpi": "online-order-share",
            "pilot.criteria.0.min_improvement": "2",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(r"_error\">([^<]*)", response.content.decode())
    document, _ = working_document(world.workspace)
    item = next(i for i in document["initiatives"] if i["id"] == "online-shop")
    pilot = {k: v for k, v in item["pilot"].items() if v is not None}
    assert pilot == {
        "cost": 250,
        "duration_months": 3,
        "scope": 0.3,
        "criteria": [{"kpi": "online-order-share", "min_improvement": 2}],
    }
    page = client.get(url).content.decode()
    data = _form_data(page)
    assert data["pilot.cost"] == "250" and data["pilot.criteria.0.kpi"] == "online-order-share"
    data["pilot.scope"] = "1.5"
    response = client.post(url, data)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    error = page.index('id="id_pilot.scope_error"')
    assert "allowed: > 0; <= 1" in page[error : error + 300]
    data = _form_data(client.get(url).content.decode())
    for key in [k for k in data if k.startswith("pilot.")]:
        data[key] = ""
    assert client.post(url, data).status_code == 302
    document, _ = working_document(world.workspace)
    item = next(i for i in document["initiatives"] if i["id"] == "online-shop")
    assert item.get("pilot") is None
