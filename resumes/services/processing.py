"""The background pipeline of one resume: extract, parse, enrich, save, match.

Idempotent under redelivery (tasks are acknowledged late): a finished job is left alone,
a job whose worker died is claimed again (``attempts`` + 1), and only the latest claim may
save or finish, so a resume is saved and counted exactly once.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from candidates.services import upsert_from_parse
from resumes.models import ProcessingJob, Resume, ResumeData
from resumes.parsing import (
    PARSER_NAME,
    PARSER_VERSION,
    ExtractionLimits,
    ResumeFileError,
    assess_quality,
    extract_text,
    parse_text,
)

from .batches import close_batch_if_done, count_in_batch

logger = logging.getLogger(__name__)

Status = ProcessingJob.Status
# Progress shown when each step starts.
STEP_PROGRESS = {"extracting": 10, "parsing": 35, "enriching": 55, "saving": 75, "matching": 90}
# A file that kills its worker this many times is failed instead of redelivered forever.
MAX_ATTEMPTS = 3
UNEXPECTED_ERROR = (
    "Something went wrong while processing this resume. Retry it; if it fails again, "
    "contact support."
)
TOO_MANY_ATTEMPTS = (
    "Processing this file stopped the worker repeatedly, so it was not processed. "
    "Save the document again and re-upload it."
)


class _Superseded(Exception):
    """Another claim of the same job took over; this run stops without writing."""


def _commit_without_flush() -> None:
    """Let the current transaction commit without waiting for the WAL flush (PostgreSQL).

    Safe for every write before the final one: commits reach the WAL in order, so the
    job's closing commit (which waits) makes everything before it durable too; a crash
    before that leaves the task unacknowledged, and its redelivery redoes the work.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _claim(job_id: Any) -> tuple[ProcessingJob, int] | None:
    """Lock the job and take it for this run; None when there is nothing to do."""
    with transaction.atomic():
        _commit_without_flush()
        job = (
            ProcessingJob.objects.select_for_update()
            .select_related("resume", "resume__uploaded_by")
            .filter(pk=job_id)
            .first()
        )
        if job is None:
            logger.warning("process_resume: job %s does not exist", job_id)
            return None
        if job.status in (Status.COMPLETED, Status.FAILED):
            return None
        if job.status == Status.PROCESSING and job.attempts >= MAX_ATTEMPTS:
            _finish_locked(job, job.attempts, Status.FAILED, TOO_MANY_ATTEMPTS, "worker_lost")
            return None
        job.attempts += 1
        job.status = Status.PROCESSING
        job.started_at = job.started_at or timezone.now()
        job.error, job.error_code = "", ""
        if job.current_step != "matching":
            # "matching" means the parse is already saved: a re-run only matches again.
            job.current_step, job.progress = "extracting", STEP_PROGRESS["extracting"]
        fields = ["attempts", "status", "started_at", "error", "error_code", "current_step"]
        job.save(update_fields=[*fields, "progress"])
        return job, job.attempts


def _step(job: ProcessingJob, attempt: int, step: str) -> None:
    """Record the step in its own commit so the status endpoint sees it live."""
    with transaction.atomic():
        _commit_without_flush()
        moved = ProcessingJob.objects.filter(
            pk=job.pk, attempts=attempt, status=Status.PROCESSING
        ).update(current_step=step, progress=STEP_PROGRESS[step])
    if not moved:
        raise _Superseded


def _finish_locked(
    job: ProcessingJob, attempt: int, status: str, error: str = "", code: str = ""
) -> bool:
    """End the job (inside a transaction) and count it in its batch, once.

    This commit waits for the WAL flush: once the task is acknowledged the end must last.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO ON")
    values: dict[str, Any] = {"status": status, "finished_at": timezone.now()}
    if status == Status.COMPLETED:
        values.update(progress=100, current_step="")
    else:
        values.update(error=error, error_code=code)
    done = ProcessingJob.objects.filter(
        pk=job.pk, attempts=attempt, status=Status.PROCESSING
    ).update(**values)
    if done and job.resume.batch_id:
        # Same transaction as the status change, so a file is counted exactly once.
        _count(job, status)
    return bool(done)


def _count(job: ProcessingJob, status: str) -> None:
    """Batch counters: a file counts once; a retried failure that succeeds moves to succeeded."""
    batch_id = job.resume.batch_id
    earlier = list(
        ProcessingJob.objects.filter(resume_id=job.resume_id, created_at__lt=job.created_at)
        .order_by("-created_at")
        .values_list("status", flat=True)[:1]
    )
    if not earlier:
        count_in_batch(batch_id, "succeeded" if status == Status.COMPLETED else "failed")
    elif earlier[0] == Status.FAILED and status == Status.COMPLETED:
        from resumes.models import BulkUploadBatch

        BulkUploadBatch.objects.filter(pk=batch_id).update(
            failed=F("failed") - 1, succeeded=F("succeeded") + 1
        )
        close_batch_if_done(batch_id)


def _fail(job: ProcessingJob, attempt: int, error: str, code: str) -> None:
    with transaction.atomic():
        _finish_locked(job, attempt, Status.FAILED, error, code)


def _read_file(resume: Resume) -> bytes:
    with resume.file.open("rb") as handle:
        return handle.read()


def _limits() -> ExtractionLimits:
    return ExtractionLimits(
        max_pages=settings.RESUME_MAX_PAGES,
        max_text_chars=settings.RESUME_MAX_TEXT_CHARS,
        max_member_bytes=settings.RESUME_MAX_MEMBER_BYTES,
    )


def _enrich(text: str, data: dict) -> tuple[dict, bool]:
    """Refine the rule-based parse with the configured LLM; any failure keeps the rules' parse."""
    from .llm import refine

    try:
        refined = refine(text, data)
    except Exception:
        logger.exception("LLM refinement failed; keeping the rule-based parse")
        return data, False
    return refined, refined != data


