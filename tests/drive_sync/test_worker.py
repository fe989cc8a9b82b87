"""The scheduled path for real: setup queues the first sync through the broker to a worker."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from drive_sync import services
from drive_sync.models import GoogleDriveSync
from resumes.models import Resume

pytestmark = [pytest.mark.redis, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "resumes" / "files"


def test_setup_runs_the_first_sync_on_a_real_worker(
    celery_worker, recruiter, connect, standin, folder
):
    for path in sorted(FIXTURES.glob("*.pdf"))[:2]:
        standin.add_file(folder, path.name, "application/pdf", path.read_bytes())
    connect(recruiter)

    sync, task_id = services.setup_sync(recruiter, folder=folder)

    for _ in range(600):
        sync.refresh_from_db()
        if sync.last_status not in {"queued", "running"}:
            break
        time.sleep(0.1)
    assert sync.last_status == GoogleDriveSync.Status.SUCCESS, sync.last_error
    assert sync.last_task_id == task_id
    assert sync.files_imported == 2
    assert Resume.objects.filter(uploaded_by=recruiter, source="drive").count() == 2
