"""Celery tasks of the resumes app: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="resumes.process_resume", acks_late=True, reject_on_worker_lost=True)
def process_resume_task(job_id: str) -> str | None:
    """Process one resume's job; redelivery is safe (the service is idempotent)."""
    from resumes.services import process_resume

    job = process_resume(job_id)
    return job.status if job is not None else None
