"""Creating, changing and deleting Drive syncs together with their django-celery-beat schedules."""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from drive_sync.client import DriveAuthError, DriveError, parse_folder_id
from drive_sync.models import GoogleDriveSync
from drive_sync.services.credentials import (
    drive_client_for,
    mark_needs_reconnect,
    save_refreshed_credentials,
)
from hotgigs.errors import Conflict, ServiceError

SYNC_TASK_NAME = "drive_sync.tasks.sync_drive_folder"
# A run that has not finished after this long is presumed dead (worker killed) and may restart.
STALE_RUN_AFTER = dt.timedelta(hours=2)


def _validated(sync: GoogleDriveSync) -> None:
    try:
        sync.full_clean()
    except ValidationError as exc:
        messages = [
            f"{field}: {message}" if field != "__all__" else message
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
        raise ServiceError("; ".join(messages), code="invalid") from exc


def next_run_after(crontab: CrontabSchedule, moment: dt.datetime) -> dt.datetime:
    """The first time after ``moment`` at which beat fires ``crontab`` (in its own time zone)."""
    start, delta, _ = crontab.schedule.remaining_delta(moment)
    return (start + delta).astimezone(dt.UTC)


def _crontab_for(sync: GoogleDriveSync) -> CrontabSchedule:
    # cron counts weekdays from Sunday = 0; the model from Monday = 0.
    weekly = sync.frequency == GoogleDriveSync.Frequency.WEEKLY
    day_of_week = str((sync.run_weekday + 1) % 7) if weekly else "*"
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute=str(sync.run_at.minute),
        hour=str(sync.run_at.hour),
        day_of_week=day_of_week,
        day_of_month="*",
        month_of_year="*",
        timezone=zoneinfo.ZoneInfo(sync.timezone),
    )
    return crontab


def _drop_if_unused(crontab: CrontabSchedule | None) -> None:
    if crontab is not None and not crontab.periodictask_set.exists():
        crontab.delete()


def _apply_schedule(sync: GoogleDriveSync) -> None:
    """Make the sync's PeriodicTask match it (none for manual), inside the caller's transaction."""
    task = sync.periodic_task
    if sync.frequency == GoogleDriveSync.Frequency.MANUAL:
        sync.periodic_task = None
        sync.next_sync_at = None
        sync.save(update_fields=["periodic_task", "next_sync_at", "updated_at"])
        if task is not None:
            old_crontab = task.crontab
            task.delete()
            _drop_if_unused(old_crontab)
        return
    crontab = _crontab_for(sync)
    if task is None:
        task = PeriodicTask.objects.create(
            name=f"Google Drive sync {sync.public_id}",
            task=SYNC_TASK_NAME,
            crontab=crontab,
            args=json.dumps([sync.pk]),
            enabled=sync.is_active,
            description=f"{sync.folder_name} for {sync.owner}",
        )
    else:
        old_crontab = task.crontab
        task.crontab = crontab
        task.enabled = sync.is_active
        task.description = f"{sync.folder_name} for {sync.owner}"
        task.save()
        if old_crontab is not None and old_crontab.pk != crontab.pk:
            _drop_if_unused(old_crontab)
    sync.periodic_task = task
    sync.next_sync_at = next_run_after(crontab, timezone.now()) if sync.is_active else None
    sync.save(update_fields=["periodic_task", "next_sync_at", "updated_at"])


def _enqueue_run(sync: GoogleDriveSync) -> str:
    """Queue a run after commit and return its Celery task id (known before it is sent)."""
    from drive_sync.tasks import sync_drive_folder

    task_id = str(uuid.uuid4())
    GoogleDriveSync.objects.filter(pk=sync.pk).update(
        last_task_id=task_id, last_status=GoogleDriveSync.Status.QUEUED
    )
    sync.last_task_id, sync.last_status = task_id, GoogleDriveSync.Status.QUEUED
    sync_id = sync.pk
    transaction.on_commit(lambda: sync_drive_folder.apply_async(args=[sync_id], task_id=task_id))
    return task_id


