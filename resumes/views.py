"""Upload page (drag-and-drop with live progress), retry, review queue, parser accuracy.

Uploads call ``resumes.services`` (the same ingestion as the API); the page polls the API's
status and batch JSON. The review queue starts from ``candidates_visible_to``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from candidates.selectors import candidates_visible_to, correction_stats
from hotgigs.errors import ServiceError
from hotgigs.pages import admin_page, recruiter_page
from resumes import selectors, services

ACCEPTED_EXTENSIONS = [".pdf", ".docx", ".doc"]
PAGE_SIZE = 25


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


def _accepted(name: str, result: services.IngestResult) -> dict:
    resume = result.resume
    return {
        "filename": name,
        "resume_id": str(resume.pk),
        "duplicate": result.duplicate,
        "status_url": reverse("api-resume-status", args=[resume.pk]),
        "retry_url": reverse("resume_retry", args=[resume.pk]),
        "candidate_id": str(resume.candidate_id) if resume.candidate_id else None,
    }


@require_POST
@recruiter_page
def upload_files(request: HttpRequest) -> JsonResponse:
    """Take one or many files; one file is a single upload, more make a bulk batch."""
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
            body = {"filename": upload.name, "detail": exc.message, "code": exc.code}
            return JsonResponse({"batch_url": None, "accepted": [], "rejected": [body]})
        return JsonResponse({"batch_url": None, "accepted": [_accepted(upload.name, result)]})
    bulk = services.bulk_ingest(
        ((upload.name, upload) for upload in uploads), uploader=request.user, total=len(uploads)
    )
    return JsonResponse(
        {
            "batch_url": reverse("api-resume-batch", args=[bulk.batch.pk]),
            "accepted": [_accepted(name, result) for name, result in bulk.accepted],
            "rejected": [
                {"filename": r.filename, "detail": r.detail, "code": r.code} for r in bulk.rejected
            ],
        }
    )


@require_POST
@recruiter_page
def resume_retry(request: HttpRequest, resume_id: str) -> JsonResponse:
    """Queue a failed resume again (its uploader or an admin)."""
    resume = selectors.get_resume_for(request.user, resume_id)
    try:
        services.retry_resume(request.user, resume)
    except ServiceError as exc:
        return JsonResponse({"detail": exc.message, "code": exc.code}, status=exc.status_code)
    return JsonResponse({"status_url": reverse("api-resume-status", args=[resume.pk])})


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
