"""Accounts: sign up and a login that slows down password guessing.

After HEADWAY_LOGIN_FAILURES failed logins for one user name, or from one address, within
HEADWAY_LOGIN_LOCKOUT_MINUTES, further attempts are refused until the window has passed. The
count lives in the database, so it holds across several app servers.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from headway.web import models


class SignUpForm(UserCreationForm):  # type: ignore[type-arg]
    """User name, e-mail (for password resets) and the password twice."""

    email = forms.EmailField(required=True, help_text="Used only to reset your password.")

    class Meta:
        model = User
        fields = ("username", "email")


def signup(request: HttpRequest) -> HttpResponse:
    """The sign-up page; a new user is signed in and sent to their (empty) workspace list."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("workspace_list")
    return render(request, "web/signup.html", {"form": form}, status=400 if form.errors else 200)


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def locked_out(username: str, address: str) -> bool:
    """Whether too many recent failures for this user name or address block a new attempt."""
    since = timezone.now() - timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    recent = models.LoginFailure.objects.filter(at__gte=since)
    by_name = recent.filter(username=username.lower()).count()
    by_address = recent.filter(address=address).count()
    return max(by_name, by_address) >= settings.LOGIN_FAILURES_ALLOWED


class ThrottledLoginForm(AuthenticationForm):
    """The login form, refusing while the user name or address is locked out."""

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        address = _address(self.request) if self.request else ""
        if locked_out(username, address):
            minutes = settings.LOGIN_LOCKOUT_SECONDS // 60
            raise forms.ValidationError(
                f"Too many failed logins: wait {minutes} minutes, or reset your password.",
                code="throttled",
            )
        try:
            return super().clean()
        except forms.ValidationError:
            models.LoginFailure.objects.create(username=username.lower()[:150], address=address)
            raise


class ThrottledLoginView(LoginView):
    """Django's login view with the throttled form; a success clears that user name's failures
    (not the address's: one good account must not reset the count for guessing others)."""

    form_class = ThrottledLoginForm
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        username = form.get_user().get_username().lower()
        models.LoginFailure.objects.filter(username=username).delete()
        return super().form_valid(form)
