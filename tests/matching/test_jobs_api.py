"""/api/jobs/: CRUD, ownership, skills read from the description, rematch on change."""

from __future__ import annotations

import uuid

import pytest

from matching.models import CandidateMatch, Job
from tests.matching.factories import JobFactory, strong_candidate

pytestmark = pytest.mark.django_db

BACKEND = {
    "title": "Backend Engineer",
    "description": "Build APIs with Python and Django on PostgreSQL. Kubernetes is a plus.",
    "min_years": 3,
    "education_level": "bachelor",
    "location": "Austin, TX",
    "remote_policy": "hybrid",
}


def test_recruiter_creates_a_job_with_skills_read_from_the_description(recruiter, client_for):
    response = client_for(recruiter).post("/api/jobs/", BACKEND, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["owner"] == "alice"
    assert body["required_skills"] == ["Python", "Django", "PostgreSQL"]
    assert body["preferred_skills"] == ["Kubernetes"]
    assert body["status"] == "open"
    assert body["version"] == 1


def test_given_skills_are_kept_in_canonical_spelling(recruiter, client_for):
    payload = {**BACKEND, "required_skills": ["postgres", "JS"], "preferred_skills": ["k8s"]}

    body = client_for(recruiter).post("/api/jobs/", payload, format="json").json()

    assert body["required_skills"] == ["PostgreSQL", "JavaScript"]
    assert body["preferred_skills"] == ["Kubernetes"]


def test_job_without_title_is_rejected_with_a_message(recruiter, client_for):
    response = client_for(recruiter).post("/api/jobs/", {"title": " "}, format="json")

    assert response.status_code == 400
    assert Job.objects.count() == 0


def test_recruiter_lists_only_their_own_jobs_and_admin_lists_all(
    recruiter, other_recruiter, admin_user, client_for
):
    mine = JobFactory(owner=recruiter)
    JobFactory(owner=other_recruiter)

    own = client_for(recruiter).get("/api/jobs/").json()
    everything = client_for(admin_user).get("/api/jobs/").json()

    assert [j["id"] for j in own["results"]] == [str(mine.id)]
    assert everything["count"] == 2


def test_other_recruiters_job_answers_403_on_read_change_and_delete(
    recruiter, other_recruiter, client_for
):
    job = JobFactory(owner=other_recruiter)
    client = client_for(recruiter)

    assert client.get(f"/api/jobs/{job.id}/").status_code == 403
    assert client.patch(f"/api/jobs/{job.id}/", {"title": "x"}, format="json").status_code == 403
    assert client.delete(f"/api/jobs/{job.id}/").status_code == 403
    job.refresh_from_db()
    assert job.title != "x"


def test_unknown_job_answers_404(recruiter, client_for):
    assert client_for(recruiter).get(f"/api/jobs/{uuid.uuid4()}/").status_code == 404


def test_anonymous_gets_401_and_candidate_users_get_403(candidate_user, client_for):
    assert client_for(None).get("/api/jobs/").status_code == 401
    assert client_for(candidate_user).get("/api/jobs/").status_code == 403


def test_admin_can_change_any_job(admin_user, other_recruiter, client_for):
    job = JobFactory(owner=other_recruiter)

    response = client_for(admin_user).patch(
        f"/api/jobs/{job.id}/", {"title": "Staff Engineer"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["title"] == "Staff Engineer"


def test_changing_what_scores_depend_on_bumps_the_version_and_rematches(
    recruiter, client_for, django_capture_on_commit_callbacks
):
    job = JobFactory(owner=recruiter, min_years=10)
    candidate = strong_candidate(years_experience=6.0)
    client = client_for(recruiter)

    with django_capture_on_commit_callbacks(execute=True):
        renamed = client.patch(f"/api/jobs/{job.id}/", {"title": "Renamed"}, format="json")
    assert renamed.json()["version"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        changed = client.patch(f"/api/jobs/{job.id}/", {"min_years": 5}, format="json")

    assert changed.json()["version"] == 2
    match = CandidateMatch.objects.get(job=job, candidate=candidate)
    assert (match.job_version, match.experience_score) == (2, 100)


def test_creating_a_job_matches_it_in_the_background(
    recruiter, client_for, django_capture_on_commit_callbacks
):
    candidate = strong_candidate()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(recruiter).post("/api/jobs/", BACKEND, format="json")

    match = CandidateMatch.objects.get(job_id=response.json()["id"])
    assert match.candidate == candidate


def test_closing_a_job_stops_it_from_being_matched(recruiter, client_for):
    job = JobFactory(owner=recruiter)
    client = client_for(recruiter)

    response = client.post(f"/api/jobs/{job.id}/close/")
    rematch = client.post(f"/api/matching/jobs/{job.id}/rematch", {}, format="json")

    assert response.json()["status"] == "closed"
    assert rematch.status_code == 400
    assert "Reopen" in rematch.json()["detail"]


def test_deleting_a_job_removes_it(recruiter, client_for):
    job = JobFactory(owner=recruiter)

    response = client_for(recruiter).delete(f"/api/jobs/{job.id}/")

    assert response.status_code == 204
    assert not Job.objects.filter(pk=job.pk).exists()


def test_suggest_skills_splits_required_and_preferred(recruiter, client_for):
    response = client_for(recruiter).post(
        "/api/jobs/suggest-skills/", {"description": BACKEND["description"]}, format="json"
    )

    assert response.json() == {
        "required_skills": ["Python", "Django", "PostgreSQL"],
        "preferred_skills": ["Kubernetes"],
    }


def test_skills_read_from_the_description_follow_a_new_description(recruiter, client_for):
    client = client_for(recruiter)
    job = client.post("/api/jobs/", BACKEND, format="json").json()

    changed = client.patch(
        f"/api/jobs/{job['id']}/", {"description": "Java and Spring Boot services."}, format="json"
    ).json()

    assert changed["required_skills"] == ["Java", "Spring Boot"]
    assert changed["preferred_skills"] == []
    assert changed["version"] == 2


def test_skills_a_recruiter_chose_survive_a_new_description(recruiter, client_for):
    client = client_for(recruiter)
    payload = {**BACKEND, "required_skills": ["Go"], "preferred_skills": []}
    job = client.post("/api/jobs/", payload, format="json").json()

    changed = client.patch(
        f"/api/jobs/{job['id']}/", {"description": "Java and Spring Boot services."}, format="json"
    ).json()

    assert changed["required_skills"] == ["Go"]
    assert changed["version"] == 1
