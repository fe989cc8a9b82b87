"""Rematching: stored matches, the floor, freshness and stale recomputation."""

from __future__ import annotations

import pytest

from matching.models import CandidateMatch
from matching.services import rematch_job
from tests.matching.factories import JobFactory, strong_candidate

pytestmark = pytest.mark.django_db


def test_rematch_job_stores_a_strong_candidate_with_its_breakdown(recruiter):
    job = JobFactory(owner=recruiter)
    candidate = strong_candidate()

    written = rematch_job(job)

    assert written == 1
    match = CandidateMatch.objects.get(job=job, candidate=candidate)
    assert match.overall == 100
    assert match.tier == "high"
    assert match.matching_skills == ["Python", "Django", "PostgreSQL"]
    assert match.missing_skills == []
    assert (match.candidate_version, match.job_version) == (1, 1)
