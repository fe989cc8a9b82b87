"""Pages of Google Drive sync: the OAuth callback that Google redirects the browser to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from drive_sync import selectors, services
from hotgigs.errors import ServiceError


@require_GET
@login_required
def oauth_callback(request: HttpRequest) -> HttpResponse:
    """Finish connecting the signed-in user's Google account and say how it went."""
    try:
        services.connect_google_account(
            request.user,
            code=request.GET.get("code"),
            state=request.GET.get("state"),
            error=request.GET.get("error"),
        )
    except ServiceError as exc:
        context = {"connected": False, "message": exc.message}
        return render(request, "drive_sync/callback.html", context, status=400)
    context = {"connected": True, "syncs": selectors.syncs_of(request.user)}
    return render(request, "drive_sync/callback.html", context)
