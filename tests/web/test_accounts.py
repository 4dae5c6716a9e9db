"""Sign up, argon2 in production settings, password reset by e-mail, login throttling."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, override_settings

from headway.web import settings as production
from tests.web.conftest import PASSWORD, World


def test_production_settings_hash_passwords_with_argon2() -> None:
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sign_up_signs_the_new_user_in(db: None) -> None:
    client = Client()
    response = client.post(
        "/signup/",
        {
            "username": "maria",
            "email": "maria@example.com",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/w/").status_code == 200
    assert User.objects.get(username="maria").email == "maria@example.com"


def test_sign_up_explains_a_weak_password(db: None) -> None:
    response = Client().post(
        "/signup/",
        {"username": "x", "email": "x@example.com", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 400
    assert b"too short" in response.content


def test_password_reset_sends_a_working_link(world: World) -> None:
    client = Client()
    client.post("/password-reset/", {"email": "viewer@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    new = "a brand new passphrase"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert Client().login(username="viewer", password=new)


@override_settings(LOGIN_FAILURES_ALLOWED=3)
def test_repeated_failed_logins_are_throttled(world: World) -> None:
    client = Client()
    for _ in range(3):
        response = client.post("/login/", {"username": "viewer", "password": "wrong"})
        assert response.status_code == 200
    refused = client.post("/login/", {"username": "viewer", "password": PASSWORD})
    assert b"Too many failed logins" in refused.content
    assert "_auth_user_id" not in client.session
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert (
        b"Too many failed logins"
        in elsewhere.post("/login/", {"username": "viewer", "password": PASSWORD}).content
    )


def test_a_good_login_clears_the_failures(world: World) -> None:
    client = Client()
    client.post("/login/", {"username": "viewer", "password": "wrong"})
    assert client.post("/login/", {"username": "viewer", "password": PASSWORD}).status_code == 302
