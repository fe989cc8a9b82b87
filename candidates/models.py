"""Candidate database: profiles, who holds them, shares, notes, tags, corrections, audit log.

Who may see what is decided by django-guardian object permissions on CandidateProfile
(direct foreign-key tables below); RecruiterCandidate records why a candidate is in a
recruiter's database. Both are written only by ``candidates.services``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Source(models.TextChoices):
    UPLOAD = "upload", "Upload"
    BULK = "bulk", "Bulk upload"
    DRIVE = "drive", "Google Drive"
    SHARED = "shared", "Shared by admin"


# Object permissions (codenames) on CandidateProfile, and what each lets a user do.
VIEW = "view_candidateprofile"
VIEW_CONTACT = "view_contact"
DOWNLOAD_RESUME = "download_resume"
SUBMIT_TO_JOBS = "submit_to_jobs"
CHANGE = "change_candidateprofile"
ALL_PERMISSIONS = (VIEW, VIEW_CONTACT, DOWNLOAD_RESUME, SUBMIT_TO_JOBS, CHANGE)
SHAREABLE_PERMISSIONS = (VIEW_CONTACT, DOWNLOAD_RESUME, SUBMIT_TO_JOBS)


class CandidateProfile(models.Model):
    """One person, built from their parsed resumes; the unit of privacy."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    full_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True, db_index=True, help_text="Normalized (lower case).")
    phone = models.CharField(max_length=32, blank=True, db_index=True, help_text="E.164.")
    location = models.CharField(max_length=200, blank=True)
    links = models.JSONField(default=list, blank=True)
    headline = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    years_experience = models.FloatField(null=True, blank=True)
    education_level = models.CharField(max_length=16, blank=True)
    skills = models.JSONField(
        default=list, blank=True, help_text='[{"name", "proficiency", "years"}]'
    )
    skill_keys = models.JSONField(
        default=list,
        blank=True,
        help_text="Lower-case canonical skill names, for filters and matching.",
    )
    experience = models.JSONField(default=list, blank=True)
    education = models.JSONField(default=list, blank=True)
    certifications = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    resume_text = models.TextField(
        blank=True, help_text="Text of the latest resume without contact details, for search."
    )
    search_vector = SearchVectorField(null=True, editable=False)
    viewer_ids = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Ids of the users holding view_candidateprofile, kept by the services in the "
        "same transaction as the permissions. Only a search accelerator (GIN-indexed on "
        "PostgreSQL): guardian's table still decides who sees what.",
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.UPLOAD)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_profiles",
        help_text="The candidate user, for self-uploaded resumes.",
    )
    latest_resume = models.ForeignKey(
        "resumes.Resume", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    profile_version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every change; stale matches are recomputed."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("view_contact", "Can view contact information"),
            ("download_resume", "Can download the resume"),
            ("submit_to_jobs", "Can submit to jobs"),
        ]

    def __str__(self) -> str:
        return self.full_name or f"Candidate {str(self.id)[:8]}"

    def save(self, *args, **kwargs) -> None:
        # viewer_ids is written only by the membership services (with the permissions);
        # a full save of an instance loaded earlier must not put back a stale copy.
        if not self._state.adding and kwargs.get("update_fields") is None:
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "viewer_ids" and f.attname not in deferred
            ]
        super().save(*args, **kwargs)


class CandidateUserObjectPermission(UserObjectPermissionBase):
    """guardian's direct FK table: scoping is one indexed join, not a generic lookup."""

    content_object = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [models.Index(fields=["user", "permission", "content_object"])]


class CandidateGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE)


class RecruiterCandidate(models.Model):
    """Why a candidate is in a recruiter's database (written with the permissions)."""

    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_links"
    )
    candidate = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="holders"
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    added_at = models.DateTimeField(auto_now_add=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recruiter", "candidate"], name="uniq_recruiter_candidate"
            )
        ]
        # candidate_id in the key: a recruiter's newest additions are read from the index alone.
        indexes = [models.Index(fields=["recruiter", "-added_at", "candidate"])]

    def __str__(self) -> str:
        return f"{self.recruiter} holds {self.candidate} ({self.source})"


class CandidateShare(models.Model):
    """An admin's grant of a candidate to a recruiter, with the permissions chosen."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    admin = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="shares_given"
    )
    candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="shares")
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares_received"
    )
    permissions = models.JSONField(default=list, help_text="Codenames granted beyond view.")
    reason = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "recruiter"],
                condition=models.Q(revoked_at__isnull=True),
                name="uniq_active_share",
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} shared with {self.recruiter}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CandidateNote(models.Model):
    """A note on a candidate; private notes are seen by their author only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    is_private = models.BooleanField(default=False)
    is_important = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_important", "-created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class Tag(models.Model):
    """A normalized (lower-case, single-spaced) label."""

    name = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CandidateTag(models.Model):
    candidate = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="tag_links"
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="candidate_links")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "tag"], name="uniq_candidate_tag")
        ]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.tag}"


class FieldCorrection(models.Model):
    """A recruiter's correction of one parsed field; it wins over every later re-parse."""

    candidate = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="corrections"
    )
    field = models.CharField(max_length=64, help_text='e.g. "full_name", "headline", "skills".')
    parser_value = models.JSONField(null=True, blank=True)
    value = models.JSONField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["field"])]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.field}"


class Action(models.TextChoices):
    VIEW = "view", "Viewed profile"
    DOWNLOAD = "download", "Downloaded resume"
    NOTE_ADDED = "note_added", "Added a note"
    TAG_ADDED = "tag_added", "Added a tag"
    TAG_REMOVED = "tag_removed", "Removed a tag"
    SHARE_GRANTED = "share_granted", "Shared"
    SHARE_REVOKED = "share_revoked", "Share revoked"
    STATUS_CHANGED = "status_changed", "Status changed"
    UPLOADED = "uploaded", "Resume uploaded"
    CORRECTED = "corrected", "Corrected a field"
    REMOVED = "removed", "Removed from a database"


class CandidateActivity(models.Model):
    """Append-only audit log entry."""

    candidate = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="activities"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=32, choices=Action.choices)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "candidate activities"
        indexes = [models.Index(fields=["candidate", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Activity entries are append-only.")
        super().save(*args, **kwargs)
