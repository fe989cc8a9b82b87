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


def _revoke(user: Any, candidates: Sequence[CandidateProfile], codenames: Iterable[str]) -> None:
    CandidateUserObjectPermission.objects.filter(
        user=user,
        content_object__in=candidates,
        permission__codename__in=list(codenames),
        permission__content_type__app_label="candidates",
    ).delete()


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
    shares = []
    for recruiter in recruiters:
        for candidate in candidates:
            share = CandidateShare.objects.filter(
                candidate=candidate, recruiter=recruiter, revoked_at__isnull=True
            ).first()
            previous = set(share.permissions) if share else set()
            if share is None:
                share = CandidateShare(admin=admin, candidate=candidate, recruiter=recruiter)
            share.permissions, share.reason, share.notes, share.admin = chosen, reason, notes, admin
            share.save()
            shares.append(share)
            link, created = RecruiterCandidate.objects.get_or_create(
                recruiter=recruiter, candidate=candidate, defaults={"source": Source.SHARED}
            )
            if link.source == Source.SHARED:
                # A shared holder gets view plus exactly the chosen subset.
                _revoke(recruiter, [candidate], set(SHAREABLE_PERMISSIONS) - set(chosen))
                _grant(recruiter, [candidate], [VIEW, *chosen])
            if created or previous != set(chosen):
                log_activity(
                    candidate,
                    Action.SHARE_GRANTED,
                    actor=admin,
                    ip=ip,
                    user_agent=user_agent,
                    recruiter=recruiter.username,
                    permissions=chosen,
                    reason=reason,
                )
    return shares


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
