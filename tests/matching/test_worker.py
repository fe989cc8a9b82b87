"""End to end through a real Celery worker: a new job and a rematch request store matches."""

from __future__ import annotations

import time

import pytest
from celery.result import AsyncResult

from hotgigs.celery import app as celery_app
from matching.models import CandidateMatch
from tests.matching.factories import strong_candidate

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]


def _wait_for(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_new_job_is_matched_by_the_worker_and_a_rematch_reports_its_count(
    celery_worker, recruiter, client_for
):
    candidate = strong_candidate(recruiter)
    client = client_for(recruiter)

    created = client.post(
        "/api/jobs/",
        {
            "title": "Backend Engineer",
            "description": "Python and Django on PostgreSQL.",
            "min_years": 3,
            "location": "Austin, TX",
        },
        format="json",
    )
    job_id = created.json()["id"]

    assert _wait_for(lambda: CandidateMatch.objects.filter(job_id=job_id).exists())
    listed = client.get(f"/api/matching/jobs/{job_id}/matches").json()
    assert [m["candidate"]["id"] for m in listed["results"]] == [str(candidate.id)]
    assert listed["results"][0]["overall"] == 100

    queued = client.post(
        f"/api/matching/candidates/{candidate.id}/rematch", {"force": True}, format="json"
    ).json()
    assert queued["estimated_jobs"] == 1
    assert AsyncResult(queued["task_id"], app=celery_app).get(timeout=30) == 1
