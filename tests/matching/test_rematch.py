"""Rematching: stored matches, the floor, freshness, stale recomputation and both directions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.models import CandidateMatch
from matching.services import close_job, rematch_candidate, rematch_job, remove_match
from tests.factories import CandidateProfileFactory
from tests.matching.factories import JobFactory, strong_candidate

pytestmark = pytest.mark.django_db


def _pairs() -> set[tuple]:
    return set(CandidateMatch.objects.values_list("candidate_id", "job_id", "overall"))


def test_rematch_job_stores_a_strong_candidate_with_its_breakdown(recruiter):
    job = JobFactory(owner=recruiter)
    candidate = strong_candidate()

    written = rematch_job(job)

    assert written == 1
    match = CandidateMatch.objects.get(job=job, candidate=candidate)
    assert (match.overall, match.tier) == (100, "high")
    assert match.matching_skills == ["Python", "Django", "PostgreSQL"]
    assert match.missing_skills == []
    assert (match.candidate_version, match.job_version) == (1, 1)


def test_matches_below_the_floor_are_not_stored(recruiter, settings):
    settings.MATCH_STORE_FLOOR = 40
    job = JobFactory(owner=recruiter)
    weak = strong_candidate(
        skill_keys=["python"],
        years_experience=1.0,
        education_level="high_school",
        location="Berlin",
    )  # scores 32

    rematch_job(job)

    assert not CandidateMatch.objects.filter(candidate=weak).exists()


def test_the_floor_comes_from_settings(recruiter, settings):
    settings.MATCH_STORE_FLOOR = 70
    job = JobFactory(owner=recruiter)
    strong_candidate(skill_keys=["python"])  # scores 69

    assert rematch_job(job) == 0
    settings.MATCH_STORE_FLOOR = 69
    assert rematch_job(job) == 1


def test_a_stored_match_that_falls_below_the_floor_is_deleted(recruiter):
    job = JobFactory(owner=recruiter)
    candidate = strong_candidate()
    rematch_job(job)
    candidate.skill_keys, candidate.years_experience = ["python"], 1.0
    candidate.education_level, candidate.location = "high_school", "Berlin"
    candidate.profile_version += 1
    candidate.save()

    rematch_candidate(candidate)

    assert not CandidateMatch.objects.filter(candidate=candidate).exists()


def test_a_candidate_who_no_longer_shares_any_skill_loses_the_match(recruiter):
    job = JobFactory(owner=recruiter)
    candidate = strong_candidate()
    rematch_job(job)
    candidate.skill_keys, candidate.profile_version = ["patient care"], 2
    candidate.save()

    rematch_job(job)

    assert not CandidateMatch.objects.filter(candidate=candidate).exists()


def test_candidate_sharing_no_skill_or_related_skill_is_not_scored(recruiter):
    job = JobFactory(owner=recruiter)
    # Same city, years and degree: only the skills differ (a nurse for a Django job).
    strong_candidate(skill_keys=["patient care", "basic life support"])

    assert rematch_job(job) == 0


def test_a_job_listing_no_skills_is_not_matched(recruiter):
    job = JobFactory(owner=recruiter, required_skills=[], preferred_skills=[], description="")
    candidate = strong_candidate()

    assert rematch_job(job) == 0
    assert rematch_candidate(candidate) == 0
    assert not CandidateMatch.objects.exists()


def test_related_skills_alone_make_a_candidate_worth_scoring(recruiter):
    job = JobFactory(owner=recruiter)  # Python, Django; PostgreSQL preferred
    candidate = strong_candidate(skill_keys=["flask", "mysql"])

    rematch_job(job)

    match = CandidateMatch.objects.get(candidate=candidate)
    assert match.matching_skills == []
    assert 0 < match.skills_score < 50
    assert "related experience for Django" in match.explanation


def test_alias_spelt_skill_keys_are_found_through_the_index(recruiter):
    job = JobFactory(owner=recruiter, required_skills=["PostgreSQL"], preferred_skills=[])
    candidate = strong_candidate(skill_keys=["postgres"])

    rematch_job(job)

    assert CandidateMatch.objects.get(candidate=candidate).skills_score == 100


def test_a_fresh_match_is_not_recomputed_unless_forced(recruiter):
    job = JobFactory(owner=recruiter)
    candidate = strong_candidate()
    rematch_job(job)
    CandidateMatch.objects.update(explanation="kept")

    assert rematch_job(job) == 0
    assert rematch_candidate(candidate) == 0
    assert CandidateMatch.objects.get().explanation == "kept"
    assert rematch_job(job, force=True) == 1
    assert CandidateMatch.objects.get().explanation.startswith("Strong match (100/100)")


def test_a_match_older_than_the_recent_window_is_recomputed(recruiter, settings):
    settings.MATCH_RECENT_MINUTES = 60
    job = JobFactory(owner=recruiter)
    strong_candidate()
    rematch_job(job)
    old = timezone.now() - timedelta(minutes=61)
    CandidateMatch.objects.update(explanation="old", computed_at=old)

    assert rematch_job(job) == 1
    assert CandidateMatch.objects.get().computed_at > old


def test_a_stale_match_is_recomputed_when_the_candidate_changes(recruiter):
    job = JobFactory(owner=recruiter, min_years=10)
    candidate = strong_candidate(years_experience=5.0)
    rematch_job(job)
    assert CandidateMatch.objects.get().experience_score == 50
    candidate.years_experience, candidate.profile_version = 12.0, 2
    candidate.save()

    rematch_candidate(candidate)

    match = CandidateMatch.objects.get()
    assert (match.experience_score, match.candidate_version) == (100, 2)


def test_a_stale_match_is_recomputed_when_the_job_changes(recruiter):
    from matching.services import update_job

    job = JobFactory(owner=recruiter)
    strong_candidate()
    rematch_job(job)

    job = update_job(recruiter, job, location="Berlin, Germany")
    rematch_job(job)

    match = CandidateMatch.objects.get()
    assert (match.job_version, match.location_score) == (2, 20)


def test_candidate_and_job_directions_store_the_same_matches(recruiter):
    jobs = [
        JobFactory(owner=recruiter),
        JobFactory(owner=recruiter, required_skills=["React"], preferred_skills=["TypeScript"]),
        JobFactory(owner=recruiter, required_skills=[], preferred_skills=[], description=""),
        JobFactory(owner=recruiter, required_skills=["Patient Care"], location="Berlin"),
    ]
    candidates = [
        strong_candidate(),
        strong_candidate(skill_keys=["flask"], location="Seattle, WA"),
        strong_candidate(skill_keys=["vue.js", "javascript"], years_experience=None),
        strong_candidate(skill_keys=["python"], education_level="", location=""),
        CandidateProfileFactory(skill_keys=[], skills=[], location="Remote"),
    ]
    for job in jobs:
        rematch_job(job)
    by_job = _pairs()
    CandidateMatch.objects.all().delete()

    for candidate in candidates:
        rematch_candidate(candidate)

    assert _pairs() == by_job
    assert len(by_job) >= 6


def test_closed_jobs_are_not_matched(recruiter):
    job = JobFactory(owner=recruiter)
    close_job(recruiter, job)
    candidate = strong_candidate()

    assert rematch_candidate(candidate) == 0
    assert rematch_job(job) == 0


def test_a_match_an_admin_removed_stays_hidden_after_a_forced_rematch(recruiter, admin_user):
    job = JobFactory(owner=recruiter)
    strong_candidate()
    rematch_job(job)

    remove_match(admin_user, CandidateMatch.objects.get())
    rematch_job(job, force=True)

    assert CandidateMatch.objects.get().is_active is False


def test_unknown_total_years_fall_back_to_years_with_the_jobs_skills(recruiter):
    job = JobFactory(owner=recruiter, min_years=4)
    candidate = strong_candidate(years_experience=None)  # Python 6 years in the skills list

    rematch_job(job)

    match = CandidateMatch.objects.get(candidate=candidate)
    assert match.experience_score == 100
    assert "about 6 years with the job's skills" in match.explanation


@pytest.mark.postgres
def test_rematch_leaves_the_callers_transaction_settings_alone(recruiter):
    from django.db import connection

    job = JobFactory(owner=recruiter)
    strong_candidate()

    rematch_job(job)

    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
    assert CandidateMatch.objects.count() == 1
