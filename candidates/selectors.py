"""Reads of the candidate database. Every query a user can reach starts here.

``candidates_visible_to(user)`` is the one scoping helper: admins see the master
database, everyone else sees the profiles on which they hold ``view_candidateprofile``
through guardian's direct foreign-key table (one indexed join).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)

from .models import (
    ALL_PERMISSIONS,
    CHANGE,
    DOWNLOAD_RESUME,
    SUBMIT_TO_JOBS,
    VIEW,
    VIEW_CONTACT,
    CandidateActivity,
    CandidateNote,
    CandidateProfile,
    CandidateTag,
    CandidateUserObjectPermission,
    FieldCorrection,
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


_PERMISSION_ID_SUBQUERIES: dict[tuple[int, str], Subquery] = {}


def _permission_id(codename: str) -> Subquery:
    """The permission's id as a scalar subquery (one InitPlan on PostgreSQL).

    It keeps the scoping join on the (user, permission, content_object) index instead of
    joining auth_permission per row. The expression (not the id) is built once per content
    type id, which Django's own cache provides and a database flush renews.
    """
    content_type_id = ContentType.objects.get_for_model(CandidateProfile).pk
    key = (content_type_id, codename)
    if key not in _PERMISSION_ID_SUBQUERIES:
        _PERMISSION_ID_SUBQUERIES[key] = Subquery(
            Permission.objects.filter(codename=codename, content_type_id=content_type_id)
            .order_by()
            .values("pk")[:1]
        )
    return _PERMISSION_ID_SUBQUERIES[key]


def _granted(user: Any, codename: str) -> QuerySet:
    return CandidateUserObjectPermission.objects.filter(
        user_id=user.pk, permission_id=_permission_id(codename)
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


def notes_visible_to(user: Any, candidate: CandidateProfile) -> QuerySet[CandidateNote]:
    """Shared notes on the candidate plus the user's own private notes (admins included)."""
    if not getattr(user, "is_authenticated", False):
        return CandidateNote.objects.none()
    return (
        CandidateNote.objects.filter(candidate=candidate)
        .filter(Q(is_private=False) | Q(author_id=user.pk))
        .select_related("author")
    )


def activity_for(user: Any, candidate: CandidateProfile) -> QuerySet[CandidateActivity]:
    """The candidate's audit log as this user may read it: all of it for admins, else their own.

    Recruiters see only their own entries, so the log never reveals who else holds the
    candidate, what was shared with them, or from where they worked.
    """
    qs = CandidateActivity.objects.filter(candidate=candidate).select_related("actor")
    return _activity_readable_by(user, qs)


def activity_visible_to(user: Any) -> QuerySet[CandidateActivity]:
    """Audit entries on every candidate the user may see, under the same rule as activity_for."""
    qs = CandidateActivity.objects.filter(candidate__in=candidates_visible_to(user))
    return _activity_readable_by(user, qs)


def _activity_readable_by(user: Any, qs: QuerySet[CandidateActivity]) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return CandidateActivity.objects.none()
    return qs if _is_admin(user) else qs.filter(actor_id=user.pk)


def tag_names(candidate: CandidateProfile) -> list[str]:
    """The candidate's tags, sorted."""
    return sorted(candidate.tag_links.values_list("tag__name", flat=True))


def correction_stats() -> list[dict[str, Any]]:
    """Per corrected field: how many corrections and how many distinct candidates (admin page)."""
    return list(
        FieldCorrection.objects.values("field")
        .annotate(corrections=Count("id"), candidates=Count("candidate", distinct=True))
        .order_by("-corrections", "field")
    )


def candidate_with_tags(candidate: CandidateProfile) -> CandidateProfile:
    """The same candidate with its tags prefetched (for serializing one profile)."""
    prefetch_related_objects(
        [candidate], Prefetch("tag_links", queryset=CandidateTag.objects.select_related("tag"))
    )
    return candidate


# Searching, filtering and ordering the scoped lists live in candidates.browse; they are
# re-exported here so every read of the candidate database is found in one place.
from .browse import (  # noqa: E402
    ORDERINGS,
    SNIPPET_LENGTH,
    SNIPPET_START,
    SNIPPET_STOP,
    browse_candidates,
    database_size,
    filter_candidates,
    highlight_snippet,
    order_candidates,
    search_candidates,
)

__all__ = [
    "ORDERINGS",
    "PERMISSION_FLAGS",
    "SNIPPET_LENGTH",
    "SNIPPET_START",
    "SNIPPET_STOP",
    "CandidateAccess",
    "activity_for",
    "activity_visible_to",
    "browse_candidates",
    "candidate_exists",
    "candidate_with_tags",
    "candidates_visible_to",
    "correction_stats",
    "database_size",
    "filter_candidates",
    "get_candidate_for",
    "highlight_snippet",
    "notes_visible_to",
    "order_candidates",
    "permissions_for",
    "search_candidates",
    "tag_names",
]
