"""Candidate-to-job scoring (matching.scoring): pure, no database."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.scoring import (
    CandidateFacts,
    JobFacts,
    Weights,
    prepare_job,
    score,
    score_prepared,
    tier_for,
)


def job(**overrides) -> JobFacts:
    """A job where only the component under test differs from a neutral baseline."""
    base = {
        "required_skills": ("Python",),
        "preferred_skills": (),
        "min_years": None,
        "education_level": None,
        "location": "Austin, TX",
        "remote_policy": "onsite",
    }
    return JobFacts(**{**base, **overrides})


def candidate(**overrides) -> CandidateFacts:
    """A candidate where only the field under test differs from a neutral baseline."""
    base = {
        "skills": ("Python",),
        "total_years": 5.0,
        "education_level": "bachelor",
        "location": "Austin, TX",
    }
    return CandidateFacts(**{**base, **overrides})


# --- skills -------------------------------------------------------------------------------


def test_alias_spellings_count_as_the_same_skill():
    result = score(
        candidate(skills=("JS", "Postgres", "k8s")),
        job(required_skills=("JavaScript", "PostgreSQL", "Kubernetes")),
    )
    assert result.skills == 100
    assert result.matching_skills == ["JavaScript", "PostgreSQL", "Kubernetes"]
    assert result.missing_skills == []


def test_skill_lists_use_the_jobs_canonical_names():
    result = score(
        candidate(skills=("python",)),
        job(required_skills=("postgres", "Python"), preferred_skills=("K8S",)),
    )
    assert result.matching_skills == ["Python"]
    assert result.missing_skills == ["PostgreSQL", "Kubernetes"]


def test_missing_required_skill_with_related_skill_earns_partial_credit_but_stays_missing():
    wanted = job(required_skills=("Python", "PostgreSQL"))
    with_related = score(candidate(skills=("Python", "MySQL")), wanted)
    without = score(candidate(skills=("Python",)), wanted)
    assert without.skills == 50
    assert 50 < with_related.skills < 100
    assert with_related.missing_skills == ["PostgreSQL"]
    assert "related experience for PostgreSQL" in with_related.explanation


def test_a_matched_skill_is_not_counted_again_as_related_experience():
    result = score(candidate(skills=("Docker",)), job(required_skills=("Docker", "Kubernetes")))
    assert result.skills == 50
    assert "related experience" not in result.explanation


def test_required_skills_weigh_more_than_preferred():
    wanted = job(required_skills=("Python", "Django"), preferred_skills=("Docker", "Redis"))
    only_required = score(candidate(skills=("Python", "Django")), wanted)
    only_preferred = score(candidate(skills=("Docker", "Redis")), wanted)
    assert only_required.skills == 75
    assert only_preferred.skills == 25


def test_job_with_only_preferred_skills_scores_them_alone():
    result = score(
        candidate(skills=("Docker",)), job(required_skills=(), preferred_skills=("Docker", "Go"))
    )
    assert result.skills == 50
    assert "no required skills listed" in result.explanation


def test_job_without_skills_is_neutral_and_says_so():
    result = score(candidate(skills=("Python",)), job(required_skills=(), preferred_skills=()))
    assert result.skills == 50
    assert "the job lists no skills" in result.explanation


def test_duplicate_job_skills_under_different_spellings_count_once():
    wanted = job(required_skills=("JavaScript", "JS", "javascript"))
    has_it = score(candidate(skills=("JS",)), wanted)
    lacks_it = score(candidate(skills=()), wanted)
    assert (has_it.skills, has_it.matching_skills) == (100, ["JavaScript"])
    assert (lacks_it.skills, lacks_it.missing_skills) == (0, ["JavaScript"])
    assert "has 1 of 1 required skills" in has_it.explanation


# --- experience ---------------------------------------------------------------------------


def test_more_experience_than_required_is_not_penalised():
    assert score(candidate(total_years=20), job(min_years=5)).experience == 100


def test_less_experience_than_required_scores_proportionally():
    result = score(candidate(total_years=2), job(min_years=4))
    assert result.experience == 50
    assert "2 years vs 4 required" in result.explanation


def test_unknown_experience_scores_low_but_not_zero_and_says_unknown():
    result = score(candidate(total_years=None), job(min_years=5))
    assert 0 < result.experience < 50
    assert "unknown" in result.explanation


def test_per_skill_years_stand_in_when_total_years_are_unknown():
    result = score(candidate(total_years=None, skill_years={"python": 4.0}), job(min_years=5))
    assert result.experience == 80
    assert "about 4 years with the job's skills" in result.explanation


def test_job_without_minimum_years_gives_full_experience_score():
    assert score(candidate(total_years=None), job(min_years=None)).experience == 100


# --- education ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("have", "required", "expected"),
    [
        ("doctorate", "master", 100),
        ("master", "master", 100),
        ("bachelor", "master", 60),
        ("associate", "master", 25),
        ("high_school", "master", 0),
        ("associate", "bachelor", 60),
    ],
)
def test_education_at_or_above_the_requirement_is_full_and_below_is_partial(
    have, required, expected
):
    assert score(candidate(education_level=have), job(education_level=required)).education == (
        expected
    )


@pytest.mark.parametrize("have", [None, "other"])
def test_unknown_or_other_education_gets_partial_credit(have):
    result = score(candidate(education_level=have), job(education_level="bachelor"))
    assert result.education == 50


def test_job_without_education_requirement_gives_full_education_score():
    assert score(candidate(education_level=None), job(education_level=None)).education == 100


# --- location -----------------------------------------------------------------------------


def test_remote_job_scores_full_location_wherever_the_candidate_is():
    result = score(
        candidate(location="Berlin, Germany"), job(location="Austin, TX", remote_policy="remote")
    )
    assert result.location == 100


@pytest.mark.parametrize("policy", ["onsite", "hybrid"])
def test_location_falls_off_from_city_to_region_to_country_to_abroad(policy):
    def at(where: str) -> int:
        return score(candidate(location=where), job(remote_policy=policy)).location

    same_city = at("Austin, Texas, United States")
    nearby = at("Round Rock, TX")
    same_state = at("Houston, TX")
    same_country = at("Seattle, WA")
    abroad = at("Berlin, Germany")
    assert same_city == 100
    assert 80 < nearby < 100
    assert same_state == 80
    assert same_country == 60
    assert abroad < same_country


def test_nearby_town_explanation_gives_the_distance():
    result = score(candidate(location="Round Rock, TX"), job(location="Austin, TX"))
    assert re.search(r"Round Rock, TX is \d+ km from Austin, TX", result.explanation)


@pytest.mark.parametrize("where", [None, "Remote", "Somewhere over the rainbow"])
def test_unknown_or_remote_candidate_location_gets_partial_credit(where):
    result = score(candidate(location=where), job(location="Austin, TX"))
    abroad = score(candidate(location="Berlin, Germany"), job(location="Austin, TX"))
    assert abroad.location < result.location < 60


def test_job_in_a_region_accepts_any_city_inside_it():
    assert score(candidate(location="Houston, TX"), job(location="Texas")).location == 100
    assert score(candidate(location="Seattle, WA"), job(location="Texas")).location == 60


# --- overall, tiers, explanation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("overall", "tier"),
    [(100, "high"), (75, "high"), (74.99, "medium"), (50, "medium"), (49.99, "low"), (0, "low")],
)
def test_tier_boundaries(overall, tier):
    assert tier_for(overall) == tier


def test_weights_decide_the_overall_score():
    wanted = job(required_skills=("Python", "Figma"), min_years=10)
    skills_only = score(candidate(), wanted, Weights(1, 0, 0, 0))
    experience_only = score(candidate(), wanted, Weights(0, 1, 0, 0))
    assert skills_only.overall == skills_only.skills == 50
    assert experience_only.overall == experience_only.experience == 50


def test_all_zero_weights_are_rejected():
    with pytest.raises(ValueError, match="positive"):
        prepare_job(job(), Weights(0, 0, 0, 0))


def test_prepared_job_scores_the_same_as_a_one_off_score():
    wanted = job(required_skills=("Python", "PostgreSQL"), min_years=3, education_level="master")
    person = candidate(skills=("python", "MySQL"), total_years=2)
    assert score_prepared(prepare_job(wanted), person) == score(person, wanted)


def test_strong_candidate_gets_a_readable_explanation_citing_every_component():
    result = score(
        CandidateFacts(
            skills=("Python", "Django", "Postgres", "Docker"),
            total_years=7.5,
            education_level="master",
            location="Austin, TX, US",
        ),
        JobFacts(
            required_skills=("Python", "Django", "PostgreSQL", "Kubernetes"),
            preferred_skills=("Docker",),
            min_years=5,
            education_level="bachelor",
            location="Seattle, WA",
            remote_policy="onsite",
        ),
    )
    assert result.explanation.startswith(f"Strong match ({result.overall}/100).")
    assert f"Skills {result.skills}: has 3 of 4 required skills (missing Kubernetes" in (
        result.explanation
    )
    assert "1 of 1 preferred" in result.explanation
    assert "Experience 100: 7.5 years vs 5 required." in result.explanation
    assert "Education 100: master's meets bachelor's." in result.explanation
    assert "Location 60: Austin, TX is in the same country as Seattle, WA (onsite)." in (
        result.explanation
    )


SKILL_NAMES = ["Python", "python", "JS", "JavaScript", "PostgreSQL", "MySQL", "Docker", "Figma"]
PLACES = [None, "Remote", "Austin, TX", "Round Rock, TX", "Seattle, WA", "Berlin", "Texas", "zz"]
LEVELS = [None, "high_school", "associate", "bachelor", "master", "doctorate", "other"]


@settings(max_examples=150, deadline=None)
@given(
    cand_skills=st.lists(st.sampled_from(SKILL_NAMES), max_size=6),
    required=st.lists(st.sampled_from(SKILL_NAMES), max_size=4),
    preferred=st.lists(st.sampled_from(SKILL_NAMES), max_size=3),
    years=st.one_of(st.none(), st.floats(min_value=0, max_value=40)),
    min_years=st.one_of(st.none(), st.floats(min_value=0, max_value=15)),
    have=st.sampled_from(LEVELS),
    need=st.sampled_from(LEVELS),
    cand_place=st.sampled_from(PLACES),
    job_place=st.sampled_from(PLACES),
    policy=st.sampled_from(["onsite", "hybrid", "remote"]),
)
def test_scores_stay_in_range_and_the_explanation_cites_the_breakdown(
    cand_skills, required, preferred, years, min_years, have, need, cand_place, job_place, policy
):
    result = score(
        CandidateFacts(tuple(cand_skills), years, have, cand_place),
        JobFacts(tuple(required), tuple(preferred), min_years, need, job_place, policy),
    )
    parts = (result.skills, result.experience, result.education, result.location)
    assert all(0 <= value <= 100 for value in (result.overall, *parts))
    assert result.tier == tier_for(result.overall)
    cited = re.findall(r"(?:Skills|Experience|Education|Location) (\d+):", result.explanation)
    assert tuple(int(n) for n in cited) == parts
    assert re.match(rf"\w+ match \({result.overall}/100\)", result.explanation)
    assert result.as_dict()["overall"] == result.overall


def test_skills_unknown_to_the_taxonomy_still_match_across_spellings():
    result = score(
        candidate(skills=("underwater-basket  weaving",)),
        job(required_skills=("Underwater Basket Weaving",)),
    )
    assert result.skills == 100
    assert result.matching_skills == ["Underwater Basket Weaving"]


def test_decimal_years_from_the_database_score_like_floats():
    result = score(candidate(total_years=Decimal("2.5")), job(min_years=Decimal("5")))
    assert result.experience == 50
    assert "2.5 years vs 5 required" in result.explanation
