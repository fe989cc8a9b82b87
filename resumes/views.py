"""Upload page (drag-and-drop with live progress), retry, review queue, parser accuracy.

Uploads call ``resumes.services`` (the same ingestion as the API); the page polls the
statuses of all its files at once (the API's status shape) and the API's batch JSON.
The review queue starts from ``candidates_visible_to``.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from candidates.selectors import candidates_visible_to, correction_stats
from hotgigs.errors import ServiceError
from hotgigs.pages import admin_page, recruiter_page
from resumes import selectors, services
from resumes.models import ProcessingJob
from resumes.serializers import ResumeStatusSerializer

ACCEPTED_EXTENSIONS = [".pdf", ".docx", ".doc"]
PAGE_SIZE = 25
STATUS_BATCH = 100  # ids per status poll; the page splits bigger uploads into several polls


@require_GET
@recruiter_page
def upload_page(request: HttpRequest) -> HttpResponse:
    """The drop zone and file picker; limits are given to the script for a client-side check."""
    context = {
        "max_size": settings.MAX_UPLOAD_SIZE,
        "max_files": settings.BULK_UPLOAD_MAX_FILES,
        "extensions": ",".join(ACCEPTED_EXTENSIONS),
    }
    return render(request, "resumes/upload.html", context)


def _outcome(name: str, result: services.IngestResult | services.Rejection) -> dict:
    """One file's answer: rejected with the reason, or accepted (queued or a duplicate)."""
    if isinstance(result, services.Rejection):
        return {"filename": name, "rejected": True, "detail": result.detail, "code": result.code}
    resume = result.resume
    return {
        "filename": name,
        "rejected": False,
        "resume_id": str(resume.pk),
        "duplicate": result.duplicate,
        "retry_url": reverse("resume_retry", args=[resume.pk]),
        "candidate_id": str(resume.candidate_id) if resume.candidate_id else None,
    }


@require_POST
@recruiter_page
def upload_files(request: HttpRequest) -> JsonResponse:
    """Take one or many files; one file is a single upload, more make a bulk batch.

    ``files`` answers each upload in the order it was sent.
    """
    uploads = request.FILES.getlist("files")
    if not uploads:
        return JsonResponse({"detail": "Choose at least one resume file."}, status=400)
    if len(uploads) > settings.BULK_UPLOAD_MAX_FILES:
        detail = f"Upload at most {settings.BULK_UPLOAD_MAX_FILES} files at once."
        return JsonResponse({"detail": detail}, status=400)
    if len(uploads) == 1:
        upload = uploads[0]
        try:
            result = services.ingest_resume(upload, filename=upload.name, uploader=request.user)
        except ServiceError as exc:
            rejected = {"filename": upload.name, "rejected": True, "detail": exc.message}
            return JsonResponse({"batch_url": None, "files": [{**rejected, "code": exc.code}]})
        return JsonResponse({"batch_url": None, "files": [_outcome(upload.name, result)]})
    outcomes: list[dict] = []
    bulk = services.bulk_ingest(
        ((upload.name, upload) for upload in uploads),
        uploader=request.user,
        total=len(uploads),
        on_file=lambda name, result: outcomes.append(_outcome(name, result)),
    )
    batch_url = reverse("api-resume-batch", args=[bulk.batch.pk])
    return JsonResponse({"batch_url": batch_url, "files": outcomes})


@require_POST
@recruiter_page
def resume_retry(request: HttpRequest, resume_id: str) -> JsonResponse:
    """Queue a failed resume again (its uploader or an admin)."""
    resume = selectors.get_resume_for(request.user, resume_id)
    try:
        services.retry_resume(request.user, resume)
    except ServiceError as exc:
        return JsonResponse({"detail": exc.message, "code": exc.code}, status=exc.status_code)
    return JsonResponse({"resume_id": str(resume.pk)})


@require_GET
@recruiter_page
def upload_status(request: HttpRequest) -> JsonResponse:
    """Statuses of many resumes in one answer (the API's status shape), for the progress bars.

    One request per poll for a whole bulk upload, instead of one per file.
    """
    ids = [value for value in request.GET.getlist("ids")[:STATUS_BATCH] if _is_uuid(value)]
    latest_first = Prefetch("jobs", queryset=ProcessingJob.objects.order_by("-created_at"))
    resumes = selectors.resumes_visible_to(request.user).filter(pk__in=ids)
    statuses = {}
    for resume in resumes.prefetch_related(latest_first):
        job = next(iter(resume.jobs.all()), None)
        if job is not None:
            view = SimpleNamespace(resume=resume, job=job)
            statuses[str(resume.pk)] = ResumeStatusSerializer(view).data
    return JsonResponse({"resumes": statuses})


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@require_GET
@recruiter_page
def review_queue(request: HttpRequest) -> HttpResponse:
    """Visible candidates whose latest resume was flagged as a weak parse, newest first."""
    flagged = (
        candidates_visible_to(request.user)
        .filter(latest_resume__needs_review=True)
        .select_related("latest_resume")
        .order_by("-latest_resume__created_at")
    )
    page = Paginator(flagged, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "resumes/review_queue.html", {"page": page})


@require_GET
@admin_page
def parser_accuracy(request: HttpRequest) -> HttpResponse:
    """Per parsed field, how often recruiters corrected it, against all parsed resumes."""
    resumes = selectors.resumes_visible_to(request.user)
    parsed = resumes.filter(candidate__isnull=False).count()
    rows = correction_stats()
    for row in rows:
        row["rate"] = round(100 * row["candidates"] / parsed, 1) if parsed else 0
    context = {
        "rows": rows,
        "parsed": parsed,
        "flagged": resumes.filter(needs_review=True).count(),
    }
    return render(request, "resumes/parser_accuracy.html", context)
