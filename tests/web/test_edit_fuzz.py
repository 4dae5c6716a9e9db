"""Hostile input into every form of the guided start, the editors, the catalogue and the pairwise
judgments (hypothesis): never a server error, a refusal is a 400 (or 409 for a stale revision)
with the problem on the page, and nothing stored changes when a save is refused."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway.web import models
from headway.web.store import DatabaseStore
from headway.web.weights_model import field_name, pairs
from tests.web.conftest import World

FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "-1", "1e400", "nan", "inf", "-0", "9" * 40, "0x10", "1,5", "<script>", "'; --", "🍞"]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def _stored(world: World) -> tuple[Any, ...]:
    draft = models.Draft.objects.filter(workspace=world.workspace).first()
    versions = [v.number for v in DatabaseStore(world.workspace).versions()]
    return (
        (draft.revision, draft.document) if draft else None,
        versions,
        models.Workspace.objects.count(),
    )


def _post(client: Client, url: str, data: dict[str, Any], world: World) -> None:
    before = _stored(world)
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400, 409), response.status_code
    if response.status_code >= 400:
        assert _stored(world) == before, f"a refused save changed what is stored: {url}"
        page = response.content.decode()
        assert 'class="error"' in page or 'class="problems"' in page or 'role="alert"' in page


def _login(world: World, name: str = "owner") -> Client:
    client = Client()
    client.force_login(world.users[name])
    return client


def _fields(page: str) -> list[str]:
    names = re.findall(r'<(?:input|select|textarea)[^>]* name="([^"]+)"', page)
    return [n for n in names if n != "csrfmiddlewaretoken"]


@FUZZ
@given(data=st.data())
def test_fuzz_the_guided_start(world: World, data: st.DataObject) -> None:
    client = _login(world)
    names = _fields(client.get("/start/?template=bakery").content.decode())
    valid = {"template": "bakery", "business_name": "X", "employees": "3", "currency": "EUR",
             "locale": "en_GB", "yearly_budget": "5000", "change_hours_per_month": "10",
             "top_goals": ["grow-online", "cut-waste", "protect-margin"]}  # fmt: skip
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    posted: dict[str, Any] = dict(valid)
    for name in chosen:
        posted[name] = data.draw(HOSTILE)
    _post(client, "/start/", posted, world)


@FUZZ
@given(data=st.data())
def test_fuzz_the_editors(world: World, data: st.DataObject) -> None:
    client = _login(world, "editor")
    target = data.draw(
        st.sampled_from(
            ["initiatives/online-shop", "kpis/online-order-share", "goals/grow-online",
             "roles/counter", "processes/phone-orders", "constraints/all", "initiatives/new"]
        )
    )  # fmt: skip
    url = f"/w/{world.workspace.pk}/edit/{target}/"
    page = client.get(url)
    if page.status_code == 404:  # an id the template does not have
        return
    names = _fields(page.content.decode())
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=5, unique=True))
    posted = {name: data.draw(HOSTILE) for name in chosen}
    _post(client, url, posted, world)


@FUZZ
@given(entry=HOSTILE, revision=HOSTILE, key=HOSTILE)
def test_fuzz_the_catalogue_and_confirmations(
    world: World, entry: str, revision: str, key: str
) -> None:
    client = _login(world)
    _post(
        client, f"/w/{world.workspace.pk}/catalogue/", {"entry": entry, "revision": revision}, world
    )
    confirm = f"/w/{world.workspace.pk}/assumptions/confirm/"
    _post(client, confirm, {"key": key, "revision": revision}, world)


@FUZZ
@given(data=st.data())
def test_fuzz_the_pairwise_judgments(world: World, data: st.DataObject) -> None:
    client = _login(world, "contributor")
    posted: dict[str, Any] = {field_name(i, j): "0" for i, j in pairs(5)}
    for name in data.draw(st.lists(st.sampled_from(sorted(posted)), min_size=1, max_size=3)):
        posted[name] = data.draw(HOSTILE)
    posted["action"] = data.draw(st.sampled_from(["save", "check", "", "x"]))
    posted["revision"] = data.draw(st.one_of(HOSTILE, st.just("0")))
    level = data.draw(st.sampled_from(["goals", "criteria"]))
    _post(client, f"/w/{world.workspace.pk}/weights/{level}/", posted, world)
    response = client.post(f"/w/{world.workspace.pk}/weights/{level}/check/", posted)
    assert response.status_code in (200, 400)
