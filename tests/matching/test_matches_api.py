"""/api/matching/...: match lists, rematches, viewed, soft delete and privacy per endpoint."""

from __future__ import annotations

import re
import uuid
from types import SimpleNamespace

import pytest

from candidates.services import add_to_database, share_candidates
from matching.models import CandidateMatch
from matching.services import rematch_job
from tests.matching.factories import JobFactory, strong_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(recruiter, other_recruiter):
    """Alice's job; a strong candidate in Alice's database and one in Bob's only."""
    job = JobFactory(owner=recruiter)
    mine = strong_candidate(recruiter, full_name="Ada Lovelace", email="ada@example.com")
    theirs = strong_candidate(other_recruiter, full_name="Bob's Find")
    rematch_job(job)
    match = CandidateMatch.objects.get(job=job, candidate=mine)
    return SimpleNamespace(job=job, mine=mine, theirs=theirs, match=match)


# (method, url) per endpoint; {c} a candidate, {j} a job, {m} a match.
ENDPOINTS = [
    ("get", "/api/matching/candidates/{c}/matches"),
    ("post", "/api/matching/candidates/{c}/rematch"),
    ("get", "/api/matching/jobs/{j}/matches"),
    ("post", "/api/matching/jobs/{j}/rematch"),
    ("put", "/api/matching/matches/{m}/viewed"),
    ("get", "/api/matching/matches/{m}"),
    ("delete", "/api/matching/matches/{m}"),
    ("get", "/api/matching/stats/candidate/{c}"),
    ("get", "/api/matching/stats/job/{j}"),
]


def _call(client, method, url, **ids):
    return getattr(client, method)(url.format(**ids), {}, format="json")


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_another_recruiter_gets_403(scene, other_recruiter, client_for, method, url):
    response = _call(
        client_for(other_recruiter), method, url, c=scene.mine.id, j=scene.job.id, m=scene.match.id
    )

    assert response.status_code == 403
    assert "Ada" not in response.content.decode()


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_unknown_ids_get_404(scene, recruiter, admin_user, client_for, method, url):
    user = admin_user if method == "delete" else recruiter
    unknown = uuid.uuid4()

    response = _call(client_for(user), method, url, c=unknown, j=unknown, m=unknown)

    assert response.status_code == 404


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_anonymous_gets_401(scene, client_for, method, url):
    response = _call(
        client_for(None), method, url, c=scene.mine.id, j=scene.job.id, m=scene.match.id
    )

    assert response.status_code == 401


def test_job_matches_show_only_the_recruiters_own_candidates(scene, recruiter, client_for):
    body = client_for(recruiter).get(f"/api/matching/jobs/{scene.job.id}/matches").json()

    assert [m["candidate"]["full_name"] for m in body["results"]] == ["Ada Lovelace"]


def test_admin_sees_every_candidates_match_for_a_job(scene, admin_user, client_for):
    body = client_for(admin_user).get(f"/api/matching/jobs/{scene.job.id}/matches").json()

    assert {m["candidate"]["full_name"] for m in body["results"]} == {"Ada Lovelace", "Bob's Find"}


def test_match_payload_has_the_full_breakdown_and_no_contact_fields(scene, recruiter, client_for):
    body = client_for(recruiter).get(f"/api/matching/candidates/{scene.mine.id}/matches").json()

    match = body["results"][0]
    assert match["job"]["id"] == str(scene.job.id)
    assert match["overall"] == 100
    assert match["tier"] == "high"
    assert (match["skills_score"], match["experience_score"]) == (100, 100)
    assert (match["education_score"], match["location_score"]) == (100, 100)
    assert match["matching_skills"] == ["Python", "Django", "PostgreSQL"]
    assert match["missing_skills"] == []
    assert "ada@example.com" not in str(body)
    assert "email" not in match["candidate"] and "phone" not in match["candidate"]


def test_explanation_agrees_with_the_stored_numbers(recruiter, client_for):
    job = JobFactory(owner=recruiter, min_years=8, education_level="master")
    for years, location in [(3.0, "Houston, TX"), (9.0, "Round Rock, TX"), (5.0, "Dallas, TX")]:
        strong_candidate(
            recruiter, years_experience=years, location=location, skill_keys=["python"]
        )
    rematch_job(job)

    results = client_for(recruiter).get(f"/api/matching/jobs/{job.id}/matches").json()["results"]

    assert len(results) == 3
    for m in results:
        text = m["explanation"]
        assert f"({m['overall']}/100)" in text
        assert f"Skills {m['skills_score']}:" in text
        assert f"Experience {m['experience_score']}:" in text
        assert f"Education {m['education_score']}:" in text
        assert f"Location {m['location_score']}:" in text
        have, wanted = map(int, re.search(r"has (\d+) of (\d+) required", text).groups())
        assert have == len([s for s in m["matching_skills"] if s in job.required_skills])
        assert wanted == len(job.required_skills)
        assert all(skill in text for skill in m["missing_skills"] if skill in job.required_skills)


