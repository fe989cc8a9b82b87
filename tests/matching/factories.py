"""Factories for jobs and candidates held in a recruiter's database."""

from __future__ import annotations

import factory

from candidates.services import add_to_database
from matching.models import Job
from tests.factories import CandidateProfileFactory, UserFactory


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    owner = factory.SubFactory(UserFactory, role="recruiter")
    title = factory.Sequence(lambda n: f"Backend Engineer {n}")
    description = "Python and Django services on PostgreSQL."
    required_skills = factory.LazyFunction(lambda: ["Python", "Django"])
    preferred_skills = factory.LazyFunction(lambda: ["PostgreSQL"])
    min_years = 3.0
    education_level = "bachelor"
    location = "Austin, TX"
    remote_policy = "onsite"


def held_candidate(recruiter, **fields):
    """A candidate in this recruiter's database (their own upload: every permission)."""
    candidate = CandidateProfileFactory(**fields)
    add_to_database(recruiter, candidate, source="upload")
    return candidate


def strong_candidate(recruiter=None, **fields):
    """A candidate who fits JobFactory's defaults well."""
    values = {
        "skills": [
            {"name": "Python", "proficiency": None, "years": 6},
            {"name": "Django", "proficiency": None, "years": 5},
            {"name": "PostgreSQL", "proficiency": None, "years": 4},
        ],
        "skill_keys": ["django", "postgresql", "python"],
        "years_experience": 6.0,
        "education_level": "bachelor",
        "location": "Austin, TX, US",
    }
    values.update(fields)
    if recruiter is None:
        return CandidateProfileFactory(**values)
    return held_candidate(recruiter, **values)
