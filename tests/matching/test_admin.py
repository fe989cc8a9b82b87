"""Django admin for jobs and matches: writes go through the services."""

from __future__ import annotations

import pytest

from matching.models import CandidateMatch, Job
from matching.services import rematch_job
from tests.factories import UserFactory
from tests.matching.factories import JobFactory, strong_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(role="admin", username="root", is_superuser=True, is_staff=True)


def test_admin_adds_a_job_and_its_skills_are_read_from_the_description(
    client, superuser, recruiter
):
    client.force_login(superuser)

    response = client.post(
        "/admin/matching/job/add/",
        {
            "owner": recruiter.pk,
            "title": "Data Engineer",
            "description": "Spark and Airflow pipelines in Python.",
            "required_skills": "[]",
            "preferred_skills": "[]",
            "education_level": "",
            "location": "Denver, CO",
            "remote_policy": "remote",
            "employment_type": "full_time",
            "status": "open",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    job = Job.objects.get(title="Data Engineer")
    assert job.owner == recruiter
    assert job.required_skills == ["Apache Spark", "Apache Airflow", "Python"]


def test_admin_cannot_give_a_job_to_a_candidate_user(client, superuser, candidate_user):
    client.force_login(superuser)

    response = client.post(
        "/admin/matching/job/add/",
        {
            "owner": candidate_user.pk,
            "title": "Nope",
            "required_skills": '["Python"]',
            "preferred_skills": "[]",
            "remote_policy": "onsite",
            "employment_type": "full_time",
            "status": "open",
        },
    )

    assert response.status_code == 200
    assert "Jobs belong to a recruiter or an admin." in response.content.decode()
    assert not Job.objects.exists()


def test_admin_action_hides_matches_softly(client, superuser, recruiter):
    job = JobFactory(owner=recruiter)
    strong_candidate(recruiter)
    rematch_job(job)
    match = CandidateMatch.objects.get()
    client.force_login(superuser)

    client.post(
        "/admin/matching/candidatematch/",
        {"action": "soft_delete", "_selected_action": [str(match.pk)]},
    )

    match.refresh_from_db()
    assert match.is_active is False
