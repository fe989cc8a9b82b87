"""Reads of the candidate database. Every query a user can reach starts here.

``candidates_visible_to(user)`` is the one scoping helper: admins see the master
database, everyone else sees the profiles on which they hold ``view_candidateprofile``
through guardian's direct foreign-key table (one indexed join).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from .models import (
    ALL_PERMISSIONS,
    CHANGE,
    DOWNLOAD_RESUME,
    SUBMIT_TO_JOBS,
    VIEW,
    VIEW_CONTACT,
    CandidateProfile,
    CandidateUserObjectPermission,
)

# Annotation name on scoped querysets → permission codename.
PERMISSION_FLAGS = {
    "can_view_contact": VIEW_CONTACT,
    "can_download": DOWNLOAD_RESUME,
    "can_submit": SUBMIT_TO_JOBS,
    "can_change": CHANGE,
}


def _is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_admin_role)


def _granted(user: Any, codename: str) -> QuerySet:
    return CandidateUserObjectPermission.objects.filter(
        user_id=user.pk,
        permission__codename=codename,
        permission__content_type__app_label="candidates",
    )


def candidates_visible_to(
    user: Any, *, with_permissions: bool = False
) -> QuerySet[CandidateProfile]:
    """The profiles this user may see; with_permissions adds can_* booleans per row."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return CandidateProfile.objects.none()
    if _is_admin(user):
        qs = CandidateProfile.objects.all()
        if with_permissions:
            from django.db.models import Value

            qs = qs.annotate(**{flag: Value(True) for flag in PERMISSION_FLAGS})
        return qs
    qs = CandidateProfile.objects.filter(
        Exists(_granted(user, VIEW).filter(content_object_id=OuterRef("pk")))
    )
    if with_permissions:
        qs = qs.annotate(
            **{
                flag: Exists(_granted(user, codename).filter(content_object_id=OuterRef("pk")))
                for flag, codename in PERMISSION_FLAGS.items()
            }
        )
    return qs


def permissions_for(user: Any, candidate: CandidateProfile) -> set[str]:
    """Codenames this user holds on this candidate (all of them for admins)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if _is_admin(user):
        return set(ALL_PERMISSIONS)
    return set(
        CandidateUserObjectPermission.objects.filter(
            user_id=user.pk, content_object_id=candidate.pk
        ).values_list("permission__codename", flat=True)
    )


def candidate_exists(candidate_id: Any) -> bool:
    """Whether an id names any candidate at all (to tell 403 from 404, never to read data)."""
    return CandidateProfile.objects.filter(pk=candidate_id).exists()


class CandidateAccess:
    """The answer to 'may this user see this candidate, and with which permissions'."""

    def __init__(self, candidate: CandidateProfile, permissions: set[str]):
        self.candidate = candidate
        self.permissions = permissions

    def can(self, codename: str) -> bool:
        return codename in self.permissions

    @property
    def can_view_contact(self) -> bool:
        return VIEW_CONTACT in self.permissions

    @property
    def can_download(self) -> bool:
        return DOWNLOAD_RESUME in self.permissions

    @property
    def can_submit(self) -> bool:
        return SUBMIT_TO_JOBS in self.permissions

    @property
    def can_change(self) -> bool:
        return CHANGE in self.permissions


def get_candidate_for(user: Any, candidate_id: Any, *, require: str = VIEW) -> CandidateAccess:
    """Load a candidate the user may see, or raise 404 (no such id) / 403 (not theirs).

    ``require`` names a further permission the caller needs (e.g. download_resume).
    """
    from django.http import Http404

    from hotgigs.errors import NotAllowed

    try:
        candidate = candidates_visible_to(user).get(pk=candidate_id)
    except (CandidateProfile.DoesNotExist, ValueError, TypeError) as exc:
        if _valid_uuid(candidate_id) and candidate_exists(candidate_id):
            raise NotAllowed("You do not have access to this candidate.") from exc
        raise Http404("No such candidate.") from exc
    permissions = permissions_for(user, candidate)
    if require not in permissions:
        raise NotAllowed("You do not have permission to do that for this candidate.")
    return CandidateAccess(candidate, permissions)


def _valid_uuid(value: Any) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
