"""Dashboard, upload endpoints, review queue, parser accuracy and job pages (test client)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates import services as candidate_services
from matching import services as matching_services
from matching.models import CandidateMatch
from resumes.models import Resume
from resumes.services import ingest_resume
from tests.candidates.factories import held_by
from tests.matching.factories import JobFactory, strong_candidate
from tests.resumes.helpers import BAD, resume_file

# Transactional: queued tasks run (eagerly) when the services' transactions commit.
pytestmark = pytest.mark.django_db(transaction=True)


def _upload(recruiter, kind="pdf", index=0) -> Resume:
    path = resume_file(kind, index)
    with path.open("rb") as handle:
        resume = ingest_resume(handle, filename=path.name, uploader=recruiter).resume
    resume.refresh_from_db()  # processed (eagerly) once the upload committed
    return resume


def test_dashboard_counts_the_recruiters_candidates_and_failures(
    recruiter, other_recruiter, page_client
):
    _upload(recruiter)
    with (BAD / "files" / "scanned.pdf").open("rb") as handle:
        ingest_resume(handle, filename="scanned.pdf", uploader=recruiter)
    _upload(other_recruiter, "docx")
    page = page_client(recruiter).get("/")
    counts = page.context["counts"]
    assert counts["candidates"] == 1 and counts["new_this_week"] == 1
    assert counts["failed"] == 1 and counts["processing"] == 0
    assert "scanned.pdf" in page.text and "no readable text" in page.text


def test_admin_dashboard_covers_the_master_database(
    admin_user, recruiter, other_recruiter, page_client
):
    _upload(recruiter)
    _upload(other_recruiter, "docx")
    page = page_client(admin_user).get("/")
    assert page.context["counts"]["candidates"] == 2
    assert "Master database" in page.text


def test_dashboard_lists_top_new_matches_until_viewed(recruiter, page_client):
    candidate = strong_candidate(recruiter, full_name="Ada Lovelace")
    job = matching_services.create_job(
        recruiter, title="Backend Engineer", required_skills=["Python", "Django"]
    )
    client = page_client(recruiter)
    assert "Ada Lovelace" in client.get("/").text
    match = CandidateMatch.objects.get(candidate=candidate, job=job)
    client.post(f"/matches/{match.pk}/viewed")
    assert "Ada Lovelace" not in client.get("/").text


def test_candidate_user_dashboard_has_no_database(candidate_user, page_client):
    page = page_client(candidate_user).get("/")
    assert page.status_code == 200 and "Candidates" not in page.text


def test_upload_of_one_file_is_followed_by_the_status_poll(recruiter, page_client):
    path = resume_file("pdf")
    client = page_client(recruiter)
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    body = client.post("/upload/files", {"files": [upload]}).json()
    assert body["batch_url"] is None
    [answer] = body["files"]
    assert answer["rejected"] is False and answer["duplicate"] is False
    statuses = client.get("/upload/status", {"ids": [answer["resume_id"]]}).json()["resumes"]
    status = statuses[answer["resume_id"]]
    assert status["status"] == "completed" and status["progress"] == 100
    assert status["candidate_id"]


def test_upload_of_many_files_answers_each_in_order_and_rejects_bad_ones_alone(
    recruiter, page_client
):
    good = resume_file("docx")
    files = [
        SimpleUploadedFile("random.pdf", (BAD / "files" / "random.pdf").read_bytes()),
        SimpleUploadedFile(good.name, good.read_bytes()),
        SimpleUploadedFile("again.docx", good.read_bytes()),
    ]
    body = page_client(recruiter).post("/upload/files", {"files": files}).json()
    assert body["batch_url"].startswith("/api/resumes/batches/")
    rejected, accepted, duplicate = body["files"]
    assert rejected["rejected"] and "PDF, DOCX or DOC" in rejected["detail"]
    assert accepted["filename"] == good.name and not accepted["duplicate"]
    assert duplicate["duplicate"] and duplicate["resume_id"] == accepted["resume_id"]


def test_status_poll_leaves_out_other_recruiters_resumes(recruiter, other_recruiter, page_client):
    theirs = _upload(other_recruiter)
    mine = _upload(recruiter, "docx")
    ids = [str(theirs.pk), str(mine.pk), "not-a-uuid"]
    statuses = page_client(recruiter).get("/upload/status", {"ids": ids}).json()["resumes"]
    assert list(statuses) == [str(mine.pk)]


def test_upload_without_files_is_refused(recruiter, page_client):
    response = page_client(recruiter).post("/upload/files", {})
    assert response.status_code == 400 and "Choose at least one" in response.json()["detail"]


def test_retry_requeues_a_failed_resume_for_its_uploader_only(
    recruiter, other_recruiter, page_client
):
    with (BAD / "files" / "scanned.pdf").open("rb") as handle:
        resume = ingest_resume(handle, filename="scanned.pdf", uploader=recruiter).resume
    assert page_client(other_recruiter).post(f"/uploads/{resume.pk}/retry").status_code == 403
    response = page_client(recruiter).post(f"/uploads/{resume.pk}/retry")
    assert response.status_code == 200
    assert resume.jobs.count() == 2


def test_review_queue_lists_flagged_resumes_of_visible_candidates(
    recruiter, other_recruiter, page_client
):
    mine = held_by(recruiter, full_name="Flagged Person")
    theirs = held_by(other_recruiter, full_name="Their Flagged Person")
    for owner, candidate in ((recruiter, mine), (other_recruiter, theirs)):
        resume = _upload(owner, "pdf", 3 if owner == recruiter else 4)
        Resume.objects.filter(pk=resume.pk).update(
            needs_review=True, review_reasons=["No name found"]
        )
        candidate.latest_resume = resume
        candidate.save(update_fields=["latest_resume"])
    page = page_client(recruiter).get("/review/")
    assert "Flagged Person" in page.text and "No name found" in page.text
    assert "Their Flagged Person" not in page.text


def test_parser_accuracy_counts_corrections_for_admins_only(admin_user, recruiter, page_client):
    candidate = held_by(recruiter)
    candidate_services.correct_field(recruiter, candidate, "full_name", "Ada King")
    page = page_client(admin_user).get("/parser-accuracy/")
    assert page.context["rows"][0]["field"] == "full_name"
    assert page.context["rows"][0]["corrections"] == 1
    assert page_client(recruiter).get("/parser-accuracy/").status_code == 403


def test_job_create_reads_skills_and_redirects_to_its_matches(recruiter, page_client):
    response = page_client(recruiter).post(
        "/jobs/new",
        {
            "title": "Data Engineer",
            "description": "Python and PostgreSQL pipelines.",
            "required_skills": "",
            "remote_policy": "remote",
            "employment_type": "full_time",
            "status": "open",
        },
    )
    assert response.status_code == 302
    job = recruiter.jobs.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert set(job.required_skills) >= {"Python", "PostgreSQL"}


def test_job_form_shows_field_errors(recruiter, page_client):
    response = page_client(recruiter).post("/jobs/new", {"title": "", "min_years": "-3"})
    assert response.status_code == 200
    assert "This field is required." in response.text


def test_suggest_skills_returns_the_taxonomy_skills_of_a_description(recruiter, page_client):
    response = page_client(recruiter).post(
        "/jobs/suggest-skills", {"description": "Kubernetes and Go"}, HTTP_HX_REQUEST="true"
    )
    assert 'data-add-skill="Kubernetes"' in response.text
    assert 'data-add-skill="Go"' in response.text


def test_job_matches_filter_by_tier_and_minimum_score(recruiter, page_client):
    job = JobFactory(owner=recruiter)
    strong_candidate(recruiter, full_name="Ada Lovelace")
    strong_candidate(
        recruiter,
        full_name="Grace Hopper",
        skills=[{"name": "Python", "proficiency": None, "years": 1}],
        skill_keys=["python"],
        years_experience=1.0,
    )
    matching_services.rematch_job(job)
    scores = dict(CandidateMatch.objects.values_list("candidate__full_name", "overall"))
    assert scores["Ada Lovelace"] > scores["Grace Hopper"]
    client = page_client(recruiter)
    both = client.get(f"/jobs/{job.pk}/").text
    assert both.index("Ada Lovelace") < both.index("Grace Hopper")
    high = client.get(f"/jobs/{job.pk}/", {"tier": "high"}).text
    assert "Ada Lovelace" in high and "Grace Hopper" not in high
    floor = client.get(f"/jobs/{job.pk}/", {"min_score": scores["Grace Hopper"] + 1}).text
    assert "Ada Lovelace" in floor and "Grace Hopper" not in floor


def test_other_recruiters_job_is_403(recruiter, other_recruiter, page_client):
    job = JobFactory(owner=recruiter, title="Secret Role")
    response = page_client(other_recruiter).get(f"/jobs/{job.pk}/")
    assert response.status_code == 403 and "Secret Role" not in response.text
    assert page_client(other_recruiter).get(f"/jobs/{job.pk}/edit").status_code == 403


def test_drive_page_without_google_configuration_explains_why(recruiter, page_client, settings):
    settings.GOOGLE_CLIENT_ID = ""
    client = page_client(recruiter)
    assert "Connect Google Drive" in client.get("/google-drive/").text
    response = client.post("/google-drive/connect", follow=True)
    assert "Google Drive is not configured" in response.text


def test_resume_preview_is_inline_and_frameable_by_our_pages_only(recruiter, page_client):
    candidate = _upload(recruiter).candidate
    response = page_client(recruiter).get(f"/candidates/{candidate.pk}/resume/preview")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    download = page_client(recruiter).get(f"/candidates/{candidate.pk}/resume")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Frame-Options"] == "DENY"


def test_resume_download_needs_the_download_permission(
    admin_user, recruiter, other_recruiter, page_client
):
    candidate = _upload(recruiter).candidate
    candidate_services.share_candidates(admin_user, [candidate], [other_recruiter], permissions=[])
    client = page_client(other_recruiter)
    assert client.get(f"/candidates/{candidate.pk}/resume").status_code == 403
    assert client.get(f"/candidates/{candidate.pk}/resume/preview").status_code == 403
    resume_tab = client.get(f"/candidates/{candidate.pk}/", {"tab": "resume"})
    assert "not given access to this candidate's resume" in resume_tab.text
    assert "/resume/preview" not in resume_tab.text
