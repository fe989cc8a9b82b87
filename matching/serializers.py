"""DRF serializers of the matching API. Match payloads never carry contact fields."""

from __future__ import annotations

from rest_framework import serializers

from candidates.models import CandidateProfile
from matching.jobs import MAX_SKILL_LENGTH, MAX_SKILLS
from matching.models import (
    JOB_EDITABLE_FIELDS,
    CandidateMatch,
    EducationLevel,
    EmploymentType,
    Job,
    JobStatus,
    RemotePolicy,
    Tier,
)


class JobSerializer(serializers.ModelSerializer):
    """A job as the API shows it."""

    owner = serializers.CharField(source="owner.username", read_only=True)
    required_skills = serializers.ListField(child=serializers.CharField())
    preferred_skills = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Job
        fields = [
            "id",
            "owner",
            *JOB_EDITABLE_FIELDS,
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class JobInputSerializer(serializers.Serializer):
    """Fields a recruiter sets on a job; skills left empty are read from the description."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=50_000)
    required_skills = serializers.ListField(
        child=serializers.CharField(max_length=MAX_SKILL_LENGTH, allow_blank=True),
        max_length=MAX_SKILLS,
        required=False,
    )
    preferred_skills = serializers.ListField(
        child=serializers.CharField(max_length=MAX_SKILL_LENGTH, allow_blank=True),
        max_length=MAX_SKILLS,
        required=False,
    )
    min_years = serializers.FloatField(required=False, allow_null=True, min_value=0, max_value=60)
    education_level = serializers.ChoiceField(
        choices=EducationLevel.choices, required=False, allow_blank=True
    )
    location = serializers.CharField(required=False, allow_blank=True, max_length=200)
    remote_policy = serializers.ChoiceField(choices=RemotePolicy.choices, required=False)
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices, required=False)
    status = serializers.ChoiceField(choices=JobStatus.choices, required=False)


class SuggestSkillsInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=50_000, allow_blank=True)


class SuggestSkillsSerializer(serializers.Serializer):
    required_skills = serializers.ListField(child=serializers.CharField())
    preferred_skills = serializers.ListField(child=serializers.CharField())


class MatchCandidateSerializer(serializers.ModelSerializer):
    """Who the match is about: no contact fields, whatever the caller's permissions."""

    class Meta:
        model = CandidateProfile
        fields = ["id", "full_name", "headline", "location", "years_experience"]
        read_only_fields = fields


class MatchJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = ["id", "title", "status", "location", "remote_policy"]
        read_only_fields = fields


class MatchSerializer(serializers.ModelSerializer):
    """A stored match with its full breakdown and explanation."""

    candidate = MatchCandidateSerializer(read_only=True)
    job = MatchJobSerializer(read_only=True)
    matching_skills = serializers.ListField(child=serializers.CharField(), read_only=True)
    missing_skills = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = CandidateMatch
        fields = [
            "id",
            "candidate",
            "job",
            "overall",
            "tier",
            "skills_score",
            "experience_score",
            "education_score",
            "location_score",
            "matching_skills",
            "missing_skills",
            "explanation",
            "is_active",
            "viewed_at",
            "computed_at",
        ]
        read_only_fields = fields


class MatchFilterSerializer(serializers.Serializer):
    """Query parameters of the match lists."""

    min_score = serializers.IntegerField(required=False, min_value=0, max_value=100)
    tier = serializers.ChoiceField(choices=Tier.choices, required=False)


class RematchInputSerializer(serializers.Serializer):
    force = serializers.BooleanField(
        required=False, default=False, help_text="Recompute even matches computed recently."
    )


class CandidateRematchSerializer(serializers.Serializer):
    task_id = serializers.CharField()
    estimated_jobs = serializers.IntegerField(help_text="Open jobs the rematch will score.")


class JobRematchSerializer(serializers.Serializer):
    task_id = serializers.CharField()
    estimated_candidates = serializers.IntegerField(
        help_text="Candidates visible to you that the rematch covers."
    )


class JobStatsSerializer(serializers.Serializer):
    job_id = serializers.UUIDField()
    total = serializers.IntegerField()
    high = serializers.IntegerField()
    medium = serializers.IntegerField()
    low = serializers.IntegerField()
    viewed = serializers.IntegerField()
    view_rate = serializers.FloatField(help_text="viewed / total; 0 without matches.")
    average_score = serializers.FloatField(allow_null=True)


class CandidateStatsSerializer(serializers.Serializer):
    candidate_id = serializers.UUIDField()
    total = serializers.IntegerField()
    high = serializers.IntegerField()
    medium = serializers.IntegerField()
    low = serializers.IntegerField()
    open_jobs = serializers.IntegerField(help_text="The caller's open jobs.")
    match_rate = serializers.FloatField(help_text="total / open_jobs; 0 without open jobs.")
    average_score = serializers.FloatField(allow_null=True)
