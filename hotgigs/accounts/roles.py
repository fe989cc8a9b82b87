"""Role helpers that the other apps use, for pages and for the API."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import user_passes_test
from rest_framework.permissions import BasePermission

from .models import Role, User


def is_admin(user: Any) -> bool:
    """True for an active admin or superuser."""
    return bool(getattr(user, "is_authenticated", False) and user.is_admin_role)


def is_recruiter_or_admin(user: Any) -> bool:
    """True for anyone who keeps a candidate database."""
    return bool(getattr(user, "is_authenticated", False) and user.can_manage_candidates)


class IsAdminRole(BasePermission):
    """DRF: admins only."""

    message = "Only admins can do this."

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_admin(request.user)


class IsRecruiterOrAdmin(BasePermission):
    """DRF: recruiters and admins only."""

    message = "Only recruiters and admins can do this."

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_recruiter_or_admin(request.user)


admin_required = user_passes_test(is_admin)
recruiter_required = user_passes_test(is_recruiter_or_admin)

__all__ = [
    "IsAdminRole",
    "IsRecruiterOrAdmin",
    "Role",
    "User",
    "admin_required",
    "is_admin",
    "is_recruiter_or_admin",
    "recruiter_required",
]