def setup_sync(
    user,
    *,
    folder: str,
    frequency: str = GoogleDriveSync.Frequency.DAILY,
    folder_name: str | None = None,
    run_at: dt.time | None = None,
    run_weekday: int | None = None,
    timezone_name: str | None = None,
) -> tuple[GoogleDriveSync, str]:
    """Validate the folder through Drive, create the sync and its schedule, queue a first run.

    Returns the sync and the Celery task id of that first run.
    """
    try:
        folder_id = parse_folder_id(folder)
    except DriveError as exc:
        raise ServiceError(exc.message, code="drive_folder_invalid") from exc
    if GoogleDriveSync.objects.filter(owner=user, folder_id=folder_id).exists():
        raise Conflict("You already sync this folder.", code="drive_sync_exists")
    client, credentials = drive_client_for(user)
    try:
        drive_folder = client.get_folder(folder_id)
    except DriveAuthError as exc:
        mark_needs_reconnect(user, exc.message)
        raise ServiceError(exc.message, code="drive_reconnect") from exc
    except DriveError as exc:
        raise ServiceError(exc.message, code="drive_folder_invalid") from exc
    finally:
        save_refreshed_credentials(user, credentials)
    try:
        with transaction.atomic():
            sync, task_id = _create_sync(
                user,
                drive_folder_id=drive_folder.id,
                folder_name=(folder_name or drive_folder.name)[:255],
                frequency=frequency,
                run_at=run_at,
                run_weekday=run_weekday,
                timezone_name=timezone_name or settings.TIME_ZONE,
            )
    except IntegrityError as exc:
        # Two set-ups of the same folder raced; the constraint let only one through.
        raise Conflict("You already sync this folder.", code="drive_sync_exists") from exc
    return sync, task_id


def _create_sync(
    user,
    *,
    drive_folder_id: str,
    folder_name: str,
    frequency: str,
    run_at: dt.time | None,
    run_weekday: int | None,
    timezone_name: str,
) -> tuple[GoogleDriveSync, str]:
    sync = GoogleDriveSync(
        owner=user,
        folder_id=drive_folder_id,
        folder_name=folder_name,
        frequency=frequency,
        timezone=timezone_name,
    )
    if run_at is not None:
        sync.run_at = run_at
    if run_weekday is not None:
        sync.run_weekday = run_weekday
    _validated(sync)
    sync.save()
    _apply_schedule(sync)
    return sync, _enqueue_run(sync)


def update_sync(
    sync: GoogleDriveSync,
    *,
    folder_name: str | None = None,
    frequency: str | None = None,
    is_active: bool | None = None,
    run_at: dt.time | None = None,
    run_weekday: int | None = None,
    timezone_name: str | None = None,
) -> GoogleDriveSync:
    """Change a sync's name, schedule or enabled state; its PeriodicTask follows in the same
    transaction."""
    with transaction.atomic():
        locked = GoogleDriveSync.objects.select_for_update().get(pk=sync.pk)
        changes = {
            "folder_name": folder_name,
            "frequency": frequency,
            "is_active": is_active,
            "run_at": run_at,
            "run_weekday": run_weekday,
            "timezone": timezone_name,
        }
        for field, value in changes.items():
            if value is not None:
                setattr(locked, field, value)
        _validated(locked)
        locked.save()
        _apply_schedule(locked)
    return locked


def delete_sync(sync: GoogleDriveSync) -> None:
    """Delete a sync and its schedule; imported resumes and the import ledger stay."""
    with transaction.atomic():
        locked = GoogleDriveSync.objects.select_for_update().get(pk=sync.pk)
        task = locked.periodic_task
        locked.delete()
        if task is not None:
            crontab = task.crontab
            task.delete()
            _drop_if_unused(crontab)


def start_manual_sync(sync: GoogleDriveSync) -> str:
    """Queue a run now and return its Celery task id; 409 if disabled or already running."""
    with transaction.atomic():
        locked = GoogleDriveSync.objects.select_for_update().get(pk=sync.pk)
        if not locked.is_active:
            raise Conflict("This sync is disabled. Enable it before syncing.", code="sync_inactive")
        running = locked.last_status == GoogleDriveSync.Status.RUNNING and (
            locked.run_started_at and locked.run_started_at > timezone.now() - STALE_RUN_AFTER
        )
        if running:
            raise Conflict("This folder is being synced right now.", code="sync_running")
        task_id = _enqueue_run(locked)
    sync.last_task_id, sync.last_status = locked.last_task_id, locked.last_status
    return task_id
