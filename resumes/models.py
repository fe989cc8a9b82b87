"""Resumes as uploaded, their parses, their processing jobs and bulk batches."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from candidates.models import Source


def resume_upload_path(instance: Resume, filename: str) -> str:
    """Store under a random name; the user's filename is kept only as data."""
    suffix = PurePosixPath(filename).suffix.lower()[:8] if filename else ""
    return f"resumes/{instance.id.hex[:2]}/{instance.id.hex}{suffix}"


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    DOC = "doc", "Word 97–2003 (DOC)"


class BulkUploadBatch(models.Model):
    """Many files uploaded in one request; counters move as each file finishes."""

    class Status(models.TextChoices):
        PROCESSING = "processing", "Processing"
        COMPLETED = "completed", "Completed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="batches"
    )
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    succeeded = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROCESSING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "bulk upload batches"

    def __str__(self) -> str:
        return f"Batch {str(self.id)[:8]} ({self.processed}/{self.total})"


class Resume(models.Model):
    """One uploaded file, stored as received."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.FileField(upload_to=resume_upload_path, max_length=255)
    original_filename = models.CharField(max_length=255)
    kind = models.CharField(max_length=8, choices=FileKind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes"
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.UPLOAD)
    candidate = models.ForeignKey(
        "candidates.CandidateProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resumes",
    )
    batch = models.ForeignKey(
        BulkUploadBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="resumes"
    )
    text = models.TextField(blank=True, help_text="Extracted text.")
    needs_review = models.BooleanField(default=False, db_index=True)
    review_reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["uploaded_by", "sha256"], name="uniq_resume_bytes_per_uploader"
            )
        ]

    def __str__(self) -> str:
        return self.original_filename


class ResumeData(models.Model):
    """One parse of a resume, in the parsed-resume contract; the newest is current."""

    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="parses")
    data = models.JSONField()
    parser_name = models.CharField(max_length=32)
    parser_version = models.CharField(max_length=32)
    parsed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-parsed_at"]
        get_latest_by = "parsed_at"
        verbose_name_plural = "resume data"

    def __str__(self) -> str:
        return f"{self.resume} ({self.parser_name} {self.parser_version})"


class ProcessingJob(models.Model):
    """The background processing of one resume, with progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        PROCESSING = "processing", "Processing"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0)
    current_step = models.CharField(max_length=32, blank=True)
    error = models.TextField(blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["resume", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.resume}: {self.status} {self.progress}%"
