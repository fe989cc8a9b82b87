"""Writes a recruiter makes while working a candidate: notes, tags, views and downloads."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from candidates.models import (
    CHANGE,
    DOWNLOAD_RESUME,
    VIEW,
    Action,
    CandidateActivity,
    CandidateNote,
    CandidateProfile,
    CandidateTag,
    RecruiterCandidate,
    Tag,
)
from candidates.selectors import candidates_visible_to, permissions_for
from candidates.tags import normalize_tags
from hotgigs.errors import NotAllowed, ServiceError

from .membership import log_activity

MAX_NOTE_LENGTH = 10_000


def require_permission(user: Any, candidate: CandidateProfile, codename: str) -> None:
    """Raise NotAllowed unless the user holds this permission on this candidate."""
    if codename not in permissions_for(user, candidate):
        raise NotAllowed("You do not have permission to do that for this candidate.")


@transaction.atomic
def add_note(
    user: Any,
    candidate: CandidateProfile,
    body: str,
    *,
    is_private: bool = False,
    is_important: bool = False,
    ip: str | None = None,
    user_agent: str = "",
) -> CandidateNote:
    """Add a note; a private note is seen by its author only, a shared one by every holder."""
    require_permission(user, candidate, CHANGE)
    body = (body or "").strip()
    if not body:
        raise ServiceError("A note needs some text.", code="empty_note")
    if len(body) > MAX_NOTE_LENGTH:
        raise ServiceError(
            f"A note can be at most {MAX_NOTE_LENGTH} characters.", code="note_too_long"
        )
    note = CandidateNote.objects.create(
        candidate=candidate,
        author=user,
        body=body,
        is_private=is_private,
        is_important=is_important,
    )
    log_activity(
        candidate,
        Action.NOTE_ADDED,
        actor=user,
        ip=ip,
        user_agent=user_agent,
        note=str(note.pk),
        is_private=is_private,
        is_important=is_important,
    )
    return note


def _tag_objects(names: list[str]) -> list[Tag]:
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=n) for n in names if n not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    return [existing[n] for n in names]


@transaction.atomic
def set_tags(
    user: Any,
    candidate: CandidateProfile,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    *,
    ip: str | None = None,
    user_agent: str = "",
) -> list[str]:
    """Merge tags into a candidate and take others off (normalized); returns the tags now on it."""
    require_permission(user, candidate, CHANGE)
    to_add, to_remove = normalize_tags(add), normalize_tags(remove)
    current = set(candidate.tag_links.values_list("tag__name", flat=True))
    added = [n for n in to_add if n not in current and n not in to_remove]
    removed = [n for n in to_remove if n in current]
    if added:
        CandidateTag.objects.bulk_create(
            [CandidateTag(candidate=candidate, tag=t, added_by=user) for t in _tag_objects(added)],
            ignore_conflicts=True,
        )
        log_activity(
            candidate, Action.TAG_ADDED, actor=user, ip=ip, user_agent=user_agent, tags=added
        )
    if removed:
        candidate.tag_links.filter(tag__name__in=removed).delete()
        log_activity(
            candidate, Action.TAG_REMOVED, actor=user, ip=ip, user_agent=user_agent, tags=removed
        )
    return sorted((current | set(added)) - set(removed))


def _uuids(values: Iterable[Any]) -> list[uuid.UUID]:
    ids = []
    for value in values:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return ids


@transaction.atomic
def bulk_tag(
    user: Any,
    candidate_ids: Iterable[Any],
    tags: Iterable[str],
    *,
    ip: str | None = None,
    user_agent: str = "",
) -> int:
    """Add tags to many candidates at once; only those the user may change are touched.

    Returns how many candidates were tagged (ids the user may not change are skipped).
    """
    names = normalize_tags(tags)
    if not names:
        raise ServiceError("Give at least one tag.", code="no_tags")
    candidates = list(
        candidates_visible_to(user, with_permissions=True).filter(
            pk__in=_uuids(candidate_ids), can_change=True
        )
    )
    if not candidates:
        return 0
    tag_objects = _tag_objects(names)
    held = set(
        CandidateTag.objects.filter(candidate__in=candidates, tag__in=tag_objects).values_list(
            "candidate_id", "tag_id"
        )
    )
    new_links = [
        CandidateTag(candidate=c, tag=t, added_by=user)
        for c in candidates
        for t in tag_objects
        if (c.pk, t.pk) not in held
    ]
    CandidateTag.objects.bulk_create(new_links, ignore_conflicts=True)
    added_by_candidate: dict[Any, list[str]] = {}
    for link in new_links:
        added_by_candidate.setdefault(link.candidate_id, []).append(link.tag.name)
    actor = user if getattr(user, "pk", None) else None
    CandidateActivity.objects.bulk_create(
        [
            CandidateActivity(
                candidate_id=candidate_id,
                actor=actor,
                action=Action.TAG_ADDED,
                ip=ip,
                user_agent=user_agent[:400],
                metadata={"tags": added, "bulk": True},
            )
            for candidate_id, added in added_by_candidate.items()
        ]
    )
    return len(candidates)


@transaction.atomic
def record_view(
    user: Any, candidate: CandidateProfile, *, ip: str | None = None, user_agent: str = ""
) -> CandidateActivity:
    """Record that the user opened the profile: last_viewed_at (profile, link) and a log entry."""
    require_permission(user, candidate, VIEW)
    now = timezone.now()
    # update() rather than save(): a view is not a change, so updated_at must not move.
    CandidateProfile.objects.filter(pk=candidate.pk).update(last_viewed_at=now)
    RecruiterCandidate.objects.filter(recruiter_id=user.pk, candidate=candidate).update(
        last_viewed_at=now
    )
    candidate.last_viewed_at = now
    return log_activity(candidate, Action.VIEW, actor=user, ip=ip, user_agent=user_agent)


def record_download(
    user: Any,
    candidate: CandidateProfile,
    *,
    resume: Any = None,
    ip: str | None = None,
    user_agent: str = "",
) -> CandidateActivity:
    """Log a resume download by a user allowed to download it."""
    require_permission(user, candidate, DOWNLOAD_RESUME)
    metadata = {"resume": str(resume.pk)} if resume is not None else {}
    return log_activity(
        candidate, Action.DOWNLOAD, actor=user, ip=ip, user_agent=user_agent, **metadata
    )
