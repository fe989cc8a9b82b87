"""Search, filters and ordering of the scoped candidate lists (the API's and the pages').

Every function here narrows a queryset that ``candidates_visible_to`` produced; none of
them widens the scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, FloatField, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hotgigs.accounts.roles import is_admin

from .models import CandidateProfile, CandidateShare, CandidateTag, RecruiterCandidate
from .redact import normalize_contact_query
from .tags import normalize_tags

# Markers around matched words in search snippets; turned into <mark> after escaping.
SNIPPET_START, SNIPPET_STOP = "\x02", "\x03"
SNIPPET_LENGTH = 240


def _scope_hint(qs: QuerySet[CandidateProfile], user: Any) -> QuerySet[CandidateProfile]:
    """Add the denormalized scope (viewer_ids, GIN-indexed) next to a GIN-indexed filter.

    PostgreSQL can then AND the scope's index with the text or skills index before it
    reads a row. It only ever narrows: the guardian check of candidates_visible_to stays.
    """
    if connection.vendor != "postgresql" or user is None or is_admin(user):
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
    ranked by SearchRank. SQLite: every word must appear in the name, headline, skills or
    resume text. A query that is an email address or a phone number matches the contact
    fields exactly, and only where the user may see contact details. ``with_snippet`` adds
    ``snippet`` from the resume text, with matches between SNIPPET_START and SNIPPET_STOP
    (render with ``highlight_snippet``). Pass the ``user`` that ``qs`` is scoped to: see
    ``_scope_hint``.
    """
    query = (query or "").strip()
    if not query:
        return qs
    contact = normalize_contact_query(query, region=settings.PHONE_DEFAULT_REGION)
    if contact is not None:
        return _contact_search(qs, *contact, user=user, with_snippet=with_snippet)
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
            | Q(headline__icontains=word)
            | Q(skill_keys__icontains=word)
            | Q(resume_text__icontains=word)
        )
    qs = qs.annotate(rank=Value(0.0, output_field=FloatField())).order_by("-created_at")
    if with_snippet:
        qs = qs.annotate(snippet=Substr("resume_text", 1, SNIPPET_LENGTH))
    return qs


def _contact_search(
    qs: QuerySet[CandidateProfile], field: str, value: str, *, user: Any, with_snippet: bool
) -> QuerySet[CandidateProfile]:
    """An exact email or phone finds a candidate only for users who may see contact details.

    Without ``view_contact`` a search must not confirm an address the caller already knows.
    """
    from .selectors import VIEW_CONTACT, _granted

    qs = qs.filter(**{field: value})
    if user is None:
        return qs.none()
    if not is_admin(user):
        qs = qs.filter(
            Exists(_granted(user, VIEW_CONTACT).filter(content_object_id=OuterRef("pk")))
        )
    qs = qs.annotate(rank=Value(1.0, output_field=FloatField())).order_by("-created_at")
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
        if user is not None and not is_admin(user):
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
    from .selectors import candidates_visible_to  # selectors re-exports this module

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
    if not q and not ordering and getattr(user, "is_authenticated", False) and not is_admin(user):
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


def database_size(user: Any) -> int:
    """How many candidates the user's whole database holds (the master one for admins).

    For recruiters it is counted on the membership index: that equals
    ``candidates_visible_to(user).count()`` because membership and view permission are
    written together (property-tested), and it touches no profile row.
    """
    if is_admin(user):
        return CandidateProfile.objects.count()
    return RecruiterCandidate.objects.filter(recruiter_id=user.pk).count()
