"""REST API of the resumes app under /api/resumes/: thin views over services and selectors."""

from __future__ import annotations

import copy
from types import SimpleNamespace
from urllib.parse import quote

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from candidates.models import VIEW_CONTACT
from candidates.selectors import permissions_for
from hotgigs.accounts.roles import IsRecruiterOrAdmin
from hotgigs.errors import Conflict
from hotgigs.http import client_ip, user_agent
from resumes import selectors, services
from resumes.models import Resume
from resumes.serializers import (
    BatchSerializer,
    BulkUploadResultSerializer,
    BulkUploadSerializer,
    ResumeDataSerializer,
    ResumeStatusSerializer,
    UploadResultSerializer,
    UploadSerializer,
    status_url,
)

ERROR = OpenApiResponse(
    response=OpenApiTypes.OBJECT, description='{"detail": message, "code": machine code}'
)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
}


def _upload_result(result: services.IngestResult) -> dict:
    return {
        "resume_id": result.resume.pk,
        "job_id": result.job.pk if result.job else None,
        "status_url": status_url(result.resume),
        "duplicate": result.duplicate,
    }


class UploadView(APIView):
    """Upload one resume; it is processed in the background (poll status_url)."""

    parser_classes = [MultiPartParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "upload"

    @extend_schema(
        description="202 with the ids and status URL. The same bytes already uploaded by you "
        "answer 202 with duplicate=true and the existing resume (nothing is queued again).",
        request={"multipart/form-data": UploadSerializer},
        responses={202: UploadResultSerializer, 400: ERROR, 403: ERROR, 413: ERROR, 415: ERROR},
    )
    def post(self, request: Request) -> Response:
        services.check_declared_size(request.META.get("CONTENT_LENGTH"))
        upload = request.FILES.get("file")
        if upload is None:
            raise services.IngestError("Choose a resume file to upload.", code="no_file")
        result = services.ingest_resume(
            upload, filename=upload.name, uploader=request.user, source="upload"
        )
        return Response(_upload_result(result), status=status.HTTP_202_ACCEPTED)


class BulkUploadView(APIView):
    """Upload many resumes at once (recruiters and admins); each file is accepted or rejected."""

    parser_classes = [MultiPartParser]
    permission_classes = [IsRecruiterOrAdmin]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "upload"

    @extend_schema(
        request={"multipart/form-data": BulkUploadSerializer},
        responses={
            201: BulkUploadResultSerializer,
            202: BulkUploadResultSerializer,
            400: ERROR,
            403: ERROR,
        },
        description="202 when files were queued for processing; 201 when every file was "
        "settled at upload (rejected or duplicate).",
    )
    def post(self, request: Request) -> Response:
        from django.conf import settings

        uploads = request.FILES.getlist("files")
        if not uploads:
            raise services.IngestError("Choose at least one resume file.", code="no_file")
        if len(uploads) > settings.BULK_UPLOAD_MAX_FILES:
            raise services.IngestError(
                f"Upload at most {settings.BULK_UPLOAD_MAX_FILES} files at once.",
                code="too_many_files",
            )
        result = services.bulk_ingest(
            ((upload.name, upload) for upload in uploads),
            uploader=request.user,
            total=len(uploads),
        )
        body = BatchSerializer(result.batch).data
        body["accepted"] = [
            {"filename": name, **_upload_result(ingested)} for name, ingested in result.accepted
        ]
        body["rejected_files"] = [
            {"filename": r.filename, "detail": r.detail, "code": r.code} for r in result.rejected
        ]
        code = status.HTTP_202_ACCEPTED if result.queued else status.HTTP_201_CREATED
        return Response(body, status=code)


class BatchView(APIView):
    """Progress of a bulk upload (its owner or an admin)."""

    @extend_schema(responses={200: BatchSerializer, 403: ERROR, 404: ERROR})
    def get(self, request: Request, batch_id: str) -> Response:
        batch = selectors.get_batch_for(request.user, batch_id)
        return Response(BatchSerializer(batch).data)


class StatusView(APIView):
    """Processing status of one resume: step, progress, error, and the candidate once saved."""

    @extend_schema(responses={200: ResumeStatusSerializer, 403: ERROR, 404: ERROR})
    def get(self, request: Request, resume_id: str) -> Response:
        resume = selectors.get_resume_for(request.user, resume_id)
        job = selectors.latest_job(resume)
        view = SimpleNamespace(resume=resume, job=job)
        return Response(ResumeStatusSerializer(view).data)


def _can_view_contact(user: object, resume: Resume) -> bool:
    if resume.uploaded_by_id == getattr(user, "pk", None) or resume.candidate is None:
        return True
    return VIEW_CONTACT in permissions_for(user, resume.candidate)


def _without_contact(data: dict) -> dict:
    """The parse with email, phone and links hidden (no view_contact permission)."""
    hidden = copy.deepcopy(data)
    contact = hidden.get("contact") or {}
    for key in ("email", "phone", "links"):
        if key in contact:
            contact[key] = [] if key == "links" else None
    return hidden


class DataView(APIView):
    """The parsed resume (the contract of DESIGN.md) and its candidate id."""

    @extend_schema(
        description="Email, phone and links are null/empty unless you may view the "
        "candidate's contact details. 409 while the resume is not parsed yet.",
        responses={200: ResumeDataSerializer, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def get(self, request: Request, resume_id: str) -> Response:
        resume = selectors.get_resume_for(request.user, resume_id)
        parse = selectors.latest_parse(resume)
        if parse is None:
            raise Conflict("This resume has not been parsed yet.", code="not_parsed")
        data = parse.data
        if not _can_view_contact(request.user, resume):
            data = _without_contact(data)
        view = SimpleNamespace(resume=resume, parse=parse, data=data)
        return Response(ResumeDataSerializer(view).data)


def content_disposition(filename: str) -> str:
    """An attachment header safe for any name: ASCII fallback plus RFC 5987 filename*."""
    ascii_name = filename.encode("ascii", "ignore").decode("ascii")
    ascii_name = "".join(ch for ch in ascii_name if ch.isprintable() and ch not in '"\\;')
    ascii_name = ascii_name.strip() or "resume"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


class DownloadView(APIView):
    """Stream the original file (needs download_resume on the candidate); logged."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            403: ERROR,
            404: ERROR,
        }
    )
    def get(self, request: Request, resume_id: str) -> FileResponse:
        resume = selectors.get_resume_for_download(request.user, resume_id)
        handle = services.open_for_download(
            request.user, resume, ip=client_ip(request), user_agent=user_agent(request)
        )
        response = FileResponse(handle, content_type=CONTENT_TYPES.get(resume.kind))
        response["Content-Disposition"] = content_disposition(resume.original_filename)
        response["X-Content-Type-Options"] = "nosniff"
        return response
