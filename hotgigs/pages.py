"""Helpers shared by the server-rendered pages (not the API): access checks and redirects."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from candidates.models import VIEW
from candidates.selectors import CandidateAccess, get_candidate_for
from hotgigs.accounts.roles import is_admin, is_recruiter_or_admin
from hotgigs.errors import NotAllowed, ServiceError


def candidate_access(user: Any, candidate_id: Any, *, require: str = VIEW) -> CandidateAccess:
    """The privacy helper for pages: 404 for no such id, the 403 page (showing nothing) if not
    the user's."""
    try:
        return get_candidate_for(user, candidate_id, require=require)
    except NotAllowed as exc:
        # PermissionDenied renders templates/403.html inside the layout.
        raise PermissionDenied(exc.message) from exc


def back(request: HttpRequest, fallback: str, *args: Any) -> HttpResponseRedirect:
    """Redirect to the same-site ``next`` the form sent, else to ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(fallback, *args)


def report_error(request: HttpRequest, exc: ServiceError) -> None:
    """Show a service's user-facing message on the next page; 403s become the 403 page."""
    if isinstance(exc, NotAllowed) or exc.status_code == 403:
        raise PermissionDenied(exc.message) from exc
    messages.error(request, exc.message)


def query_with(request: HttpRequest, **changes: Any) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode()


def _role_page(check: Callable[[Any], bool], message: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Signed-out users go to the login page; signed-in users of the wrong role get the 403 page.
recruiter_page = _role_page(is_recruiter_or_admin, "This page is for recruiters and admins.")
admin_page = _role_page(is_admin, "This page is for admins.")
