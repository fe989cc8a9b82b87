"""Demo jobs for a first run: realistic, with skills read from their descriptions, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from hotgigs.accounts.models import User
from matching.demo import create_demo_jobs
from matching.models import Job

pytestmark = pytest.mark.django_db


def test_demo_jobs_have_skills_and_are_created_once(recruiter):
    first = create_demo_jobs(recruiter)
    again = create_demo_jobs(recruiter)

    assert 4 <= len(first) <= 5
    assert [j.pk for j in again] == [j.pk for j in first]
    assert Job.objects.filter(owner=recruiter).count() == len(first)
    assert all(job.required_skills for job in first)
    backend = next(j for j in first if "Backend" in j.title)
    assert backend.required_skills[:3] == ["REST APIs", "Python", "Django"]
    assert "Kubernetes" in backend.preferred_skills


def test_seed_demo_gives_recruiter1_the_demo_jobs():
    call_command("seed_demo")
    call_command("seed_demo")

    recruiter1 = User.objects.get(username="recruiter1")
    assert Job.objects.filter(owner=recruiter1).count() == 5
