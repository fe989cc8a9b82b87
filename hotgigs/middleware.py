"""Turn domain errors raised in page views into proper HTTP answers."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

from hotgigs.errors import NotAllowed


class DomainErrorMiddleware:
    """A page for an object the user may not see answers 403 and shows nothing of it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotAllowed):
            return HttpResponseForbidden(exception.message)
        return None
