"""POST /api/resumes/bulk-upload and GET /api/resumes/batches/{id}."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import CandidateProfile, RecruiterCandidate
from resumes.models import BulkUploadBatch, Resume
from tests.resumes.helpers import BAD, RESUMES

pytestmark = pytest.mark.django_db(transaction=True)


def _variants(copies: int) -> list[SimpleUploadedFile]:
    """Every fixture resume in ``copies`` byte-distinct variants (same people, new sha256)."""
    files = []
    for path in sorted((RESUMES / "files").iterdir()):
        data = path.read_bytes()
        for copy in range(copies):
            name = f"{path.stem}-v{copy}{path.suffix}"
            files.append(SimpleUploadedFile(name, data + f"\n%variant {copy}\n".encode()))
    return files


def _bad(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (BAD / "files" / name).read_bytes())


def _post(client, files):
    return client.post("/api/resumes/bulk-upload", {"files": files}, format="multipart")


def test_bulk_upload_of_240_files_counts_every_outcome(recruiter, client_for):
    files = _variants(4)
    # An exact copy of the first file in the same request: a duplicate.
    first = files[0]
    files.append(SimpleUploadedFile("again.pdf", first.read()))
    first.seek(0)
    files += [_bad("random.pdf"), _bad("scanned.pdf")]
    client = client_for(recruiter)

    response = _post(client, files)

    assert response.status_code == 202
    body = response.json()
    assert body["total"] == 243
    assert len(body["accepted"]) == 242
    assert body["rejected_files"] == [
        {
            "filename": "random.pdf",
            "detail": "This file is not a PDF, DOCX or DOC document. Upload one of those formats.",
            "code": "unsupported_type",
        }
    ]
    assert sum(item["duplicate"] for item in body["accepted"]) == 1
    batch = client.get(body["batch_url"]).json()
    assert batch["status"] == "completed"
    assert batch["finished_at"]
    assert (batch["processed"], batch["succeeded"], batch["failed"]) == (243, 240, 1)
    assert (batch["duplicates"], batch["rejected"]) == (1, 1)
    # Four variants of the same person are one candidate, held once in the database.
    assert Resume.objects.filter(batch_id=body["batch_id"]).count() == 241
    assert CandidateProfile.objects.count() == 60
    assert RecruiterCandidate.objects.filter(recruiter=recruiter, source="bulk").count() == 60


def test_bulk_upload_of_only_rejected_files_completes_at_once_with_201(recruiter, client_for):
    response = _post(client_for(recruiter), [_bad("random.pdf"), _bad("resume.txt")])

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "completed"
    assert (body["processed"], body["rejected"]) == (2, 2)
    assert [item["filename"] for item in body["rejected_files"]] == ["random.pdf", "resume.txt"]


def test_candidates_cannot_bulk_upload(candidate_user, client_for):
    response = _post(client_for(candidate_user), [_bad("scanned.pdf")])
    assert response.status_code == 403
    assert BulkUploadBatch.objects.count() == 0


def test_more_files_than_allowed_are_refused_as_a_whole(recruiter, client_for, settings):
    settings.BULK_UPLOAD_MAX_FILES = 2
    response = _post(client_for(recruiter), _variants(1)[:3])

    assert response.status_code == 400
    assert response.json()["code"] == "too_many_files"
    assert Resume.objects.count() == 0


def test_bulk_upload_without_files_is_a_clear_400(recruiter, client_for):
    response = client_for(recruiter).post("/api/resumes/bulk-upload", {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "no_file"


@pytest.fixture
def batch_url(recruiter, client_for):
    path = Path(BAD / "files" / "scanned.pdf")
    body = _post(client_for(recruiter), [SimpleUploadedFile(path.name, path.read_bytes())])
    return body.json()["batch_url"]


def test_other_recruiter_gets_403_on_a_batch(other_recruiter, client_for, batch_url):
    response = client_for(other_recruiter).get(batch_url)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_admin_sees_any_batch(admin_user, client_for, batch_url):
    assert client_for(admin_user).get(batch_url).status_code == 200


def test_unknown_batch_is_404(recruiter, client_for):
    assert client_for(recruiter).get(f"/api/resumes/batches/{uuid.uuid4()}").status_code == 404
