"""Every hostile file of the shared fixtures gets one of its acceptable outcomes via the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.models import ProcessingJob, Resume
from tests.resumes.helpers import BAD

pytestmark = pytest.mark.django_db(transaction=True)

CASES = json.loads((BAD / "expected.json").read_text())


def _outcome(client, case: dict) -> tuple[str, dict]:
    data = (BAD / "files" / case["file"]).read_bytes()
    upload = SimpleUploadedFile(case["upload_name"], data)
    response = client.post("/api/resumes/upload", {"file": upload}, format="multipart")
    body = response.json()
    if 400 <= response.status_code < 500:
        return "rejected_at_upload", {"status_code": response.status_code, **body}
    assert response.status_code == 202, body
    status = client.get(body["status_url"]).json()
    if status["status"] == "failed":
        return "failed_with_clear_error", status
    assert status["status"] == "completed", status
    return "parsed", status


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_hostile_file_gets_an_acceptable_outcome(case, recruiter, client_for, settings):
    client = client_for(recruiter)
    outcome, body = _outcome(client, case)

    assert outcome in case["expect"], f"{case['file']}: {outcome} {body}"
    if outcome == "rejected_at_upload":
        assert set(body) >= {"detail", "code"}
        # A sentence a recruiter can act on, not an exception name.
        assert len(body["detail"].split()) >= 4
        assert "Error" not in body["detail"]
        assert Resume.objects.count() == 0
        assert ProcessingJob.objects.count() == 0
        stored = Path(settings.MEDIA_ROOT).rglob("*")
        assert [path for path in stored if path.is_file()] == []
    elif outcome == "failed_with_clear_error":
        assert len(body["error"].split()) >= 4
        assert "Traceback" not in body["error"]
        assert body["candidate_id"] is None
    else:
        assert body["candidate_id"]
        assert body["filename"] and "/" not in body["filename"] and ".." not in body["filename"]


def test_unicode_upload_name_is_kept_for_display_and_download(recruiter, client_for):
    client = client_for(recruiter)
    data = (BAD / "files" / "unicode-name.pdf").read_bytes()
    name = "Lebenslauf_Jürgen_Müller_履歴書.pdf"
    body = client.post(
        "/api/resumes/upload", {"file": SimpleUploadedFile(name, data)}, format="multipart"
    ).json()

    assert client.get(body["status_url"]).json()["filename"] == name
    download = client.get(f"/api/resumes/{body['resume_id']}/download")
    assert "filename*=UTF-8''Lebenslauf_J%C3%BCrgen_M%C3%BCller_" in download["Content-Disposition"]


def test_zip_member_with_traversal_name_is_never_written(recruiter, client_for):
    client = client_for(recruiter)
    data = (BAD / "files" / "traversal-member.docx").read_bytes()
    client.post(
        "/api/resumes/upload",
        {"file": SimpleUploadedFile("traversal-member.docx", data)},
        format="multipart",
    )

    # The hostile member names exactly this path; extraction must never write it.
    assert not Path("/tmp/evil.txt").exists()  # noqa: S108
