"""factory-boy factories for every model of the candidates app.

Membership rows and permissions are written together only by the services, so the
``held_by`` helpers below go through them rather than inventing rows.
"""

from __future__ import annotations

import factory

from candidates import services
from candidates.models import (
    Action,
    CandidateActivity,
    CandidateNote,
    CandidateProfile,
    CandidateShare,
    CandidateTag,
    FieldCorrection,
    RecruiterCandidate,
    Source,
    Tag,
)
from tests.factories import CandidateProfileFactory, UserFactory

__all__ = [
    "CandidateActivityFactory",
    "CandidateNoteFactory",
    "CandidateProfileFactory",
    "CandidateShareFactory",
    "CandidateTagFactory",
    "FieldCorrectionFactory",
    "RecruiterCandidateFactory",
    "TagFactory",
    "held_by",
]


class RecruiterCandidateFactory(factory.django.DjangoModelFactory):
    """A bare membership row (no permissions): for admin and model tests only."""

    class Meta:
        model = RecruiterCandidate

    recruiter = factory.SubFactory(UserFactory, role="recruiter")
    candidate = factory.SubFactory(CandidateProfileFactory)
    source = Source.UPLOAD


class CandidateShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateShare

    admin = factory.SubFactory(UserFactory, role="admin")
    candidate = factory.SubFactory(CandidateProfileFactory)
    recruiter = factory.SubFactory(UserFactory, role="recruiter")
    permissions = factory.LazyFunction(lambda: ["view_contact"])
    reason = "Strong match for the Austin backend role"


class CandidateNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateNote

    candidate = factory.SubFactory(CandidateProfileFactory)
    author = factory.SubFactory(UserFactory, role="recruiter")
    body = factory.Faker("sentence")
    is_private = False
    is_important = False


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag {n}")


class CandidateTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateTag

    candidate = factory.SubFactory(CandidateProfileFactory)
    tag = factory.SubFactory(TagFactory)
    added_by = factory.SubFactory(UserFactory, role="recruiter")


class FieldCorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldCorrection

    candidate = factory.SubFactory(CandidateProfileFactory)
    field = "headline"
    parser_value = "Engineer"
    value = "Staff Engineer"
    author = factory.SubFactory(UserFactory, role="recruiter")


class CandidateActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateActivity

    candidate = factory.SubFactory(CandidateProfileFactory)
    actor = factory.SubFactory(UserFactory, role="recruiter")
    action = Action.VIEW
    ip = "203.0.113.7"
    user_agent = "pytest"


def held_by(recruiter, candidate: CandidateProfile | None = None, **profile) -> CandidateProfile:
    """A candidate in a recruiter's database as their own upload (every permission)."""
    candidate = candidate or CandidateProfileFactory(**profile)
    services.add_to_database(recruiter, candidate, source=Source.UPLOAD)
    # As upsert_from_parse does: the profile becomes searchable (PostgreSQL).
    services.refresh_search_vector([candidate.pk])
    return candidate
