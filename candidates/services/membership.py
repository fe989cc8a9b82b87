"""Writes to the candidate database: membership and permissions, always together.

Each function owns its transaction. ``RecruiterCandidate`` rows and guardian object
permissions are written only here, in the same transaction, so they never diverge.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from candidates.models import (
    ALL_PERMISSIONS,
    SHAREABLE_PERMISSIONS,
    VIEW,
    Action,
    CandidateActivity,
    CandidateProfile,
    CandidateShare,
    CandidateUserObjectPermission,
    RecruiterCandidate,
    Source,
)
from hotgigs.errors import ServiceError

logger = logging.getLogger(__name__)


def _permission_objects(codenames: Iterable[str]) -> dict[str, Permission]:
    perms = Permission.objects.filter(
        content_type__app_label="candidates",
        content_type__model="candidateprofile",
        codename__in=list(codenames),
    )
    return {p.codename: p for p in perms}


def _grant(user: Any, candidates: Sequence[CandidateProfile], codenames: Iterable[str]) -> None:
    perms = _permission_objects(codenames)
    existing = set(
        CandidateUserObjectPermission.objects.filter(
            user=user, content_object__in=candidates, permission__in=perms.values()
        ).values_list("content_object_id", "permission_id")
    )
    CandidateUserObjectPermission.objects.bulk_create(
        [
            CandidateUserObjectPermission(user=user, content_object=c, permission=p)
            for c in candidates
            for p in perms.values()
            if (c.pk, p.pk) not in existing
        ]
    )
    if VIEW in perms:
        _sync_viewers(candidates)


def _revoke(user: Any, candidates: Sequence[CandidateProfile], codenames: Iterable[str]) -> None:
    codenames = list(codenames)
    CandidateUserObjectPermission.objects.filter(
        user=user,
        content_object__in=candidates,
        permission__codename__in=codenames,
        permission__content_type__app_label="candidates",
    ).delete()
    if VIEW in codenames:
        _sync_viewers(candidates)


def _sync_viewers(candidates: Sequence[CandidateProfile]) -> None:
    """Copy who holds view_candidateprofile onto the profiles (the search hint, viewer_ids).

    The rows are locked first, so the permissions read next include every concurrent
    grant or revoke that committed before us: the copy cannot lose an update.
    """
    ids = list(
        CandidateProfile.objects.select_for_update()
        .filter(pk__in=[c.pk for c in candidates])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return
    viewers: dict[Any, list[int]] = {pk: [] for pk in ids}
    for candidate_id, user_id in CandidateUserObjectPermission.objects.filter(
        content_object_id__in=ids,
        permission__codename=VIEW,
        permission__content_type__app_label="candidates",
    ).values_list("content_object_id", "user_id"):
        viewers[candidate_id].append(user_id)
    CandidateProfile.objects.bulk_update(
        [CandidateProfile(pk=pk, viewer_ids=sorted(users)) for pk, users in viewers.items()],
        ["viewer_ids"],
        batch_size=500,
    )
    for candidate in candidates:
        candidate.viewer_ids = sorted(viewers.get(candidate.pk, []))


def log_activity(
    candidate: CandidateProfile,
    action: str,
    *,
    actor: Any = None,
    ip: str | None = None,
    user_agent: str = "",
    **metadata: Any,
) -> CandidateActivity:
    """Append one entry to a candidate's audit log."""
    return CandidateActivity.objects.create(
        candidate=candidate,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        ip=ip,
        user_agent=user_agent[:400],
        metadata=metadata,
    )


@transaction.atomic
def add_to_database(
    recruiter: Any, candidate: CandidateProfile, *, source: str
) -> RecruiterCandidate:
    """Put a candidate in a recruiter's database with every permission (their own upload)."""
    if source == Source.SHARED:
        raise ServiceError("Use share_candidates to share a candidate.")
    link, created = RecruiterCandidate.objects.get_or_create(
        recruiter=recruiter, candidate=candidate, defaults={"source": source}
    )
    if not created and link.source == Source.SHARED:
        # Their own upload of a candidate they were shared: it is now theirs in full.
        link.source = source
        link.save(update_fields=["source"])
    _grant(recruiter, [candidate], ALL_PERMISSIONS)
    return link


