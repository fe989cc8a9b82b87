"""POST /api/resumes/upload and the per-resume endpoints: status, data, download, privacy."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import Action, CandidateActivity, CandidateProfile
from candidates.services import share_candidates
from resumes.models import ProcessingJob, Resume
from tests.resumes.helpers import label_for, resume_file

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(client, path, name=None):
    upload = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post("/api/resumes/upload", {"file": upload}, format="multipart")


@pytest.fixture
def uploaded(recruiter, client_for):
    """A DOCX fixture resume uploaded (and processed in-process) by the recruiter."""
    path = resume_file("docx")
    body = _upload(client_for(recruiter), path).json()
    return path, body


def test_upload_answers_202_with_ids_and_a_status_url(recruiter, client_for):
    response = _upload(client_for(recruiter), resume_file("pdf"))

    assert response.status_code == 202
    body = response.json()
    assert body["duplicate"] is False
    assert body["status_url"] == f"/api/resumes/{body['resume_id']}/status"
    assert ProcessingJob.objects.get(pk=body["job_id"]).resume_id == uuid.UUID(body["resume_id"])


def test_status_reports_completion_and_the_candidate(recruiter, client_for, uploaded):
    _, body = uploaded
    status = client_for(recruiter).get(body["status_url"]).json()

    assert status["status"] == "completed"
    assert status["progress"] == 100
    assert status["error"] == ""
    assert status["started_at"] and status["finished_at"]
    assert CandidateProfile.objects.filter(pk=status["candidate_id"]).exists()


def test_data_returns_the_parsed_contract(recruiter, client_for, uploaded):
    path, body = uploaded
    data = client_for(recruiter).get(f"/api/resumes/{body['resume_id']}/data").json()

    assert data["candidate_id"]
    assert data["parser_name"]
    contract = data["data"]
    assert set(contract) >= {"contact", "skills", "experience", "education", "certifications"}
    assert contract["contact"]["email"] == label_for(path)["contact"]["email"].lower()


def test_duplicate_upload_is_answered_as_duplicate(recruiter, client_for, uploaded):
    path, first = uploaded
    again = _upload(client_for(recruiter), path, name="renamed.docx").json()

    assert again["duplicate"] is True
    assert again["resume_id"] == first["resume_id"]
    assert ProcessingJob.objects.count() == 1


def test_upload_without_a_file_is_a_clear_400(recruiter, client_for):
    response = client_for(recruiter).post("/api/resumes/upload", {}, format="multipart")

    assert response.status_code == 400
    assert response.json() == {"detail": "Choose a resume file to upload.", "code": "no_file"}


def test_anonymous_upload_is_refused(api_client):
    response = _upload(api_client, resume_file("pdf"))
    assert response.status_code == 401


def test_candidate_uploads_their_own_resume_and_sees_it(candidate_user, client_for):
    client = client_for(candidate_user)
    body = _upload(client, resume_file("pdf")).json()

    status = client.get(body["status_url"]).json()
    assert status["status"] == "completed"
    assert CandidateProfile.objects.get(pk=status["candidate_id"]).owner == candidate_user


def test_download_streams_the_original_with_a_safe_filename_and_logs(
    recruiter, client_for, uploaded
):
    path, body = uploaded
    response = client_for(recruiter).get(
        f"/api/resumes/{body['resume_id']}/download", HTTP_USER_AGENT="pytest-agent"
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == path.read_bytes()
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f'filename="{path.name}"' in disposition
    assert "filename*=UTF-8''" in disposition
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    entry = CandidateActivity.objects.get(action=Action.DOWNLOAD)
    assert entry.actor == recruiter
    assert entry.user_agent == "pytest-agent"


def test_download_filename_cannot_inject_header_parameters(recruiter, client_for):
    body = _upload(client_for(recruiter), resume_file("pdf"), name='evil"; x=1;.pdf').json()
    response = client_for(recruiter).get(f"/api/resumes/{body['resume_id']}/download")

    disposition = response["Content-Disposition"]
    assert disposition.count('"') == 2
    assert '"; x=1' not in disposition


@pytest.mark.parametrize("endpoint", ["status", "data", "download"])
def test_other_recruiter_gets_403(endpoint, other_recruiter, client_for, uploaded):
    _, body = uploaded
    response = client_for(other_recruiter).get(f"/api/resumes/{body['resume_id']}/{endpoint}")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "email" not in response.content.decode()


@pytest.mark.parametrize("endpoint", ["status", "data", "download"])
def test_unknown_resume_gets_404(endpoint, recruiter, client_for):
    response = client_for(recruiter).get(f"/api/resumes/{uuid.uuid4()}/{endpoint}")
    assert response.status_code == 404


@pytest.mark.parametrize("endpoint", ["status", "data", "download"])
def test_admin_reaches_every_resume(endpoint, admin_user, client_for, uploaded):
    _, body = uploaded
    response = client_for(admin_user).get(f"/api/resumes/{body['resume_id']}/{endpoint}")
    assert response.status_code == 200


def test_shared_recruiter_without_contact_or_download_sees_data_without_contact(
    admin_user, other_recruiter, client_for, uploaded
):
    _, body = uploaded
    candidate = Resume.objects.get(pk=body["resume_id"]).candidate
    share_candidates(admin_user, [candidate], [other_recruiter], permissions=[])
    client = client_for(other_recruiter)

    assert client.get(f"/api/resumes/{body['resume_id']}/status").status_code == 200
    contact = client.get(f"/api/resumes/{body['resume_id']}/data").json()["data"]["contact"]
    assert contact["email"] is None
    assert contact["phone"] is None
    assert client.get(f"/api/resumes/{body['resume_id']}/download").status_code == 403


def test_shared_recruiter_with_download_permission_may_download(
    admin_user, other_recruiter, client_for, uploaded
):
    _, body = uploaded
    candidate = Resume.objects.get(pk=body["resume_id"]).candidate
    share_candidates(admin_user, [candidate], [other_recruiter], permissions=["download_resume"])

    response = client_for(other_recruiter).get(f"/api/resumes/{body['resume_id']}/download")
    assert response.status_code == 200


def test_data_of_a_failed_resume_is_a_409(recruiter, client_for):
    from tests.resumes.helpers import BAD

    body = _upload(client_for(recruiter), BAD / "files" / "scanned.pdf").json()
    response = client_for(recruiter).get(f"/api/resumes/{body['resume_id']}/data")

    assert response.status_code == 409
    assert response.json()["code"] == "not_parsed"


def test_uploads_are_throttled_with_the_upload_scope(recruiter, client_for, settings):
    from django.core.cache import cache

    cache.clear()
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "upload": "2/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    from rest_framework.throttling import ScopedRateThrottle

    ScopedRateThrottle.THROTTLE_RATES = rates
    try:
        client = client_for(recruiter)
        codes = [_upload(client, resume_file("pdf", i)).status_code for i in range(3)]
    finally:
        from rest_framework.settings import api_settings

        ScopedRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        cache.clear()
    assert codes == [202, 202, 429]


def test_uploader_may_download_a_resume_that_failed_and_others_may_not(
    recruiter, other_recruiter, client_for
):
    from tests.resumes.helpers import BAD

    path = BAD / "files" / "scanned.pdf"
    body = _upload(client_for(recruiter), path).json()
    url = f"/api/resumes/{body['resume_id']}/download"

    response = client_for(recruiter).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == path.read_bytes()
    assert client_for(other_recruiter).get(url).status_code == 403


def test_oversized_upload_is_refused_with_413_and_the_limit(recruiter, client_for, settings):
    settings.MAX_UPLOAD_SIZE = 100 * 1024
    data = b"%PDF-1.4\n" + b"0" * (200 * 1024)
    response = client_for(recruiter).post(
        "/api/resumes/upload", {"file": SimpleUploadedFile("big.pdf", data)}, format="multipart"
    )

    assert response.status_code == 413
    assert response.json() == {
        "detail": "This file is larger than the 100 KB upload limit.",
        "code": "too_large",
    }
    assert Resume.objects.count() == 0
