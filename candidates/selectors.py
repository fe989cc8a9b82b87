"""Reads of the candidate database. Every query a user can reach starts here.

``candidates_visible_to(user)`` is the one scoping helper: admins see the master
database, everyone else sees the profiles on which they hold ``view_candidateprofile``
through guardian's direct foreign-key table (one indexed join).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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
    CandidateShare,
    CandidateTag,
    CandidateUserObjectPermission,
    FieldCorrection,
    RecruiterCandidate,
)
from .tags import normalize_tags

# Annotation name on scoped querysets → permission codename.
PERMISSION_FLAGS = {
    "can_view_contact": VIEW_CONTACT,
    "can_download": DOWNLOAD_RESUME,
    "can_submit": SUBMIT_TO_JOBS,
    "can_change": CHANGE,
}


def _is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_admin_role)


def _permission_id(codename: str) -> Subquery:
    # A scalar subquery (one InitPlan on PostgreSQL) keeps the scoping join on the
    # (user, permission, content_object) index instead of joining auth_permission per row.
    return Subquery(
        Permission.objects.filter(
            codename=codename,
            content_type__app_label="candidates",
            content_type__model="candidateprofile",
        ).values("pk")[:1]
    )


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
    if not getattr(user, "is_authenticated", False):
        return CandidateActivity.objects.none()
    qs = CandidateActivity.objects.filter(candidate=candidate).select_related("actor")
    return qs if _is_admin(user) else qs.filter(actor_id=user.pk)


def tag_names(candidate: CandidateProfile) -> list[str]:
    """The candidate's tags, sorted."""
    return sorted(candidate.tag_links.values_list("tag__name", flat=True))


# Markers around matched words in search snippets; turned into <mark> after escaping.
SNIPPET_START, SNIPPET_STOP = "\x02", "\x03"
SNIPPET_LENGTH = 240


def _scope_hint(qs: QuerySet[CandidateProfile], user: Any) -> QuerySet[CandidateProfile]:
    """Add the denormalized scope (viewer_ids, GIN-indexed) next to a GIN-indexed filter.

    PostgreSQL can then AND the scope's index with the text or skills index before it
    reads a row. It only ever narrows: the guardian check of candidates_visible_to stays.
    """
    if connection.vendor != "postgresql" or user is None or _is_admin(user):
        return qs
    return qs.filter(viewer_ids__contains=[user.pk])


def search_candidates(
    qs: QuerySet[CandidateProfile],
    query: str,
    *,
    with_snippet: bool = False,
    user: Any = None,
) -> QuerySet[CandidateProfile]:
    """Candidates matching a free-text query, best first, annotated with ``rank``.

    PostgreSQL: the GIN-indexed tsvector with websearch syntax ("python -java", quotes),
    ranked by SearchRank. SQLite: every word must appear in the name, email, headline,
    skills or resume text. ``with_snippet`` adds ``snippet`` from the resume text, with
    matches between SNIPPET_START and SNIPPET_STOP (render with ``highlight_snippet``).
    Pass the ``user`` that ``qs`` is scoped to: see ``_scope_hint``.
    """
    query = (query or "").strip()
    if not query:
        return qs
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

        ts_query = SearchQuery(query, search_type="websearch", config="english")
        qs = (
            _scope_hint(qs, user)
            .filter(search_vector=ts_query)
            .annotate(rank=SearchRank(F("search_vector"), ts_query))
            .order_by("-rank", "-created_at")
        )
        if with_snippet:
            qs = qs.annotate(
                snippet=SearchHeadline(
                    "resume_text",
                    ts_query,
                    config="english",
                    start_sel=SNIPPET_START,
                    stop_sel=SNIPPET_STOP,
                    max_words=40,
                    min_words=15,
                    max_fragments=2,
                )
            )
        return qs
    for word in query.split():
        word = word.strip("\"'")
        if not word or word.startswith("-"):
            continue
        qs = qs.filter(
            Q(full_name__icontains=word)
            | Q(email__icontains=word)
            | Q(headline__icontains=word)
            | Q(skill_keys__icontains=word)
            | Q(resume_text__icontains=word)
        )
    qs = qs.annotate(rank=Value(0.0, output_field=FloatField())).order_by("-created_at")
    if with_snippet:
        qs = qs.annotate(snippet=Substr("resume_text", 1, SNIPPET_LENGTH))
    return qs


def highlight_snippet(snippet: str | None) -> SafeString:
    """HTML for a search snippet: the resume text escaped, matched words in <mark>."""
    html = escape(snippet or "")
    return mark_safe(html.replace(SNIPPET_START, "<mark>").replace(SNIPPET_STOP, "</mark>"))


