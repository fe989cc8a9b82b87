"""The home page per role: counts, recent uploads, recent activity and top new matches.

Recruiters see their own database; admins see the master database. Candidate reads start
from ``candidates_visible_to``, jobs from ``jobs_visible_to``; uploads are the user's own
(admins: everyone's).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from candidates.models import CandidateActivity
from candidates.selectors import activity_visible_to, candidates_visible_to
from matching.models import CandidateMatch, JobStatus
from matching.selectors import jobs_visible_to
from resumes.models import ProcessingJob, Resume
from resumes.selectors import resumes_visible_to

RECENT = 8


def uploads_of(user: Any) -> QuerySet[Resume]:
    """Resumes this user uploaded (everyone's for admins), with their latest job's status."""
    qs = resumes_visible_to(user)
    if not user.is_admin_role:
        qs = qs.filter(uploaded_by_id=user.pk)
    latest = ProcessingJob.objects.filter(resume=OuterRef("pk")).order_by("-created_at")
    return qs.annotate(
        job_status=Subquery(latest.values("status")[:1]),
        job_error=Subquery(latest.values("error")[:1]),
    ).select_related("candidate")


def recent_activity(user: Any) -> QuerySet[CandidateActivity]:
    """Audit entries on visible candidates; recruiters read only their own (as on the detail)."""
    return activity_visible_to(user).select_related("candidate", "actor").order_by("-created_at")


def top_new_matches(user: Any, *, now: dt.datetime | None = None) -> QuerySet[CandidateMatch]:
    """Unviewed matches from the last week, of the user's open jobs and visible candidates."""
    now = now or timezone.now()
    return (
        CandidateMatch.objects.filter(
            is_active=True,
            viewed_at__isnull=True,
            computed_at__gte=now - dt.timedelta(days=7),
            job__in=jobs_visible_to(user).filter(status=JobStatus.OPEN),
            candidate__in=candidates_visible_to(user),
        )
        .select_related("candidate", "job")
        .order_by("-overall", "-computed_at")
    )


def dashboard_counts(user: Any, *, now: dt.datetime | None = None) -> dict[str, int]:
    """Candidates, new this week, resumes processing and failed, for the user's scope."""
    now = now or timezone.now()
    visible = candidates_visible_to(user)
    uploads = uploads_of(user)
    busy = [ProcessingJob.Status.QUEUED, ProcessingJob.Status.PROCESSING]
    return {
        "candidates": visible.count(),
        "new_this_week": visible.filter(created_at__gte=now - dt.timedelta(days=7)).count(),
        "processing": uploads.filter(job_status__in=busy).count(),
        "failed": uploads.filter(job_status=ProcessingJob.Status.FAILED).count(),
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in user's home page."""
    user = request.user
    context: dict[str, Any] = {"is_admin": user.is_admin_role}
    if user.can_manage_candidates:
        context.update(
            counts=dashboard_counts(user),
            uploads=uploads_of(user)[:RECENT],
            activity=recent_activity(user)[:RECENT],
            top_matches=top_new_matches(user)[:RECENT],
        )
    return render(request, "dashboard.html", context)
