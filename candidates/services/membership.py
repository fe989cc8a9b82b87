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

from hotgigs.errors import ServiceError

from .models import (
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


# Profile fields a recruiter may correct, mapped to where the parse keeps them.
CORRECTABLE_FIELDS = {
    "full_name": ("contact", "full_name"),
    "email": ("contact", "email"),
    "phone": ("contact", "phone"),
    "location": ("contact", "location"),
    "links": ("contact", "links"),
    "headline": (None, "headline"),
    "summary": (None, "summary"),
    "skills": (None, "skills"),
    "experience": (None, "experience"),
    "education": (None, "education"),
    "certifications": (None, "certifications"),
    "languages": (None, "languages"),
    "years_experience": (None, "total_experience_years"),
}
_LEVEL_ORDER = ["high_school", "associate", "bachelor", "master", "doctorate"]


def _highest_level(education: list[dict]) -> str:
    levels = [e.get("level") for e in education if e.get("level") in _LEVEL_ORDER]
    return max(levels, key=_LEVEL_ORDER.index) if levels else ""


def _skill_keys(skills: list[dict]) -> list[str]:
    return sorted({str(s.get("name", "")).strip().lower() for s in skills if s.get("name")})


def profile_values_from_parse(data: dict) -> dict[str, Any]:
    """Map a parsed-resume contract onto CandidateProfile field values."""
    contact = data.get("contact") or {}
    skills = data.get("skills") or []
    education = data.get("education") or []
    return {
        "full_name": (contact.get("full_name") or "")[:200],
        "email": (contact.get("email") or "").strip().lower()[:254],
        "phone": (contact.get("phone") or "")[:32],
        "location": (contact.get("location") or "")[:200],
        "links": contact.get("links") or [],
        "headline": (data.get("headline") or "")[:300],
        "summary": data.get("summary") or "",
        "years_experience": data.get("total_experience_years"),
        "skills": skills,
        "skill_keys": _skill_keys(skills),
        "experience": data.get("experience") or [],
        "education": education,
        "education_level": _highest_level(education),
        "certifications": data.get("certifications") or [],
        "languages": data.get("languages") or [],
    }


def _apply_corrections(candidate: CandidateProfile, values: dict[str, Any]) -> dict[str, Any]:
    """Recruiter corrections win over the parser: the newest correction per field applies."""
    seen: set[str] = set()
    for correction in candidate.corrections.order_by("-created_at"):
        if correction.field in seen:
            continue
        seen.add(correction.field)
        values[
            "years_experience" if correction.field == "years_experience" else correction.field
        ] = correction.value
        if correction.field == "skills":
            values["skill_keys"] = _skill_keys(correction.value or [])
        if correction.field == "education":
            values["education_level"] = _highest_level(correction.value or [])
    return values


def _find_existing(values: dict[str, Any]) -> CandidateProfile | None:
    if values["email"]:
        found = (
            CandidateProfile.objects.filter(email=values["email"]).order_by("created_at").first()
        )
        if found:
            return found
    if values["phone"]:
        return CandidateProfile.objects.filter(phone=values["phone"]).order_by("created_at").first()
    return None


def refresh_search_vector(candidate_ids: Iterable[Any]) -> None:
    """Recompute the full-text vector (PostgreSQL only; SQLite searches with LIKE)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value
    from django.db.models.functions import Coalesce, Left

    CandidateProfile.objects.filter(pk__in=list(candidate_ids)).update(
        search_vector=SearchVector("full_name", weight="A", config="english")
        + SearchVector("headline", weight="A", config="english")
        + SearchVector(Coalesce("email", Value("")), weight="B", config="simple")
        + SearchVector("skill_keys", weight="B", config="english")
        + SearchVector(Left("resume_text", 100_000), weight="C", config="english")
    )


@transaction.atomic
def upsert_from_parse(
    data: dict, *, resume: Any, uploader: Any, source: str, text: str = ""
) -> CandidateProfile:
    """Create or update the profile a parse describes and put it in the uploader's database.

    Matches by normalized email, then E.164 phone. Corrections made by recruiters are
    re-applied on top of the new parse, so they survive re-parsing.
    """
    values = profile_values_from_parse(data)
    candidate = _find_existing(values)
    if candidate is None:
        candidate = CandidateProfile(source=source)
        if getattr(uploader, "is_candidate", False):
            candidate.owner = uploader
    else:
        candidate = CandidateProfile.objects.select_for_update().get(pk=candidate.pk)
        candidate.profile_version += 1
        # Keep what we knew where the new parse found nothing.
        values = {k: v for k, v in values.items() if v not in ("", None, [])}
    if candidate.pk and not candidate._state.adding:
        values = _apply_corrections(candidate, values)
    for field, value in values.items():
        setattr(candidate, field, value)
    candidate.resume_text = text or candidate.resume_text
    candidate.latest_resume = resume
    candidate.full_clean(exclude=["latest_resume", "owner", "email"])
    candidate.save()
    if getattr(uploader, "is_candidate", False):
        grant_self_access(uploader, candidate)
    else:
        add_to_database(uploader, candidate, source=source)
    log_activity(candidate, Action.UPLOADED, actor=uploader, resume=str(resume.pk), source=source)
    refresh_search_vector([candidate.pk])
    return candidate
