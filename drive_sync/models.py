"""Google Drive sync: per-user encrypted credentials, folder syncs and the imported-file ledger."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models


def validate_timezone(value: str) -> None:
    """Accept only IANA zone names (e.g. "America/New_York") that zoneinfo knows."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f'"{value}" is not a known time zone.') from exc


class GoogleDriveCredential(models.Model):
    """One user's Google OAuth tokens, encrypted with DRIVE_TOKEN_KEYS (never readable in SQL)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="google_drive_credential"
    )
    ciphertext = models.TextField(help_text="Fernet-encrypted JSON with the OAuth tokens.")
    needs_reconnect = models.BooleanField(default=False)
    connected_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Google Drive credentials of {self.owner}"


class DriveAuthorizationRequest(models.Model):
    """A started OAuth sign-in: the state Google must send back and its PKCE verifier."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=128, unique=True)
    code_verifier = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"OAuth sign-in of {self.owner} at {self.created_at:%Y-%m-%d %H:%M}"


class GoogleDriveSync(models.Model):
    """A Drive folder imported into its owner's candidate database on a schedule or by hand."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"
        MANUAL = "manual", "Manual only"

    class Status(models.TextChoices):
        PENDING = "pending", "Not synced yet"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCESS = "success", "Succeeded"
        PARTIAL = "partial", "Succeeded with failed files"
        FAILED = "failed", "Failed"
        NEEDS_RECONNECT = "needs_reconnect", "Needs Google reconnection"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drive_syncs"
    )
    folder_id = models.CharField(max_length=200)
    folder_name = models.CharField(max_length=255)
    frequency = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.DAILY)
    is_active = models.BooleanField(default=True)
    run_at = models.TimeField(
        default=dt.time(2, 0), help_text="Local time of the scheduled run (daily and weekly)."
    )
    run_weekday = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(6)],
        help_text="Day of the weekly run: 0 = Monday … 6 = Sunday.",
    )
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    periodic_task = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drive_sync",
    )
    last_sync_at = models.DateTimeField(null=True, blank=True)
    next_sync_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    last_error = models.TextField(blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)
    run_started_at = models.DateTimeField(null=True, blank=True)
    files_seen = models.PositiveIntegerField(default=0)
    files_imported = models.PositiveIntegerField(default=0)
    files_skipped = models.PositiveIntegerField(default=0)
    files_failed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "folder_id"], name="uniq_drive_sync_folder_per_owner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.folder_name} ({self.get_frequency_display()}) of {self.owner}"

    @property
    def is_scheduled(self) -> bool:
        """True when beat should run this sync on its own."""
        return self.is_active and self.frequency != self.Frequency.MANUAL


class DriveImportedFile(models.Model):
    """Ledger of Drive files already handled for an owner, so nothing is imported twice.

    A row records the file version (md5, or modifiedTime for Google Docs that have no md5) and
    either the resume it became or the reason it was rejected; a new version is tried again.
    """

    class Outcome(models.TextChoices):
        IMPORTED = "imported", "Imported"
        DUPLICATE = "duplicate", "Already in the database"
        REJECTED = "rejected", "Rejected"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sync = models.ForeignKey(
        GoogleDriveSync,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_files",
    )
    drive_file_id = models.CharField(max_length=200)
    name = models.CharField(max_length=255)
    md5_checksum = models.CharField(max_length=64, blank=True)
    modified_time = models.CharField(max_length=40, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    error = models.TextField(blank=True)
    resume = models.ForeignKey(
        "resumes.Resume", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "drive_file_id"], name="uniq_drive_file_per_owner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_outcome_display()})"

    def is_same_version(self, md5: str | None, modified_time: str | None) -> bool:
        """True when Drive still reports the version recorded here."""
        if md5:
            return md5 == self.md5_checksum
        return bool(modified_time) and modified_time == self.modified_time
