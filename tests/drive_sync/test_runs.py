"""One run at a time, time budget, and what a run leaves behind for the next one."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from django.utils import timezone

from drive_sync import crypto, services
from drive_sync.models import GoogleDriveCredential, GoogleDriveSync
from resumes.models import Resume

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "resumes" / "files"
PDFS = sorted(FIXTURES.glob("*.pdf"))


@pytest.fixture
def sync(recruiter, connect, standin, folder):
    connect(recruiter)
    for path in PDFS[:3]:
        standin.add_file(folder, path.name, "application/pdf", path.read_bytes())
    created, _ = services.setup_sync(recruiter, folder=folder, frequency="manual")
    return created


def test_a_second_run_while_one_is_running_is_skipped(sync):
    GoogleDriveSync.objects.filter(pk=sync.pk).update(
        last_status="running", run_started_at=timezone.now()
    )

    result = services.run_sync(sync.pk)

    assert result.status == "skipped"
    assert "being synced right now" in result.error
    assert not Resume.objects.exists()


def test_a_run_left_running_by_a_killed_worker_is_taken_over(sync):
    GoogleDriveSync.objects.filter(pk=sync.pk).update(
        last_status="running", run_started_at=timezone.now() - dt.timedelta(hours=3)
    )

    result = services.run_sync(sync.pk)

    assert result.imported == 3
    sync.refresh_from_db()
    assert sync.last_status == "success" and sync.run_started_at is None


def test_manual_sync_is_refused_while_a_run_is_in_progress(sync, client_for):
    GoogleDriveSync.objects.filter(pk=sync.pk).update(
        last_status="running", run_started_at=timezone.now()
    )

    response = client_for(sync.owner).post(f"/api/google-drive/syncs/{sync.public_id}/sync")

    assert response.status_code == 409


def test_a_run_past_its_deadline_stops_and_the_next_run_finishes(sync):
    first = services.run_sync(sync.pk, deadline=time.monotonic() - 1)

    assert first.imported == 0
    assert "time limit" in first.error
    second = services.run_sync(sync.pk)
    assert second.imported == 3


def test_progress_is_reported_after_every_file(sync):
    seen: list[tuple[int, int, int]] = []

    services.run_sync(sync.pk, progress=lambda p: seen.append((p.done, p.total, p.result.imported)))

    assert seen == [(1, 3, 1), (2, 3, 2), (3, 3, 3)]


def test_a_refreshed_access_token_is_stored_encrypted_for_the_next_run(sync, standin):
    services.run_sync(sync.pk)

    record = GoogleDriveCredential.objects.get(owner=sync.owner)
    stored = crypto.decrypt_json(record.ciphertext)
    assert stored["token"] in standin.access_tokens
    assert stored["token"] not in record.ciphertext


def test_a_deleted_sync_left_in_the_queue_does_nothing(sync):
    services.delete_sync(sync)

    result = services.run_sync(sync.pk)

    assert result.status == "skipped"
    assert not Resume.objects.exists()


def test_run_statistics_add_up_to_files_seen(sync, standin, folder):
    standin.add_file(folder, "photo.png", "image/png", b"\x89PNG")

    result = services.run_sync(sync.pk)

    assert result.seen == result.imported + result.skipped + result.failed == 4
    sync.refresh_from_db()
    assert sync.last_sync_at is not None
    assert sync.next_sync_at is None  # manual syncs have no next run
