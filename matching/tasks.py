"""Celery entry points for matching: load the row, call the service."""

from __future__ import annotations

import logging

from celery import shared_task

from candidates.models import CandidateProfile
from matching.models import Job
from matching.rematch import rematch_candidate, rematch_job

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def rematch_candidate_task(candidate_id: str, force: bool = False) -> int:
    """Match one candidate against every open job; the number of matches written."""
    candidate = CandidateProfile.objects.filter(pk=candidate_id).first()
    if candidate is None:
        logger.info("Candidate %s is gone; nothing to rematch", candidate_id)
        return 0
    return rematch_candidate(candidate, force=force)


@shared_task(acks_late=True)
def rematch_job_task(job_id: str, force: bool = False) -> int:
    """Match one job against every plausible candidate; the number of matches written."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        logger.info("Job %s is gone; nothing to rematch", job_id)
        return 0
    return rematch_job(job, force=force)
