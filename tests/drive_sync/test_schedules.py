"""Beat schedules follow their sync: created, changed, disabled and deleted in one transaction."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import pytest
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from drive_sync import services
from drive_sync.models import DriveImportedFile, GoogleDriveCredential, GoogleDriveSync
from hotgigs.errors import Conflict, ServiceError


@pytest.fixture
def connected(recruiter, connect):
    connect(recruiter)
    return recruiter


def test_daily_sync_gets_a_crontab_in_its_own_time_zone(connected, folder):
    sync, task_id = services.setup_sync(
        connected,
        folder=folder,
        frequency="daily",
        run_at=dt.time(6, 30),
        timezone_name="America/New_York",
    )

    task = PeriodicTask.objects.get(pk=sync.periodic_task_id)
    assert task.task == "drive_sync.tasks.sync_drive_folder"
    assert json.loads(task.args) == [sync.pk]
    assert task.enabled
    cron = task.crontab
    assert (cron.minute, cron.hour, cron.day_of_week) == ("30", "6", "*")
    assert str(cron.timezone) == "America/New_York"
    local = sync.next_sync_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert (local.hour, local.minute) == (6, 30)
    assert dt.timedelta(0) < sync.next_sync_at - dt.datetime.now(dt.UTC) <= dt.timedelta(days=1)
    assert task_id and sync.last_status == GoogleDriveSync.Status.QUEUED


def test_setup_takes_the_folder_name_from_drive(connected, folder):
    sync, _ = services.setup_sync(connected, folder=folder)

    assert sync.folder_name == "Candidates 2026"


def test_weekly_sync_runs_on_the_chosen_weekday(connected, folder):
    sync, _ = services.setup_sync(
        connected, folder=folder, frequency="weekly", run_weekday=4, timezone_name="Europe/Berlin"
    )

    assert sync.periodic_task.crontab.day_of_week == "5"  # cron: Friday
    local = sync.next_sync_at.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))
    assert local.weekday() == 4 and (local.hour, local.minute) == (2, 0)


def test_manual_sync_has_no_beat_schedule(connected, folder):
    sync, _ = services.setup_sync(connected, folder=folder, frequency="manual")

    assert sync.periodic_task is None
    assert sync.next_sync_at is None
    assert not PeriodicTask.objects.filter(task="drive_sync.tasks.sync_drive_folder").exists()


def test_next_run_after_is_the_crontab_time_across_a_dst_change():
    crontab = CrontabSchedule(minute="0", hour="9", timezone=zoneinfo.ZoneInfo("America/New_York"))
    # US clocks go forward on 2026-03-08: 09:00 local is 14:00 UTC before, 13:00 UTC after.
    before = dt.datetime(2026, 3, 7, 15, 0, tzinfo=dt.UTC)

    first = services.next_run_after(crontab, before)
    second = services.next_run_after(crontab, first + dt.timedelta(minutes=1))

    assert first == dt.datetime(2026, 3, 8, 13, 0, tzinfo=dt.UTC)
    assert second == dt.datetime(2026, 3, 9, 13, 0, tzinfo=dt.UTC)


def test_changing_frequency_moves_the_schedule(connected, folder):
    sync, _ = services.setup_sync(connected, folder=folder, frequency="daily")
    task_pk = sync.periodic_task_id

    sync = services.update_sync(sync, frequency="weekly", run_weekday=0, run_at=dt.time(8, 15))

    task = PeriodicTask.objects.get(pk=task_pk)
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("15", "8", "1")
    assert sync.next_sync_at.astimezone(zoneinfo.ZoneInfo("UTC")).weekday() == 0
    # The daily crontab no longer used by anything is gone.
    assert not CrontabSchedule.objects.filter(hour="2", day_of_week="*").exists()


def test_disabling_a_sync_disables_its_periodic_task_and_clears_next_run(connected, folder):
    sync, _ = services.setup_sync(connected, folder=folder)

    sync = services.update_sync(sync, is_active=False)

    assert PeriodicTask.objects.get(pk=sync.periodic_task_id).enabled is False
    assert sync.next_sync_at is None

    sync = services.update_sync(sync, is_active=True)
    assert PeriodicTask.objects.get(pk=sync.periodic_task_id).enabled is True
    assert sync.next_sync_at is not None


def test_switching_to_manual_deletes_the_periodic_task(connected, folder):
    sync, _ = services.setup_sync(connected, folder=folder)
    task_pk = sync.periodic_task_id

    sync = services.update_sync(sync, frequency="manual")

    assert not PeriodicTask.objects.filter(pk=task_pk).exists()
    assert sync.next_sync_at is None


def test_changing_time_zone_keeps_local_time(connected, folder):
    sync, _ = services.setup_sync(connected, folder=folder, timezone_name="UTC")

    sync = services.update_sync(sync, timezone_name="Asia/Kolkata")

    assert str(sync.periodic_task.crontab.timezone) == "Asia/Kolkata"
    local = sync.next_sync_at.astimezone(zoneinfo.ZoneInfo("Asia/Kolkata"))
    assert (local.hour, local.minute) == (2, 0)


def test_invalid_time_zone_is_refused_and_nothing_changes(connected, folder):
    sync, _ = services.setup_sync(connected, folder=folder)

    with pytest.raises(ServiceError, match="not a known time zone"):
        services.update_sync(sync, frequency="weekly", timezone_name="Mars/Olympus")

    sync.refresh_from_db()
    assert sync.frequency == "daily"
    assert sync.periodic_task.crontab.day_of_week == "*"


def test_deleting_a_sync_removes_its_schedule_and_keeps_the_ledger(connected, folder):
    sync, _ = services.setup_sync(connected, folder=folder)
    task_pk = sync.periodic_task_id
    DriveImportedFile.objects.create(
        owner=connected,
        sync=sync,
        drive_file_id="file1",
        name="cv.pdf",
        md5_checksum="abc",
        outcome="imported",
        imported_at=dt.datetime.now(dt.UTC),
    )

    services.delete_sync(sync)

    assert not GoogleDriveSync.objects.filter(pk=sync.pk).exists()
    assert not PeriodicTask.objects.filter(pk=task_pk).exists()
    assert not CrontabSchedule.objects.exists()
    entry = DriveImportedFile.objects.get(drive_file_id="file1")
    assert entry.sync is None


def test_the_same_folder_cannot_be_set_up_twice(connected, folder):
    services.setup_sync(connected, folder=folder)

    with pytest.raises(Conflict):
        services.setup_sync(connected, folder=f"https://drive.google.com/drive/folders/{folder}")


def test_setup_refuses_a_file_instead_of_a_folder(connected, standin, folder):
    file_id = standin.add_file(folder, "cv.pdf", "application/pdf", b"%PDF-1.4")

    with pytest.raises(ServiceError, match="not a folder"):
        services.setup_sync(connected, folder=file_id)
    assert not GoogleDriveSync.objects.exists()
    assert not PeriodicTask.objects.exists()


def test_setup_without_a_google_connection_asks_to_connect(recruiter, drive_settings, folder):
    with pytest.raises(ServiceError, match="Connect your Google account"):
        services.setup_sync(recruiter, folder=folder)


def test_setup_with_a_revoked_grant_marks_reconnect(recruiter, connect, standin, folder):
    refresh = connect(recruiter)
    standin.revoke(refresh)

    with pytest.raises(ServiceError, match="Reconnect"):
        services.setup_sync(recruiter, folder=folder)
    assert GoogleDriveCredential.objects.get(owner=recruiter).needs_reconnect
