"""Reads of jobs, matches and match statistics, always scoped to the user.

A recruiter sees their own jobs; admins see all. A match is visible when both its job and its
candidate are: candidates go through ``candidates.selectors.candidates_visible_to``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from candidates.selectors import candidates_visible_to, get_candidate_for
from hotgigs.errors import NotAllowed
from matching.models import CandidateMatch, Job, JobStatus, Tier


def _is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_admin_role)


def _valid_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    """Jobs this user may see and manage: their own (recruiters), all (admins), none (others)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Job.objects.none()
    if _is_admin(user):
        return Job.objects.all()
    if user.can_manage_candidates:
        return Job.objects.filter(owner_id=user.pk)
    return Job.objects.none()


def get_job_for(user: Any, job_id: Any) -> Job:
    """A job the user may see, or raise Http404 (no such id) / NotAllowed (someone else's)."""
    if not _valid_uuid(job_id):
        raise Http404("No such job.")
    job = jobs_visible_to(user).filter(pk=job_id).first()
    if job is not None:
        return job
    if Job.objects.filter(pk=job_id).exists():
        raise NotAllowed("You do not have access to this job.")
    raise Http404("No such job.")


def _filtered(qs: QuerySet, min_score: int | None, tier: str | None) -> QuerySet:
    if min_score is not None:
        qs = qs.filter(overall__gte=min_score)
    if tier:
        qs = qs.filter(tier=tier)
    return qs


def matches_for_job(
    user: Any, job: Job, *, min_score: int | None = None, tier: str | None = None
) -> QuerySet[CandidateMatch]:
    """Active matches of a job among the candidates the user may see, best first."""
    if not jobs_visible_to(user).filter(pk=job.pk).exists():
        raise NotAllowed("You do not have access to this job.")
    qs = CandidateMatch.objects.filter(job_id=job.pk, is_active=True)
    if not _is_admin(user):
        visible = candidates_visible_to(user).filter(pk=OuterRef("candidate_id"))
        qs = qs.filter(Exists(visible))
    qs = _filtered(qs, min_score, tier)
    return qs.select_related("candidate", "job").order_by("-overall", "candidate_id")


def matches_for_candidate(
    user: Any,
    candidate_id: Any,
    *,
    min_score: int | None = None,
    tier: str | None = None,
    include_closed: bool = False,
) -> QuerySet[CandidateMatch]:
    """Active matches of a candidate against the user's jobs (open ones unless include_closed).

    Raises Http404 for an unknown candidate and NotAllowed for someone else's.
    """
    access = get_candidate_for(user, candidate_id)
    jobs = jobs_visible_to(user)
    if not include_closed:
        jobs = jobs.filter(status=JobStatus.OPEN)
    qs = CandidateMatch.objects.filter(
        candidate_id=access.candidate.pk, is_active=True, job__in=jobs
    )
    qs = _filtered(qs, min_score, tier)
    return qs.select_related("candidate", "job").order_by("-overall", "job_id")


def get_match_for(user: Any, match_id: Any) -> CandidateMatch:
    """A match whose job and candidate the user may both see, or Http404 / NotAllowed."""
    if not _valid_uuid(match_id):
        raise Http404("No such match.")
    match = CandidateMatch.objects.select_related("job", "candidate").filter(pk=match_id).first()
    if match is None or (not match.is_active and not _is_admin(user)):
        raise Http404("No such match.")
    job_visible = jobs_visible_to(user).filter(pk=match.job_id).exists()
    candidate_visible = candidates_visible_to(user).filter(pk=match.candidate_id).exists()
    if not (job_visible and candidate_visible):
        raise NotAllowed("You do not have access to this match.")
    return match


def _tier_counts(qs: QuerySet) -> dict[str, Any]:
    return qs.aggregate(
        total=Count("pk"),
        high=Count("pk", filter=Q(tier=Tier.HIGH)),
        medium=Count("pk", filter=Q(tier=Tier.MEDIUM)),
        low=Count("pk", filter=Q(tier=Tier.LOW)),
        viewed=Count("pk", filter=Q(viewed_at__isnull=False)),
        average=Avg("overall"),
    )


def job_stats(user: Any, job: Job) -> dict[str, Any]:
    """Match counts of a job among the user's visible candidates: total, per tier, viewed.

    ``view_rate`` is viewed / total (0.0 without matches); ``average_score`` is None then.
    """
    counts = _tier_counts(matches_for_job(user, job).order_by())
    total = counts["total"]
    return {
        "job_id": job.pk,
        "total": total,
        "high": counts["high"],
        "medium": counts["medium"],
        "low": counts["low"],
        "viewed": counts["viewed"],
        "view_rate": round(counts["viewed"] / total, 4) if total else 0.0,
        "average_score": round(counts["average"], 1) if counts["average"] is not None else None,
    }


def candidate_stats(user: Any, candidate_id: Any) -> dict[str, Any]:
    """Match counts of a candidate against the user's open jobs: total, per tier, match rate.

    ``match_rate`` is the share of the user's open jobs the candidate has a stored match for.
    """
    qs = matches_for_candidate(user, candidate_id).order_by()
    counts = _tier_counts(qs)
    open_jobs = jobs_visible_to(user).filter(status=JobStatus.OPEN).count()
    total = counts["total"]
    return {
        "candidate_id": uuid.UUID(str(candidate_id)),
        "total": total,
        "high": counts["high"],
        "medium": counts["medium"],
        "low": counts["low"],
        "open_jobs": open_jobs,
        "match_rate": round(total / open_jobs, 4) if open_jobs else 0.0,
        "average_score": round(counts["average"], 1) if counts["average"] is not None else None,
    }
