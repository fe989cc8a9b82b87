"""Read side of Google Drive sync, always scoped to the requesting user."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from drive_sync.models import DriveImportedFile, GoogleDriveCredential, GoogleDriveSync
from hotgigs.errors import NotAllowed


def syncs_of(user) -> QuerySet[GoogleDriveSync]:
    """The user's own syncs, newest first; nobody sees another user's syncs (admins neither)."""
    return GoogleDriveSync.objects.filter(owner=user).select_related("periodic_task__crontab")


def sync_for(user, public_id: uuid.UUID | str) -> GoogleDriveSync:
    """One sync by public id: 404 if it does not exist, 403 if it belongs to someone else."""
    sync = (
        GoogleDriveSync.objects.select_related("periodic_task__crontab", "owner")
        .filter(public_id=public_id)
        .first()
    )
    if sync is None:
        raise Http404("No such Google Drive sync.")
    if sync.owner_id != user.pk:
        raise NotAllowed("This Google Drive sync belongs to another user.")
    return sync


def rejected_files_of(sync: GoogleDriveSync) -> QuerySet[DriveImportedFile]:
    """Files of this sync that were rejected and will be retried only when they change."""
    return sync.imported_files.filter(outcome=DriveImportedFile.Outcome.REJECTED)


def imported_count_of(sync: GoogleDriveSync) -> int:
    """How many resumes this sync has brought in across all runs."""
    return sync.imported_files.filter(outcome=DriveImportedFile.Outcome.IMPORTED).count()


def connection_of(user) -> GoogleDriveCredential | None:
    """The user's stored Google connection (tokens stay encrypted), if any."""
    return GoogleDriveCredential.objects.filter(owner=user).first()
