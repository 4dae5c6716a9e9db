"""A workspace whose queue of computations is full: a new one is refused with 429 (the page
says to try again shortly; the API answers problem details), instead of queueing without end."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

RETRY_AFTER_SECONDS = 10


class JobsWaitingError(Exception):
    """A workspace already has `waiting` computations waiting to start (the setting
    `jobs_waiting_per_workspace`): no more is queued."""

    def __init__(self, waiting: int) -> None:
        super().__init__(
            f"{waiting} computations of this workspace are already waiting to start "
            f"(setting jobs_waiting_per_workspace): try again in {RETRY_AFTER_SECONDS} s"
        )
        self.waiting = waiting


class BusyMiddleware:
    """Turns `JobsWaitingError` raised by a page into a 429 page with `Retry-After`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, JobsWaitingError):
            return None
        response = render(request, "web/busy.html", {"message": str(exception)}, status=429)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
