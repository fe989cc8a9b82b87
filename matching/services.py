"""Writes of the matching app: jobs, rematch requests, match flags. One function per use case.

Rematching itself lives in ``matching.rematch`` and is re-exported here
(``rematch_candidate``, ``rematch_job``), so callers only ever import ``matching.services``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candidates.selectors import candidates_visible_to, get_candidate_for
from hotgigs.celery import enqueue_on_commit
from hotgigs.errors import NotAllowed, ServiceError
from matching.jobs import clean_skills, skills_from_description, suggest_skills
from matching.models import JOB_EDITABLE_FIELDS, MATCH_INPUT_FIELDS, CandidateMatch, Job, JobStatus
from matching.rematch import rematch_candidate, rematch_job
from matching.tasks import rematch_candidate_task, rematch_job_task

EDITABLE_FIELDS = frozenset(JOB_EDITABLE_FIELDS)

__all__ = [
    "EDITABLE_FIELDS",
    "close_job",
    "create_job",
    "delete_job",
    "mark_viewed",
    "rematch_candidate",
    "rematch_job",
    "remove_match",
    "request_candidate_rematch",
    "request_job_rematch",
    "suggest_skills",
    "update_job",
]


def _can_edit(user: Any, job: Job) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_admin_role or (user.can_manage_candidates and job.owner_id == user.pk))
    )


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = sorted(set(fields) - EDITABLE_FIELDS)
    if unknown:
        raise ServiceError(f"Unknown job field {unknown[0]!r}.", code="unknown_field")


def _fill_skills(job: Job) -> None:
    """Canonicalise the skill lists; read them from the description where they are empty."""
    job.required_skills = clean_skills(job.required_skills or [])
    job.preferred_skills = clean_skills(job.preferred_skills or [], exclude=job.required_skills)
    if job.required_skills or not job.description:
        return
    required, preferred = skills_from_description(job.description)
    if job.preferred_skills:
        job.required_skills = clean_skills(required + preferred, exclude=job.preferred_skills)
    else:
        job.required_skills, job.preferred_skills = required, preferred


def _skills_follow_description(job: Job, fields: dict[str, Any]) -> bool:
    """True when an update changes only the description of a job whose skills came from it."""
    if "description" not in fields or fields["description"] == job.description:
        return False
    if "required_skills" in fields or "preferred_skills" in fields:
        return False
    required, preferred = skills_from_description(job.description)
    return (required, preferred) == (job.required_skills, job.preferred_skills)


def _clean(job: Job) -> None:
    """full_clean, with the first problem turned into a message a recruiter can read."""
    job.title = (job.title or "").strip()
    job.location = (job.location or "").strip()
    try:
        job.full_clean(exclude=["owner"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        label = field.replace("_", " ") if field != "__all__" else "job"
        raise ServiceError(f"{label.capitalize()}: {messages[0]}", code="invalid_job") from exc


def _enqueue_job_rematch(job: Job, *, force: bool = False) -> str:
    """Queue rematch_job_task after commit and return its task id (which the API reports, so
    it is chosen here; enqueue_on_commit cannot pass one)."""
    task_id = str(uuid.uuid4())
    job_id = str(job.pk)
    transaction.on_commit(
        lambda: rematch_job_task.apply_async(args=[job_id, force], task_id=task_id)
    )
    return task_id


@transaction.atomic
def create_job(owner: Any, **fields: Any) -> Job:
    """Create a job for a recruiter (or admin) and queue its matching against all candidates."""
    if not getattr(owner, "is_authenticated", False) or not owner.can_manage_candidates:
        raise NotAllowed("Only recruiters and admins can create jobs.")
    _check_fields(fields)
    job = Job(owner=owner, **fields)
    _fill_skills(job)
    _clean(job)
    job.save()
    if job.is_open:
        enqueue_on_commit(rematch_job_task, str(job.pk), False)
    return job


@transaction.atomic
def update_job(user: Any, job: Job, **fields: Any) -> Job:
    """Change a job; a change to what scores depend on bumps its version and queues a rematch."""
    if not _can_edit(user, job):
        raise NotAllowed("You can only change your own jobs.")
    _check_fields(fields)
    locked = Job.objects.select_for_update().get(pk=job.pk)
    before = {name: getattr(locked, name) for name in MATCH_INPUT_FIELDS}
    was_open = locked.is_open
    if _skills_follow_description(locked, fields):
        # The skills were read from the old description: read them from the new one.
        locked.required_skills, locked.preferred_skills = [], []
    for name, value in fields.items():
        setattr(locked, name, value)
    _fill_skills(locked)
    _clean(locked)
    changed_inputs = any(getattr(locked, name) != before[name] for name in MATCH_INPUT_FIELDS)
    if changed_inputs:
        locked.version += 1
    locked.save()
    if locked.is_open and (changed_inputs or not was_open):
        enqueue_on_commit(rematch_job_task, str(locked.pk), False)
    return locked


@transaction.atomic
def close_job(user: Any, job: Job) -> Job:
    """Close a job: it stops being matched; its stored matches stay for the record."""
    if not _can_edit(user, job):
        raise NotAllowed("You can only close your own jobs.")
    Job.objects.filter(pk=job.pk).update(status=JobStatus.CLOSED, updated_at=timezone.now())
    job.refresh_from_db()
    return job


@transaction.atomic
def delete_job(user: Any, job: Job) -> None:
    """Delete a job and its matches."""
    if not _can_edit(user, job):
        raise NotAllowed("You can only delete your own jobs.")
    job.delete()


def request_job_rematch(user: Any, job: Job, *, force: bool = False) -> tuple[str, int]:
    """Queue a rematch of one job; (task id, candidates visible to the user it covers)."""
    if not _can_edit(user, job):
        raise NotAllowed("You can only rematch your own jobs.")
    if not job.is_open:
        raise ServiceError("Reopen the job before matching it again.", code="job_closed")
    with transaction.atomic():
        task_id = _enqueue_job_rematch(job, force=force)
    return task_id, candidates_visible_to(user).count()


def request_candidate_rematch(
    user: Any, candidate_id: Any, *, force: bool = False
) -> tuple[str, int]:
    """Queue a rematch of one candidate the user may see; (task id, open jobs it will score)."""
    if not getattr(user, "is_authenticated", False) or not user.can_manage_candidates:
        raise NotAllowed("Only recruiters and admins can rematch candidates.")
    access = get_candidate_for(user, candidate_id)
    task_id = str(uuid.uuid4())
    candidate_pk = str(access.candidate.pk)
    with transaction.atomic():
        transaction.on_commit(
            lambda: rematch_candidate_task.apply_async(args=[candidate_pk, force], task_id=task_id)
        )
    return task_id, Job.objects.filter(status=JobStatus.OPEN).count()


def mark_viewed(user: Any, match: CandidateMatch) -> CandidateMatch:
    """Record that a recruiter looked at a match (the first view counts)."""
    from matching.selectors import get_match_for

    match = get_match_for(user, match.pk)
    if match.viewed_at is None:
        match.viewed_at = timezone.now()
        CandidateMatch.objects.filter(pk=match.pk, viewed_at__isnull=True).update(
            viewed_at=match.viewed_at
        )
    return match


def remove_match(user: Any, match: CandidateMatch) -> CandidateMatch:
    """Admins hide a match (soft delete); later rematches keep it hidden."""
    if not getattr(user, "is_authenticated", False) or not user.is_admin_role:
        raise NotAllowed("Only admins can delete matches.")
    CandidateMatch.objects.filter(pk=match.pk).update(is_active=False)
    match.is_active = False
    return match