def _save(job: ProcessingJob, attempt: int, text: str, data: dict, parser_name: str) -> Any:
    """One transaction: the parse, the candidate and its database link, the review flags."""
    resume = job.resume
    with transaction.atomic():
        _commit_without_flush()
        locked = ProcessingJob.objects.select_for_update().get(pk=job.pk)
        if locked.attempts != attempt or locked.status != Status.PROCESSING:
            raise _Superseded
        ResumeData.objects.create(
            resume=resume, data=data, parser_name=parser_name, parser_version=PARSER_VERSION
        )
        candidate = upsert_from_parse(
            data, resume=resume, uploader=resume.uploaded_by, source=resume.source, text=text
        )
        reasons = assess_quality(text, data)
        Resume.objects.filter(pk=resume.pk).update(
            candidate=candidate, text=text, needs_review=bool(reasons), review_reasons=reasons
        )
        resume.candidate = candidate
        ProcessingJob.objects.filter(pk=job.pk).update(
            current_step="matching", progress=STEP_PROGRESS["matching"]
        )
    return candidate


def _match(candidate: Any) -> None:
    """Match the candidate against open jobs; a matching failure never fails the resume."""
    try:
        from matching.services import rematch_candidate

        rematch_candidate(candidate, force=True)
    except Exception:
        logger.exception("Matching candidate %s failed; the resume is still saved", candidate.pk)


def process_resume(job_id: Any) -> ProcessingJob | None:
    """Run (or resume) one processing job to completed or failed; safe to call again."""
    claimed = _claim(job_id)
    if claimed is None:
        return ProcessingJob.objects.filter(pk=job_id).first()
    job, attempt = claimed
    try:
        if job.current_step == "matching" and job.resume.candidate_id:
            candidate = job.resume.candidate
        else:
            candidate = _extract_parse_save(job, attempt)
        _match(candidate)
        with transaction.atomic():
            _finish_locked(job, attempt, Status.COMPLETED)
    except _Superseded:
        logger.info("process_resume: job %s attempt %s was superseded", job.pk, attempt)
    except ResumeFileError as exc:
        _fail(job, attempt, exc.message, exc.code)
    except Exception as exc:
        logger.exception("process_resume: job %s failed unexpectedly", job.pk)
        _fail(job, attempt, _unexpected_message(exc), "internal")
    job.refresh_from_db()
    return job


def _unexpected_message(exc: Exception) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(exc, SoftTimeLimitExceeded):
        return "Processing this resume took too long and was stopped. Retry it later."
    return UNEXPECTED_ERROR


def _extract_parse_save(job: ProcessingJob, attempt: int) -> Any:
    resume = job.resume
    # The claim already recorded "extracting" in its commit.
    try:
        raw = _read_file(resume)
    except OSError as exc:
        raise ResumeFileError(
            "missing", "The stored file could not be read. Upload the resume again."
        ) from exc
    text = extract_text(raw, resume.kind, _limits())
    del raw
    _step(job, attempt, "parsing")
    data = parse_text(text, default_region=settings.PHONE_DEFAULT_REGION)
    parser_name = PARSER_NAME
    if settings.OPENAI_API_KEY:
        _step(job, attempt, "enriching")
        data, refined = _enrich(text, data)
        if refined:
            parser_name = f"{PARSER_NAME}+llm"
    _step(job, attempt, "saving")
    return _save(job, attempt, text, data, parser_name)
