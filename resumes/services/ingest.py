"""Taking a resume in: validate the bytes, store the file, queue its processing."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction

from candidates.models import Source
from hotgigs.errors import Conflict, NotAllowed
from resumes.models import BulkUploadBatch, ProcessingJob, Resume
from resumes.parsing import ResumeFileError, sniff_type

from .errors import IngestError

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
MAX_FILENAME_CHARS = 200
# Room for multipart boundaries and headers around the file in a request body.
MULTIPART_OVERHEAD_BYTES = 64 * 1024
# Status codes for refusals at upload; anything not listed is a plain 400.
_STATUS_FOR_CODE = {"too_large": 413, "unsupported_type": 415}


@dataclass(frozen=True)
class IngestResult:
    """What an upload produced: the resume, its processing job, and whether it was known."""

    resume: Resume
    job: ProcessingJob | None
    duplicate: bool


def sanitize_filename(name: str, *, fallback: str = "resume") -> str:
    """A display-safe base name: no directories, no control characters, unicode kept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    # Browsers on Windows send "C:\\Users\\...\\cv.pdf"; either separator ends a directory.
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".").strip()
    if not name:
        return fallback
    if len(name) > MAX_FILENAME_CHARS:
        stem, ext = os.path.splitext(name)
        ext = ext[:16]
        name = stem[: MAX_FILENAME_CHARS - len(ext)] + ext
    return name


def _reject(code: str, message: str) -> IngestError:
    return IngestError(message, code=code, status_code=_STATUS_FOR_CODE.get(code, 400))


def _check_uploader(uploader: Any, source: str) -> None:
    if not getattr(uploader, "is_authenticated", False) or not uploader.is_active:
        raise NotAllowed("Sign in to upload a resume.")
    if source not in Source.values or source == Source.SHARED:
        raise IngestError(f"Unknown upload source {source!r}.", code="invalid_source")
    if uploader.can_manage_candidates:
        return
    if uploader.is_candidate and source == Source.UPLOAD:
        return
    if uploader.is_candidate:
        raise NotAllowed("Candidates upload their own resume one file at a time.")
    raise NotAllowed("Your account cannot upload resumes.")


def _seekable_copy(fileobj: BinaryIO) -> tuple[BinaryIO, str, int]:
    """Hash and measure the upload in chunks; copy it only when it cannot be re-read.

    Stops reading as soon as the size limit is passed, so an oversized body never
    sits in memory.
    """
    limit = settings.MAX_UPLOAD_SIZE
    declared = getattr(fileobj, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise _too_large()
    seekable = _is_seekable(fileobj)
    target: Any = fileobj
    if not seekable:
        # Closed with the upload's lifetime (garbage collected), like Django's own spools.
        target = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        )
    else:
        fileobj.seek(0)
    digest, size = hashlib.sha256(), 0
    while True:
        chunk = fileobj.read(CHUNK_BYTES)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise _too_large()
        digest.update(chunk)
        if not seekable:
            target.write(chunk)
    target.seek(0)
    return target, digest.hexdigest(), size


def _is_seekable(fileobj: Any) -> bool:
    try:
        return bool(fileobj.seekable())
    except (AttributeError, ValueError, OSError):
        return hasattr(fileobj, "seek")


def _too_large() -> IngestError:
    limit = settings.MAX_UPLOAD_SIZE
    size = f"{limit / 2**20:.3g} MB" if limit >= 2**20 else f"{limit / 1024:.3g} KB"
    return _reject("too_large", f"This file is larger than the {size} upload limit.")


def check_declared_size(content_length: str | int | None) -> None:
    """Refuse a single-file upload whose request body is announced as over the limit.

    Runs before the body is parsed, so an oversized upload is not even spooled to disk.
    """
    try:
        declared = int(content_length or 0)
    except ValueError:
        return
    if declared > settings.MAX_UPLOAD_SIZE + MULTIPART_OVERHEAD_BYTES:
        raise _too_large()


def _existing(uploader: Any, sha256: str) -> IngestResult | None:
    resume = Resume.objects.filter(uploaded_by=uploader, sha256=sha256).first()
    if resume is None:
        return None
    return IngestResult(resume=resume, job=resume.jobs.first(), duplicate=True)


def ingest_resume(
    fileobj: BinaryIO,
    *,
    filename: str,
    uploader: Any,
    source: str = "upload",
    batch: BulkUploadBatch | None = None,
) -> IngestResult:
    """Validate, store and queue one resume; the same bytes again answer as a duplicate.

    Raises IngestError (or NotAllowed) before anything is stored or queued.
    """
    _check_uploader(uploader, source)
    stream, sha256, size = _seekable_copy(fileobj)
    try:
        kind = sniff_type(stream)
    except ResumeFileError as exc:
        raise _reject(exc.code, exc.message) from exc
    found = _existing(uploader, sha256)
    if found is not None:
        return found
    name = sanitize_filename(filename, fallback=f"resume.{kind}")
    resume = Resume(
        original_filename=name,
        kind=kind,
        size=size,
        sha256=sha256,
        uploaded_by=uploader,
        source=source,
        batch=batch,
    )
    stream.seek(0)
    # Stored under a random name with the sniffed extension; the user's name is data only.
    resume.file.save(f"resume.{kind}", File(stream), save=False)
    try:
        with transaction.atomic():
            resume.save(force_insert=True)
            job = ProcessingJob.objects.create(resume=resume)
            _enqueue(job)
    except IntegrityError:
        # The same bytes arrived twice at once: the other request won, this one is a duplicate.
        resume.file.delete(save=False)
        found = _existing(uploader, sha256)
        if found is None:
            raise
        return found
    except Exception:
        # No row points at the stored file: do not leave it behind.
        resume.file.delete(save=False)
        raise
    return IngestResult(resume=resume, job=job, duplicate=False)


def _enqueue(job: ProcessingJob) -> None:
    from hotgigs.celery import enqueue_on_commit
    from resumes.tasks import process_resume_task

    enqueue_on_commit(process_resume_task, str(job.pk))


def _may_manage(user: Any, resume: Resume) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_admin_role or resume.uploaded_by_id == user.pk)
    )


@transaction.atomic
def retry_resume(user: Any, resume: Resume) -> ProcessingJob:
    """Queue a failed resume again (its uploader or an admin); returns the new job."""
    if not _may_manage(user, resume):
        raise NotAllowed("Only the person who uploaded this resume can retry it.")
    latest = resume.jobs.select_for_update().first()
    if latest is not None and latest.status != ProcessingJob.Status.FAILED:
        raise Conflict("Only a resume whose processing failed can be retried.", code="not_failed")
    job = ProcessingJob.objects.create(resume=resume)
    _enqueue(job)
    return job


@transaction.atomic
def reparse_resume(resume: Resume) -> ProcessingJob:
    """Parse a stored resume again (admin action); recruiter corrections survive the new parse."""
    latest = resume.jobs.select_for_update().first()
    busy = (ProcessingJob.Status.QUEUED, ProcessingJob.Status.PROCESSING)
    if latest is not None and latest.status in busy:
        raise Conflict("This resume is already being processed.", code="in_progress")
    job = ProcessingJob.objects.create(resume=resume)
    _enqueue(job)
    return job
