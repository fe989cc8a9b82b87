"""Django admin for resumes: the re-parse and retry actions go through the services."""

from __future__ import annotations

import io

import pytest

from resumes.models import ProcessingJob, Resume, ResumeData
from resumes.services import ingest_resume
from tests.resumes.helpers import BAD, resume_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _act(admin_client, action: str, resume: Resume):
    return admin_client.post(
        "/admin/resumes/resume/",
        {"action": action, "_selected_action": [str(resume.pk)]},
        follow=True,
    )


def test_admin_reparse_action_adds_a_new_parse(admin_client, recruiter):
    path = resume_file("pdf")
    resume = ingest_resume(
        io.BytesIO(path.read_bytes()), filename=path.name, uploader=recruiter
    ).resume

    response = _act(admin_client, "reparse", resume)

    assert "Queued 1 resume(s) for processing." in response.content.decode()
    assert ResumeData.objects.filter(resume=resume).count() == 2
    assert resume.jobs.count() == 2


def test_admin_retry_action_refuses_a_completed_resume_with_the_reason(admin_client, recruiter):
    path = resume_file("pdf")
    resume = ingest_resume(
        io.BytesIO(path.read_bytes()), filename=path.name, uploader=recruiter
    ).resume

    response = _act(admin_client, "retry", resume)

    assert "Only a resume whose processing failed can be retried." in response.content.decode()
    assert resume.jobs.count() == 1


def test_admin_retry_action_requeues_a_failed_resume(admin_client, recruiter):
    data = (BAD / "files" / "scanned.pdf").read_bytes()
    resume = ingest_resume(io.BytesIO(data), filename="scanned.pdf", uploader=recruiter).resume

    _act(admin_client, "retry", resume)

    assert list(resume.jobs.values_list("status", flat=True)) == [
        ProcessingJob.Status.FAILED,
        ProcessingJob.Status.FAILED,
    ]


def test_resume_admin_pages_render(admin_client, recruiter):
    path = resume_file("docx")
    resume = ingest_resume(
        io.BytesIO(path.read_bytes()), filename=path.name, uploader=recruiter
    ).resume

    assert admin_client.get("/admin/resumes/resume/").status_code == 200
    assert admin_client.get(f"/admin/resumes/resume/{resume.pk}/change/").status_code == 200
    assert admin_client.get("/admin/resumes/processingjob/").status_code == 200
    assert admin_client.get("/admin/resumes/bulkuploadbatch/").status_code == 200
    assert admin_client.get("/admin/resumes/resumedata/").status_code == 200
