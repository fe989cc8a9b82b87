"""factory-boy factories for every model; apps add theirs here."""

from __future__ import annotations

import factory

from candidates.models import CandidateProfile
from hotgigs.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    role = "recruiter"
    password = factory.django.Password("correct-horse-battery")
    is_staff = factory.LazyAttribute(lambda u: u.role == "admin")


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile

    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    phone = factory.Sequence(lambda n: f"+1415555{n:04d}")
    location = "Austin, TX, US"
    headline = "Backend Engineer"
    years_experience = 5.0
    skills = factory.LazyFunction(lambda: [{"name": "Python", "proficiency": None, "years": None}])
    skill_keys = factory.LazyFunction(lambda: ["python"])