@transaction.atomic
def grant_self_access(user: Any, candidate: CandidateProfile) -> None:
    """A candidate user sees (and may download) their own profile; no database link."""
    _grant(user, [candidate], (VIEW, "view_contact", "download_resume"))


@transaction.atomic
def share_candidates(
    admin: Any,
    candidates: Sequence[CandidateProfile],
    recruiters: Sequence[Any],
    *,
    permissions: Iterable[str] = (),
    reason: str = "",
    notes: str = "",
    ip: str | None = None,
    user_agent: str = "",
) -> list[CandidateShare]:
    """Share many candidates with many recruiters; re-sharing replaces the permissions."""
    if not getattr(admin, "is_admin_role", False):
        raise ServiceError("Only admins can share candidates.", status_code=403, code="forbidden")
    chosen = sorted(set(permissions))
    unknown = [p for p in chosen if p not in SHAREABLE_PERMISSIONS]
    if unknown:
        raise ServiceError(
            f"Unknown permission {unknown[0]!r}; choose from {', '.join(SHAREABLE_PERMISSIONS)}.",
            code="invalid_permission",
        )
    not_recruiters = [r.username for r in recruiters if not getattr(r, "is_recruiter", False)]
    if not_recruiters:
        raise ServiceError(f"{not_recruiters[0]} is not a recruiter.", code="not_recruiter")
    candidates = list({c.pk: c for c in candidates}.values())
    shares: list[CandidateShare] = []
    for recruiter in {r.pk: r for r in recruiters}.values():
        shares.extend(
            _share_with(admin, recruiter, candidates, chosen, reason, notes, ip, user_agent)
        )
    return shares


def _share_with(
    admin: Any,
    recruiter: Any,
    candidates: list[CandidateProfile],
    chosen: list[str],
    reason: str,
    notes: str,
    ip: str | None,
    user_agent: str,
) -> list[CandidateShare]:
    """One recruiter's side of share_candidates, in a constant number of queries."""
    now = timezone.now()
    active = {
        s.candidate_id: s
        for s in CandidateShare.objects.filter(
            recruiter=recruiter, candidate__in=candidates, revoked_at__isnull=True
        )
    }
    changed, new_shares, updated = [], [], []
    for candidate in candidates:
        share = active.get(candidate.pk)
        if share is None:
            share = CandidateShare(admin=admin, candidate=candidate, recruiter=recruiter)
            new_shares.append(share)
            changed.append(candidate)
        else:
            if set(share.permissions) != set(chosen):
                changed.append(candidate)
            updated.append(share)
        share.permissions, share.reason, share.notes, share.admin = chosen, reason, notes, admin
        share.updated_at = now
    CandidateShare.objects.bulk_create(new_shares)
    CandidateShare.objects.bulk_update(
        updated, ["permissions", "reason", "notes", "admin", "updated_at"]
    )
    links = {
        link.candidate_id: link
        for link in RecruiterCandidate.objects.filter(recruiter=recruiter, candidate__in=candidates)
    }
    RecruiterCandidate.objects.bulk_create(
        [
            RecruiterCandidate(recruiter=recruiter, candidate=c, source=Source.SHARED)
            for c in candidates
            if c.pk not in links
        ]
    )
    # A shared holder gets view plus exactly the chosen subset; a recruiter who holds the
    # candidate through their own upload keeps every permission.
    shared = [c for c in candidates if c.pk not in links or links[c.pk].source == Source.SHARED]
    _revoke(recruiter, shared, set(SHAREABLE_PERMISSIONS) - set(chosen))
    _grant(recruiter, shared, [VIEW, *chosen])
    actor = admin if getattr(admin, "pk", None) else None
    CandidateActivity.objects.bulk_create(
        [
            CandidateActivity(
                candidate=c,
                actor=actor,
                action=Action.SHARE_GRANTED,
                ip=ip,
                user_agent=user_agent[:400],
                metadata={"recruiter": recruiter.username, "permissions": chosen, "reason": reason},
            )
            for c in changed
        ]
    )
    return [*new_shares, *updated]


