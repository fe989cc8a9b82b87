"""Reads of resumes, always scoped: a resume is visible to its uploader and to whoever may
see its candidate (through the candidates scoping helper); admins see all."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from candidates.models import DOWNLOAD_RESUME, VIEW
from candidates.selectors import candidates_visible_to, get_candidate_for
from hotgigs.errors import NotAllowed
from resumes.models import BulkUploadBatch, ProcessingJob, Resume, ResumeData


def resumes_visible_to(user: Any) -> QuerySet[Resume]:
    """The resumes this user may see."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Resume.objects.none()
    if user.is_admin_role:
        return Resume.objects.all()
    return Resume.objects.filter(
        Q(uploaded_by=user) | Q(candidate__in=candidates_visible_to(user).values("pk"))
    )


def _as_uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404("No such resume.") from exc


def get_resume_for(user: Any, resume_id: Any, *, require: str = VIEW) -> Resume:
    """A resume the user may see (and, with ``require``, act on), else 404 / 403.

    ``require`` is a candidate permission (e.g. download_resume); the uploader of a resume
    not yet linked to a candidate holds them all on it.
    """
    pk = _as_uuid(resume_id)
    resume = Resume.objects.select_related("candidate", "uploaded_by").filter(pk=pk).first()
    if resume is None:
        raise Http404("No such resume.")
    if getattr(user, "is_authenticated", False) and user.is_admin_role:
        return resume
    if resume.candidate_id is None:
        if resume.uploaded_by_id == getattr(user, "pk", None):
            return resume
        raise NotAllowed("You do not have access to this resume.")
    if require == VIEW and resume.uploaded_by_id == getattr(user, "pk", None):
        return resume
    # The candidate's permissions decide: the same rule as every candidate page.
    get_candidate_for(user, resume.candidate_id, require=require)
    return resume


def get_resume_for_download(user: Any, resume_id: Any) -> Resume:
    """A resume whose file the user may download (download_resume on its candidate)."""
    return get_resume_for(user, resume_id, require=DOWNLOAD_RESUME)


def latest_job(resume: Resume) -> ProcessingJob | None:
    """The resume's newest processing job."""
    return resume.jobs.order_by("-created_at").first()


def latest_parse(resume: Resume) -> ResumeData | None:
    """The resume's newest parse (the current one)."""
    return resume.parses.order_by("-parsed_at", "-pk").first()


def get_batch_for(user: Any, batch_id: Any) -> BulkUploadBatch:
    """A bulk batch for its owner or an admin; 403 for anyone else, 404 when unknown."""
    try:
        pk = uuid.UUID(str(batch_id))
    except ValueError as exc:
        raise Http404("No such batch.") from exc
    batch = BulkUploadBatch.objects.filter(pk=pk).first()
    if batch is None:
        raise Http404("No such batch.")
    if batch.owner_id != getattr(user, "pk", None) and not user.is_admin_role:
        raise NotAllowed("You do not have access to this batch.")
    return batch
