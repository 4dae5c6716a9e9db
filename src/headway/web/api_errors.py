"""Every API error as RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from headway.errors import HeadwayError
from headway.web.busy import RETRY_AFTER_SECONDS, JobsWaitingError
from headway.web.drafts import DraftConflictError
from headway.web.errors import problem_details

PROBLEM_JSON = "application/problem+json"


def _respond(api: NinjaAPI, request: HttpRequest, details: dict[str, Any]) -> HttpResponse:
    details["instance"] = request.path
    response = api.create_response(request, details, status=details["status"])
    response["Content-Type"] = PROBLEM_JSON
    return response


def install_error_handlers(api: NinjaAPI) -> None:
    """Register the handlers that turn each kind of failure into problem details (`exc` is
    typed `Any`: django-ninja's handler type accepts the exception or its class)."""

    def unauthorized(request: HttpRequest, exc: Any) -> HttpResponse:
        detail = "send `Authorization: Bearer <token>` (a personal access token) or sign in"
        response = _respond(api, request, problem_details(401, "Not signed in", detail))
        response["WWW-Authenticate"] = "Bearer"
        return response

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return _respond(api, request, problem_details(404, "Not found", str(exc) or "not found"))

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        return _respond(api, request, problem_details(403, "Forbidden", str(exc)))

    def invalid_request(request: HttpRequest, exc: Any) -> HttpResponse:
        problems = [
            f"{'.'.join(str(p) for p in error.get('loc', ()))}: {error.get('msg', '')}"
            for error in exc.errors
        ]
        details = problem_details(422, "The request is not valid", "see problems", problems)
        return _respond(api, request, details)

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return _respond(api, request, problem_details(exc.status_code, "Error", str(exc)))

    def user_error(request: HttpRequest, exc: Any) -> HttpResponse:
        details = exc.to_problem_details()
        if isinstance(exc, DraftConflictError):
            details["current_revision"] = exc.current
        return _respond(api, request, details)

    def busy(request: HttpRequest, exc: Any) -> HttpResponse:
        details = problem_details(429, "Too many computations waiting", str(exc))
        response = _respond(api, request, details)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    api.add_exception_handler(AuthenticationError, unauthorized)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(NinjaValidationError, invalid_request)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(HeadwayError, user_error)
    api.add_exception_handler(JobsWaitingError, busy)