def test_job_matches_are_sorted_filtered_and_paginated(recruiter, client_for):
    job = JobFactory(owner=recruiter)
    strong_candidate(recruiter)  # 100, high
    strong_candidate(recruiter, skill_keys=["python"])  # 69, medium
    strong_candidate(
        recruiter, skill_keys=["python"], years_experience=1.5, location="Berlin"
    )  # 43
    rematch_job(job)
    client = client_for(recruiter)
    url = f"/api/matching/jobs/{job.id}/matches"

    page = client.get(url, {"limit": 2}).json()
    medium_up = client.get(url, {"min_score": 50}).json()
    low = client.get(url, {"tier": "low"}).json()

    assert page["count"] == 3
    assert [m["overall"] for m in page["results"]] == [100, 69]
    assert page["next"] is not None
    assert [m["overall"] for m in medium_up["results"]] == [100, 69]
    assert [m["overall"] for m in low["results"]] == [43]
    assert client.get(url, {"min_score": 101}).status_code == 400


def test_candidate_rematch_returns_a_task_id_and_the_number_of_open_jobs(
    scene, recruiter, client_for, django_capture_on_commit_callbacks
):
    JobFactory(owner=recruiter, status="closed")
    CandidateMatch.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(recruiter).post(
            f"/api/matching/candidates/{scene.mine.id}/rematch", {"force": True}, format="json"
        )

    assert response.status_code == 202
    assert response.json()["estimated_jobs"] == 1
    uuid.UUID(response.json()["task_id"])
    assert CandidateMatch.objects.filter(candidate=scene.mine, job=scene.job).exists()


def test_job_rematch_returns_a_task_id_and_the_candidates_it_covers(
    scene, recruiter, client_for, django_capture_on_commit_callbacks
):
    CandidateMatch.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(recruiter).post(
            f"/api/matching/jobs/{scene.job.id}/rematch", {}, format="json"
        )

    assert response.status_code == 202
    assert response.json()["estimated_candidates"] == 1
    assert CandidateMatch.objects.filter(job=scene.job).count() == 2


def test_marking_a_match_viewed_records_the_first_view(scene, recruiter, client_for):
    client = client_for(recruiter)

    first = client.put(f"/api/matching/matches/{scene.match.id}/viewed").json()
    second = client.put(f"/api/matching/matches/{scene.match.id}/viewed").json()

    assert first["viewed_at"] is not None
    assert second["viewed_at"] == first["viewed_at"]


def test_only_admins_delete_matches_and_the_delete_is_soft(
    scene, recruiter, admin_user, client_for
):
    url = f"/api/matching/matches/{scene.match.id}"

    assert client_for(recruiter).delete(url).status_code == 403
    assert client_for(admin_user).delete(url).status_code == 204

    scene.match.refresh_from_db()
    assert scene.match.is_active is False
    assert client_for(recruiter).get(url).status_code == 404
    listed = client_for(recruiter).get(f"/api/matching/jobs/{scene.job.id}/matches").json()
    assert listed["count"] == 0


def test_a_shared_candidate_appears_in_the_recruiters_job_matches(
    scene, recruiter, admin_user, client_for
):
    share_candidates(admin_user, [scene.theirs], [recruiter])

    body = client_for(recruiter).get(f"/api/matching/jobs/{scene.job.id}/matches").json()

    assert {m["candidate"]["full_name"] for m in body["results"]} == {"Ada Lovelace", "Bob's Find"}


def test_candidate_matches_list_only_the_recruiters_own_jobs(
    scene, recruiter, other_recruiter, client_for
):
    bobs_job = JobFactory(owner=other_recruiter)
    add_to_database(other_recruiter, scene.mine, source="upload")  # Bob uploaded Ada too
    rematch_job(bobs_job)

    alice = client_for(recruiter).get(f"/api/matching/candidates/{scene.mine.id}/matches").json()
    bob = (
        client_for(other_recruiter).get(f"/api/matching/candidates/{scene.mine.id}/matches").json()
    )

    assert [m["job"]["id"] for m in alice["results"]] == [str(scene.job.id)]
    assert [m["job"]["id"] for m in bob["results"]] == [str(bobs_job.id)]
