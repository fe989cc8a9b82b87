"""process_resume under redelivery: finished jobs stay finished, stuck jobs re-run once."""

from __future__ import annotations

import io

import pytest
from django.db import transaction

from candidates.models import CandidateProfile
from resumes.models import ProcessingJob, ResumeData
from resumes.services import ingest_resume, process_resume
from tests.resumes.helpers import label_for, resume_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def completed_job(recruiter) -> ProcessingJob:
    path = resume_file("pdf", 2)
    result = ingest_resume(io.BytesIO(path.read_bytes()), filename=path.name, uploader=recruiter)
    result.job.refresh_from_db()
    assert result.job.status == ProcessingJob.Status.COMPLETED
    return result.job


def test_redelivered_task_for_a_completed_job_does_nothing(completed_job):
    before = (ResumeData.objects.count(), CandidateProfile.objects.get().profile_version)

    job = process_resume(completed_job.pk)

    assert job.status == ProcessingJob.Status.COMPLETED
    assert job.attempts == 1
    assert (ResumeData.objects.count(), CandidateProfile.objects.get().profile_version) == before


def test_job_stuck_in_processing_is_run_again_and_saved_once(recruiter):
    path = resume_file("docx", 2)
    with transaction.atomic():
        result = ingest_resume(
            io.BytesIO(path.read_bytes()), filename=path.name, uploader=recruiter
        )
        # A first worker took the job and died during extraction...
        ProcessingJob.objects.filter(pk=result.job.pk).update(
            status="processing", attempts=1, current_step="extracting", progress=10
        )
    # ...and the task, sent at commit, is the redelivery (run in-process here).
    job = ProcessingJob.objects.get(pk=result.job.pk)

    assert job.status == ProcessingJob.Status.COMPLETED
    assert job.attempts == 2
    assert ResumeData.objects.filter(resume=result.resume).count() == 1


def test_job_that_died_after_saving_only_matches_again(completed_job):
    # Killed between the saving commit and the end of matching.
    ProcessingJob.objects.filter(pk=completed_job.pk).update(
        status="processing", current_step="matching", progress=90
    )

    job = process_resume(completed_job.pk)

    assert job.status == ProcessingJob.Status.COMPLETED
    assert ResumeData.objects.count() == 1
    assert CandidateProfile.objects.get().profile_version == 1


def test_file_that_keeps_killing_workers_is_failed_not_retried_forever(completed_job):
    ProcessingJob.objects.filter(pk=completed_job.pk).update(
        status="processing", attempts=3, current_step="parsing"
    )

    job = process_resume(completed_job.pk)

    assert job.status == ProcessingJob.Status.FAILED
    assert job.error_code == "worker_lost"
    assert "re-upload" in job.error


def test_unknown_job_id_is_ignored(db):
    import uuid

    assert process_resume(uuid.uuid4()) is None


def test_a_new_resume_is_matched_against_open_jobs(recruiter):
    from matching.models import CandidateMatch, Job

    path = resume_file("pdf", 3)
    skills = [skill["name"] for skill in label_for(path)["skills"][:3]]
    job = Job.objects.create(
        owner=recruiter, title="Opening", required_skills=skills, remote_policy="remote"
    )

    result = ingest_resume(io.BytesIO(path.read_bytes()), filename=path.name, uploader=recruiter)

    result.resume.refresh_from_db()
    match = CandidateMatch.objects.get(job=job)
    assert match.candidate == result.resume.candidate
    assert set(skills) <= set(match.matching_skills)
