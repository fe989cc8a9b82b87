"""Jobs and the stored candidate-to-job matches.

Only matches at or above ``settings.MATCH_STORE_FLOOR`` are stored, so the table stays small;
each row keeps the versions of the candidate and job it was computed from, so a rematch can
tell a fresh match from a stale one.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from candidates.models import CandidateProfile


class EducationLevel(models.TextChoices):
    ANY = "", "No requirement"
    HIGH_SCHOOL = "high_school", "High school"
    ASSOCIATE = "associate", "Associate degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    MASTER = "master", "Master's degree"
    DOCTORATE = "doctorate", "Doctorate"


class RemotePolicy(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    TEMPORARY = "temporary", "Temporary"
    INTERNSHIP = "internship", "Internship"


class JobStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Tier(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


# Fields whose change alters scores: saving a change to any of them bumps Job.version.
MATCH_INPUT_FIELDS = (
    "required_skills",
    "preferred_skills",
    "min_years",
    "education_level",
    "location",
    "remote_policy",
)
# What a recruiter may set on a job (forms, admin, API and services share this list).
JOB_EDITABLE_FIELDS = (
    "title",
    "description",
    *MATCH_INPUT_FIELDS,
    "employment_type",
    "status",
)


class Job(models.Model):
    """An opening a recruiter wants candidates for."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    required_skills = models.JSONField(
        default=list, blank=True, help_text="Canonical skill names (taxonomy)."
    )
    preferred_skills = models.JSONField(
        default=list, blank=True, help_text="Canonical skill names (taxonomy)."
    )
    min_years = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(60)]
    )
    education_level = models.CharField(
        max_length=16, choices=EducationLevel.choices, default=EducationLevel.ANY, blank=True
    )
    location = models.CharField(max_length=200, blank=True)
    remote_policy = models.CharField(
        max_length=8, choices=RemotePolicy.choices, default=RemotePolicy.ONSITE
    )
    employment_type = models.CharField(
        max_length=16, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.OPEN)
    version = models.PositiveIntegerField(
        default=1, help_text="Bumped when a field that affects scores changes."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == JobStatus.OPEN


class CandidateMatch(models.Model):
    """One candidate scored against one job, with the breakdown and its explanation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    candidate = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="matches"
    )
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="matches")
    overall = models.PositiveSmallIntegerField()
    skills_score = models.PositiveSmallIntegerField()
    experience_score = models.PositiveSmallIntegerField()
    education_score = models.PositiveSmallIntegerField()
    location_score = models.PositiveSmallIntegerField()
    matching_skills = models.JSONField(default=list, blank=True)
    missing_skills = models.JSONField(default=list, blank=True)
    explanation = models.TextField(blank=True)
    tier = models.CharField(max_length=8, choices=Tier.choices)
    is_active = models.BooleanField(default=True, help_text="False once an admin removed it.")
    viewed_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField()
    candidate_version = models.PositiveIntegerField()
    job_version = models.PositiveIntegerField()

    class Meta:
        ordering = ["-overall"]
        verbose_name_plural = "candidate matches"
        constraints = [
            models.UniqueConstraint(fields=["candidate", "job"], name="uniq_candidate_job_match")
        ]
        indexes = [
            models.Index(fields=["job", "-overall"], name="match_job_overall"),
            models.Index(fields=["candidate", "-overall"], name="match_candidate_overall"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} for {self.job}: {self.overall}"