@transaction.atomic
def revoke_share(
    admin: Any, share: CandidateShare, *, ip: str | None = None, user_agent: str = ""
) -> CandidateShare:
    """End a share: the recruiter loses the candidate unless they hold it by their own upload."""
    if not getattr(admin, "is_admin_role", False):
        raise ServiceError("Only admins can revoke shares.", status_code=403, code="forbidden")
    if share.revoked_at is not None:
        return share
    share.revoked_at = timezone.now()
    share.revoked_by = admin
    share.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    link = RecruiterCandidate.objects.filter(
        recruiter=share.recruiter, candidate=share.candidate
    ).first()
    if link is not None and link.source == Source.SHARED:
        link.delete()
        _revoke(share.recruiter, [share.candidate], ALL_PERMISSIONS)
    log_activity(
        share.candidate,
        Action.SHARE_REVOKED,
        actor=admin,
        ip=ip,
        user_agent=user_agent,
        recruiter=share.recruiter.username,
    )
    return share


@transaction.atomic
def remove_from_database(recruiter: Any, candidate: CandidateProfile, *, actor: Any = None) -> None:
    """Take a candidate out of a recruiter's database, with every permission they held."""
    RecruiterCandidate.objects.filter(recruiter=recruiter, candidate=candidate).delete()
    CandidateShare.objects.filter(
        recruiter=recruiter, candidate=candidate, revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), revoked_by=actor)
    _revoke(recruiter, [candidate], ALL_PERMISSIONS)
    log_activity(candidate, Action.REMOVED, actor=actor or recruiter, recruiter=recruiter.username)


def share_by_ids(
    admin: Any,
    candidate_ids: Sequence[Any],
    recruiter_ids: Sequence[Any],
    *,
    permissions: Iterable[str] = (),
    reason: str = "",
    notes: str = "",
    ip: str | None = None,
    user_agent: str = "",
) -> list[CandidateShare]:
    """share_candidates for ids from an API or form; unknown ids are an error, not skipped."""
    from django.contrib.auth import get_user_model

    candidate_ids, recruiter_ids = (
        list(dict.fromkeys(candidate_ids)),
        list(dict.fromkeys(recruiter_ids)),
    )
    candidates = list(CandidateProfile.objects.filter(pk__in=candidate_ids))
    missing = set(map(str, candidate_ids)) - {str(c.pk) for c in candidates}
    if missing:
        raise ServiceError(f"No candidate with id {sorted(missing)[0]}.", code="unknown_candidate")
    recruiters = list(get_user_model().objects.filter(pk__in=recruiter_ids))
    missing = set(map(str, recruiter_ids)) - {str(r.pk) for r in recruiters}
    if missing:
        raise ServiceError(f"No user with id {sorted(missing)[0]}.", code="unknown_recruiter")
    return share_candidates(
        admin,
        candidates,
        recruiters,
        permissions=permissions,
        reason=reason,
        notes=notes,
        ip=ip,
        user_agent=user_agent,
    )


@transaction.atomic
def revoke_shares(
    admin: Any,
    *,
    share_ids: Sequence[Any] = (),
    candidate_ids: Sequence[Any] = (),
    recruiter_ids: Sequence[Any] = (),
    ip: str | None = None,
    user_agent: str = "",
) -> list[CandidateShare]:
    """End active shares named by id, or every active share of candidates × recruiters."""
    if not getattr(admin, "is_admin_role", False):
        raise ServiceError("Only admins can revoke shares.", status_code=403, code="forbidden")
    shares = CandidateShare.objects.none()
    if share_ids:
        shares = CandidateShare.objects.filter(pk__in=list(share_ids))
    elif candidate_ids and recruiter_ids:
        shares = CandidateShare.objects.filter(
            candidate_id__in=list(candidate_ids), recruiter_id__in=list(recruiter_ids)
        )
    active = list(shares.filter(revoked_at__isnull=True).select_related("candidate", "recruiter"))
    return [revoke_share(admin, share, ip=ip, user_agent=user_agent) for share in active]
