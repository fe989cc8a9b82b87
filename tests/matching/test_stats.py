"""Match statistics: tier counts, view rate, match rate, scoped to what the user may see."""

from __future__ import annotations

import pytest

from matching.models import CandidateMatch
from matching.selectors import candidate_stats, job_stats
from matching.services import close_job, mark_viewed, rematch_job
from tests.matching.factories import JobFactory, strong_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded(recruiter):
    """Alice's job with one high (100), one medium (69) and one low (43) match."""
    job = JobFactory(owner=recruiter)
    high = strong_candidate(recruiter)
    medium = strong_candidate(recruiter, skill_keys=["python"])
    low = strong_candidate(
        recruiter, skill_keys=["python"], years_experience=1.5, location="Berlin"
    )
    rematch_job(job)
    return job, high, medium, low


def test_job_stats_count_tiers_and_views(graded, recruiter, client_for):
    job, high, _, _ = graded
    mark_viewed(recruiter, CandidateMatch.objects.get(candidate=high))

    body = client_for(recruiter).get(f"/api/matching/stats/job/{job.id}").json()

    assert body["total"] == 3
    assert (body["high"], body["medium"], body["low"]) == (1, 1, 1)
    assert body["viewed"] == 1
    assert body["view_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert body["average_score"] == pytest.approx((100 + 69 + 43) / 3, abs=0.05)


def test_job_stats_count_only_the_recruiters_candidates(graded, recruiter, other_recruiter):
    job = graded[0]
    strong_candidate(other_recruiter)
    rematch_job(job)

    assert job_stats(recruiter, job)["total"] == 3
    assert CandidateMatch.objects.filter(job=job).count() == 4


def test_job_without_matches_has_a_zero_view_rate(recruiter):
    stats = job_stats(recruiter, JobFactory(owner=recruiter))

    assert (stats["total"], stats["view_rate"], stats["average_score"]) == (0, 0.0, None)


def test_candidate_stats_give_tiers_and_the_share_of_open_jobs_matched(recruiter, client_for):
    candidate = strong_candidate(recruiter)
    python_job = JobFactory(owner=recruiter)
    JobFactory(owner=recruiter, required_skills=["Patient Care"], preferred_skills=[])
    closed = JobFactory(owner=recruiter)
    for job in (python_job, closed):
        rematch_job(job)
    close_job(recruiter, closed)

    body = client_for(recruiter).get(f"/api/matching/stats/candidate/{candidate.id}").json()

    assert body["total"] == 1
    assert (body["high"], body["medium"], body["low"]) == (1, 0, 0)
    assert body["open_jobs"] == 2
    assert body["match_rate"] == 0.5


def test_candidate_stats_do_not_count_other_recruiters_jobs(recruiter, other_recruiter):
    candidate = strong_candidate(recruiter)
    rematch_job(JobFactory(owner=other_recruiter))

    stats = candidate_stats(recruiter, candidate.id)

    assert (stats["total"], stats["open_jobs"], stats["match_rate"]) == (0, 0, 0.0)
