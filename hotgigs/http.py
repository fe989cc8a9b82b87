"""Request helpers shared by the pages and the API."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP; X-Forwarded-For is believed only when sent by a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR") or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not forwarded or remote not in settings.TRUSTED_PROXIES:
        return remote
    # Walk from the nearest hop back, skipping our own proxies.
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote
        if hop not in settings.TRUSTED_PROXIES:
            return hop
    return remote


def user_agent(request: HttpRequest) -> str:
    """The User-Agent header, trimmed to a sane length for storage."""
    return request.META.get("HTTP_USER_AGENT", "")[:400]
