"""ingest_resume, retry_resume and reparse_resume, with the pipeline run in-process."""

from __future__ import annotations

import io

import pytest

from candidates.models import CandidateProfile, RecruiterCandidate
from candidates.selectors import candidates_visible_to
from hotgigs.errors import Conflict, NotAllowed
from resumes.models import ProcessingJob, Resume, ResumeData
from resumes.services import (
    IngestError,
    ingest_resume,
    reparse_resume,
    retry_resume,
    sanitize_filename,
)
from tests.resumes.helpers import BAD, label_for, resume_file

pytestmark = pytest.mark.django_db(transaction=True)


def test_pdf_upload_becomes_a_candidate_in_the_uploaders_database(recruiter):
    path = resume_file("pdf")
    result = ingest_resume(io.BytesIO(path.read_bytes()), filename=path.name, uploader=recruiter)

    result.job.refresh_from_db()
    assert result.duplicate is False
    assert result.job.status == ProcessingJob.Status.COMPLETED
    assert result.job.progress == 100
    resume = Resume.objects.get(pk=result.resume.pk)
    assert resume.kind == "pdf"
    assert resume.candidate.email == label_for(path)["contact"]["email"].lower()
    assert list(candidates_visible_to(recruiter)) == [resume.candidate]
    assert RecruiterCandidate.objects.filter(recruiter=recruiter, source="upload").count() == 1


def test_same_bytes_again_are_answered_as_duplicate_without_a_new_job(recruiter, pdf_bytes):
    first = ingest_resume(io.BytesIO(pdf_bytes), filename="a.pdf", uploader=recruiter)
    again = ingest_resume(io.BytesIO(pdf_bytes), filename="b.pdf", uploader=recruiter)

    assert again.duplicate is True
    assert again.resume.pk == first.resume.pk
    assert ProcessingJob.objects.count() == 1
    assert Resume.objects.count() == 1


def test_same_bytes_from_another_recruiter_are_not_a_duplicate(
    recruiter, other_recruiter, pdf_bytes
):
    ingest_resume(io.BytesIO(pdf_bytes), filename="a.pdf", uploader=recruiter)
    theirs = ingest_resume(io.BytesIO(pdf_bytes), filename="a.pdf", uploader=other_recruiter)

    assert theirs.duplicate is False
    # Same person: one profile, held by both recruiters.
    assert CandidateProfile.objects.count() == 1
    assert candidates_visible_to(other_recruiter).count() == 1


def test_same_person_with_new_bytes_updates_one_candidate(recruiter, pdf_bytes):
    ingest_resume(io.BytesIO(pdf_bytes), filename="v1.pdf", uploader=recruiter)
    # A later edit of the same resume: different bytes, same email.
    ingest_resume(io.BytesIO(pdf_bytes + b"\n%edited\n"), filename="v2.pdf", uploader=recruiter)

    assert Resume.objects.count() == 2
    assert CandidateProfile.objects.count() == 1
    candidate = CandidateProfile.objects.get()
    assert candidate.profile_version == 2
    assert set(Resume.objects.values_list("candidate", flat=True)) == {candidate.pk}


def test_valid_pdf_named_docx_is_accepted_as_pdf(recruiter):
    data = (BAD / "files" / "pdf-named.docx").read_bytes()
    result = ingest_resume(io.BytesIO(data), filename="pdf-named.docx", uploader=recruiter)

    assert result.resume.kind == "pdf"
    assert result.resume.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\ann\\cv.docx", "cv.docx"),
        ("Lebenslauf_Jürgen_Müller_履歴書.pdf", "Lebenslauf_Jürgen_Müller_履歴書.pdf"),
        ("bad\x00name\x1f.pdf", "badname.pdf"),
        ("....", "resume"),
        ("", "resume"),
    ],
)
def test_filenames_are_sanitized_but_keep_unicode(raw, expected):
    assert sanitize_filename(raw) == expected