def filter_candidates(
    qs: QuerySet[CandidateProfile],
    *,
    user: Any = None,
    source: str | None = None,
    tags: Iterable[str] | None = None,
    tags_mode: str = "any",
    skills: Iterable[str] | None = None,
    min_years: float | None = None,
    location: str | None = None,
) -> QuerySet[CandidateProfile]:
    """Narrow a scoped queryset. ``source`` is how the candidate entered ``user``'s
    database (their RecruiterCandidate); for admins or without a user, the profile's source.
    Tags match any or all (``tags_mode``); every skill must be present.
    """
    if source:
        if user is not None and not _is_admin(user):
            qs = qs.filter(
                Exists(
                    RecruiterCandidate.objects.filter(
                        recruiter_id=user.pk, candidate_id=OuterRef("pk"), source=source
                    )
                )
            )
        else:
            qs = qs.filter(source=source)
    names = normalize_tags(tags or [])
    if names:
        tagged = CandidateTag.objects.filter(candidate_id=OuterRef("pk"))
        if tags_mode == "all":
            for name in names:
                qs = qs.filter(Exists(tagged.filter(tag__name=name)))
        else:
            qs = qs.filter(Exists(tagged.filter(tag__name__in=names)))
    wanted = {str(s).strip().lower() for s in skills or [] if str(s).strip()}
    if wanted:
        qs = _scope_hint(qs, user)
    for skill in wanted:
        if connection.vendor == "postgresql":
            qs = qs.filter(skill_keys__contains=[skill])  # jsonb @>, GIN-indexed
        else:
            # SQLite has no JSON containment; the quoted element is unambiguous in the text.
            qs = qs.filter(skill_keys__icontains=f'"{skill}"')
    if min_years is not None:
        qs = qs.filter(years_experience__gte=min_years)
    if location:
        qs = qs.filter(location__icontains=location.strip())
    return qs


# Orderings an API client or page may ask for; "rank" needs a search.
ORDERINGS = {
    "created_at": ("created_at", "pk"),
    "-created_at": ("-created_at", "-pk"),
    "updated_at": ("updated_at", "pk"),
    "-updated_at": ("-updated_at", "-pk"),
    "name": ("full_name", "pk"),
    "-name": ("-full_name", "-pk"),
    "years_experience": (F("years_experience").asc(nulls_first=True), "pk"),
    "-years_experience": (F("years_experience").desc(nulls_last=True), "-pk"),
    "last_viewed_at": (F("last_viewed_at").asc(nulls_first=True), "pk"),
    "-last_viewed_at": (F("last_viewed_at").desc(nulls_last=True), "-pk"),
}


def order_candidates(qs: QuerySet[CandidateProfile], ordering: str | None) -> QuerySet:
    """Apply one of ORDERINGS; unknown or empty keeps the queryset's order (rank for searches)."""
    if ordering in ORDERINGS:
        return qs.order_by(*ORDERINGS[ordering])
    return qs


def correction_stats() -> list[dict[str, Any]]:
    """Per corrected field: how many corrections and how many distinct candidates (admin page)."""
    return list(
        FieldCorrection.objects.values("field")
        .annotate(corrections=Count("id"), candidates=Count("candidate", distinct=True))
        .order_by("-corrections", "field")
    )


def browse_candidates(
    user: Any,
    *,
    q: str = "",
    source: str | None = None,
    tags: Iterable[str] | None = None,
    tags_mode: str = "any",
    skills: Iterable[str] | None = None,
    min_years: float | None = None,
    location: str | None = None,
    ordering: str | None = None,
    with_holders: bool = False,
    with_snippet: bool = False,
) -> QuerySet[CandidateProfile]:
    """The user's database, filtered, searched and ordered, with permissions and tags loaded.

    This is the list behind the API and the pages; ``with_holders`` (admins) also loads
    who holds each candidate and their active shares.
    """
    qs = candidates_visible_to(user, with_permissions=True)
    qs = filter_candidates(
        qs,
        user=user,
        source=source,
        tags=tags,
        tags_mode=tags_mode,
        skills=skills,
        min_years=min_years,
        location=location,
    )
    qs = search_candidates(qs, q, with_snippet=with_snippet, user=user)
    if not q and not ordering and getattr(user, "is_authenticated", False) and not _is_admin(user):
        # A recruiter's database, newest additions first: served by the
        # (recruiter, -added_at) index, so a page reads only its own rows.
        qs = qs.filter(holders__recruiter_id=user.pk).order_by("-holders__added_at", "-pk")
    elif not q:
        qs = qs.order_by("-created_at", "-pk")
    qs = order_candidates(qs, ordering)
    # resume_text and the tsvector are large and never shown in a list.
    qs = qs.defer("resume_text", "search_vector", "viewer_ids").prefetch_related(
        Prefetch("tag_links", queryset=CandidateTag.objects.select_related("tag"))
    )
    if with_holders:
        qs = qs.prefetch_related(
            Prefetch("holders", queryset=RecruiterCandidate.objects.select_related("recruiter")),
            Prefetch(
                "shares",
                queryset=CandidateShare.objects.filter(revoked_at__isnull=True),
            ),
        )
    return qs


def candidate_with_tags(candidate: CandidateProfile) -> CandidateProfile:
    """The same candidate with its tags prefetched (for serializing one profile)."""
    prefetch_related_objects(
        [candidate], Prefetch("tag_links", queryset=CandidateTag.objects.select_related("tag"))
    )
    return candidate