def test_long_filenames_are_capped_keeping_the_extension():
    name = sanitize_filename("x" * 500 + ".docx")
    assert len(name) <= 200
    assert name.endswith(".docx")


def test_traversal_filename_is_stored_under_a_random_name(recruiter, pdf_bytes, settings):
    result = ingest_resume(
        io.BytesIO(pdf_bytes), filename="../../etc/passwd.pdf", uploader=recruiter
    )

    assert result.resume.original_filename == "passwd.pdf"
    assert result.resume.file.name.startswith("resumes/")
    assert ".." not in result.resume.file.name


def test_oversized_upload_is_refused_before_anything_is_stored(recruiter, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    with pytest.raises(IngestError) as caught:
        ingest_resume(io.BytesIO(b"%PDF-1.4\n" + b"0" * 4096), filename="a.pdf", uploader=recruiter)

    assert caught.value.code == "too_large"
    assert caught.value.status_code == 413
    assert "upload limit" in caught.value.message
    assert Resume.objects.count() == 0


def test_text_file_is_refused_with_a_clear_message(recruiter):
    with pytest.raises(IngestError) as caught:
        ingest_resume(io.BytesIO(b"Jane Doe\nEngineer\n"), filename="cv.pdf", uploader=recruiter)

    assert caught.value.code == "unsupported_type"
    assert "PDF, DOCX or DOC" in caught.value.message
    assert ProcessingJob.objects.count() == 0


def test_candidate_may_upload_only_their_own_single_resume(candidate_user, pdf_bytes):
    result = ingest_resume(io.BytesIO(pdf_bytes), filename="me.pdf", uploader=candidate_user)
    result.resume.refresh_from_db()
    assert result.resume.candidate.owner == candidate_user

    with pytest.raises(NotAllowed):
        ingest_resume(
            io.BytesIO(pdf_bytes), filename="x.pdf", uploader=candidate_user, source="bulk"
        )


def test_scanned_pdf_fails_with_a_readable_error_and_no_candidate(recruiter):
    data = (BAD / "files" / "scanned.pdf").read_bytes()
    result = ingest_resume(io.BytesIO(data), filename="scanned.pdf", uploader=recruiter)

    result.job.refresh_from_db()
    assert result.job.status == ProcessingJob.Status.FAILED
    assert "scanned" in result.job.error
    assert CandidateProfile.objects.count() == 0
    assert ResumeData.objects.count() == 0


def test_retry_queues_a_new_job_for_a_failed_resume_only(recruiter, other_recruiter):
    data = (BAD / "files" / "scanned.pdf").read_bytes()
    result = ingest_resume(io.BytesIO(data), filename="scanned.pdf", uploader=recruiter)

    with pytest.raises(NotAllowed):
        retry_resume(other_recruiter, result.resume)
    job = retry_resume(recruiter, result.resume)

    assert job.pk != result.job.pk
    assert result.resume.jobs.count() == 2
    job.refresh_from_db()
    assert job.status == ProcessingJob.Status.FAILED


def test_retry_of_a_completed_resume_is_a_conflict(recruiter, pdf_bytes):
    result = ingest_resume(io.BytesIO(pdf_bytes), filename="a.pdf", uploader=recruiter)
    with pytest.raises(Conflict):
        retry_resume(recruiter, result.resume)


def test_reparse_keeps_recruiter_corrections(recruiter, pdf_bytes):
    from candidates.models import FieldCorrection

    result = ingest_resume(io.BytesIO(pdf_bytes), filename="a.pdf", uploader=recruiter)
    result.resume.refresh_from_db()
    candidate = result.resume.candidate
    FieldCorrection.objects.create(
        candidate=candidate, field="headline", value="Corrected headline", author=recruiter
    )

    reparse_resume(result.resume)

    candidate.refresh_from_db()
    assert candidate.headline == "Corrected headline"
    assert ResumeData.objects.filter(resume=result.resume).count() == 2
