"""End to end against the local Drive stand-in, through GOOGLE_DRIVE_API_ENDPOINT and the token
endpoint override: setup over the API, beat schedule in the database, three runs, delete."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from drive_sync import services
from drive_sync.models import DriveImportedFile, GoogleDriveSync
from resumes.models import Resume
from tests.drive_sync.standin import DOCX_MIME, GOOGLE_DOC_MIME

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
RESUMES = sorted((FIXTURES / "resumes" / "files").iterdir())
MIME = {".pdf": "application/pdf", ".docx": DOCX_MIME, ".doc": "application/msword"}
BASE = "/api/google-drive"


def add_resumes(standin, folder: str, paths: list[Path]) -> None:
    for path in paths:
        standin.add_file(folder, path.name, MIME[path.suffix], path.read_bytes())


def fill_folder_of_fifty(standin, folder: str) -> list[Path]:
    """44 PDF/DOCX/DOC + 2 Google Docs + 3 unsupported + 1 corrupt; returns unused fixtures."""
    binaries, docx_for_gdocs = RESUMES[:44], [p for p in RESUMES[44:] if p.suffix == ".docx"][:2]
    add_resumes(standin, folder, binaries)
    for index, path in enumerate(docx_for_gdocs):
        standin.add_file(folder, f"Candidate notes {index}", GOOGLE_DOC_MIME, path.read_bytes())
    standin.add_file(folder, "headshot.jpg", "image/jpeg", b"\xff\xd8\xff\xe0 jpeg")
    standin.add_file(folder, "Pipeline", "application/vnd.google-apps.spreadsheet", b"")
    standin.add_file(folder, "notes.txt", "text/plain", b"call back on monday")
    corrupt = (FIXTURES / "bad" / "files" / "random.pdf").read_bytes()
    standin.add_file(folder, "scan-broken.pdf", "application/pdf", corrupt)
    used = set(binaries) | set(docx_for_gdocs)
    return [p for p in RESUMES if p not in used]


def run_queued(callbacks) -> None:
    """Run what the service queued on commit (the Celery task, eagerly in tests)."""
    assert len(callbacks) == 1
    callbacks[0]()


@pytest.fixture
def alice(recruiter, connect):
    connect(recruiter)
    return recruiter


def test_folder_of_fifty_imports_46_then_nothing_then_exactly_the_two_new_files(
    alice, standin, folder, client_for, django_capture_on_commit_callbacks
):
    spare = fill_folder_of_fifty(standin, folder)
    api = client_for(alice)

    with django_capture_on_commit_callbacks() as queued:
        response = api.post(
            f"{BASE}/setup",
            {"folder_id": folder, "frequency": "weekly", "timezone": "America/Chicago"},
        )
    assert response.status_code == 201, response.content
    sync = GoogleDriveSync.objects.get(public_id=response.json()["sync"]["id"])
    task = PeriodicTask.objects.get(pk=sync.periodic_task_id)
    assert task.enabled and task.crontab.day_of_week == "1"
    assert str(task.crontab.timezone) == "America/Chicago"

    run_queued(queued)  # the first sync that setup triggered

    sync.refresh_from_db()
    assert (sync.files_seen, sync.files_imported, sync.files_skipped, sync.files_failed) == (
        50,
        46,
        3,
        1,
    )
    assert sync.last_status == GoogleDriveSync.Status.PARTIAL
    assert "scan-broken.pdf" in sync.last_error
    assert Resume.objects.filter(uploaded_by=alice, source="drive").count() == 46
    detail = api.get(f"{BASE}/syncs/{sync.public_id}").json()
    assert detail["total_imported"] == 46
    assert [row["name"] for row in detail["rejected_files"]] == ["scan-broken.pdf"]
    assert detail["rejected_files"][0]["error"]
    exported = Resume.objects.filter(uploaded_by=alice, original_filename="Candidate notes 0.docx")
    assert exported.get().kind == "docx"

    with django_capture_on_commit_callbacks() as queued:
        response = api.post(f"{BASE}/syncs/{sync.public_id}/sync")
    assert response.status_code == 202
    run_queued(queued)

    sync.refresh_from_db()
    assert sync.files_imported == 0
    assert sync.files_failed == 0  # the broken file is retried only once it changes
    assert Resume.objects.filter(uploaded_by=alice).count() == 46

    add_resumes(standin, folder, spare[:2])
    with django_capture_on_commit_callbacks() as queued:
        api.post(f"{BASE}/syncs/{sync.public_id}/sync")
    run_queued(queued)

    sync.refresh_from_db()
    assert (sync.files_seen, sync.files_imported) == (52, 2)
    assert Resume.objects.filter(uploaded_by=alice, source="drive").count() == 48
    # The refreshed access token was stored encrypted and reused: one refresh in three runs.
    assert standin.request_count("/token") == 1

    response = api.delete(f"{BASE}/syncs/{sync.public_id}")
    assert response.status_code == 204
    assert not PeriodicTask.objects.filter(pk=task.pk).exists()
    assert Resume.objects.filter(uploaded_by=alice, source="drive").count() == 48


def test_a_changed_file_is_imported_again(alice, standin, folder):
    file_id = standin.add_file(folder, "cv.pdf", "application/pdf", RESUMES[0].read_bytes())
    sync, _ = services.setup_sync(alice, folder=folder, frequency="manual")
    assert services.run_sync(sync.pk).imported == 1
    first_resume = DriveImportedFile.objects.get(drive_file_id=file_id).resume

    pdfs = [p for p in RESUMES if p.suffix == ".pdf"]
    standin.update_file(file_id, pdfs[1].read_bytes())
    result = services.run_sync(sync.pk)

    assert (result.imported, result.skipped) == (1, 0)
    entry = DriveImportedFile.objects.get(drive_file_id=file_id)
    assert entry.resume != first_resume
    assert Resume.objects.filter(uploaded_by=alice).count() == 2


def test_a_changed_google_doc_is_detected_by_its_modified_time(alice, standin, folder):
    docx = [p for p in RESUMES if p.suffix == ".docx"]
    doc_id = standin.add_file(folder, "CV", GOOGLE_DOC_MIME, docx[0].read_bytes())
    sync, _ = services.setup_sync(alice, folder=folder, frequency="manual")
    services.run_sync(sync.pk)
    assert services.run_sync(sync.pk).imported == 0

    standin.update_file(doc_id, docx[1].read_bytes())

    assert services.run_sync(sync.pk).imported == 1


def test_same_bytes_in_two_files_import_one_resume(alice, standin, folder):
    data = RESUMES[0].read_bytes()
    standin.add_file(folder, "cv.pdf", "application/pdf", data)
    standin.add_file(folder, "cv (1).pdf", "application/pdf", data)
    sync, _ = services.setup_sync(alice, folder=folder, frequency="manual")

    result = services.run_sync(sync.pk)

    assert (result.imported, result.skipped, result.failed) == (1, 1, 0)
    assert Resume.objects.filter(uploaded_by=alice).count() == 1


def test_an_oversized_file_fails_with_its_size_and_the_rest_import(
    alice, standin, folder, settings
):
    pdfs = [p for p in RESUMES if p.suffix == ".pdf"]
    small = min(pdfs, key=lambda p: p.stat().st_size)
    large = max(pdfs, key=lambda p: p.stat().st_size)
    settings.MAX_UPLOAD_SIZE = small.stat().st_size + 1
    add_resumes(standin, folder, [small, large])
    sync, _ = services.setup_sync(alice, folder=folder, frequency="manual")

    result = services.run_sync(sync.pk)

    assert (result.imported, result.failed) == (1, 1)
    assert result.failures[0].name == large.name
    assert "larger than" in result.failures[0].message


def test_a_file_drive_refuses_is_failed_once_and_not_retried_until_it_changes(
    alice, standin, folder
):
    flagged = standin.add_file(folder, "flagged.pdf", "application/pdf", RESUMES[0].read_bytes())
    add_resumes(standin, folder, [p for p in RESUMES if p.suffix == ".pdf"][1:3])
    standin.fail_next(403, path_contains=flagged, reason="cannotDownloadAbusiveFile")
    sync, _ = services.setup_sync(alice, folder=folder, frequency="manual")

    first = services.run_sync(sync.pk)
    second = services.run_sync(sync.pk)

    assert (first.imported, first.failed) == (2, 1)
    assert "will not hand out" in first.failures[0].message
    assert (second.imported, second.failed, second.skipped) == (0, 0, 3)
    downloads = [path for _, path in standin.requests if flagged in path and "alt=media" in path]
    assert len(downloads) == 1


def test_a_revoked_grant_marks_every_sync_of_the_user_for_reconnection(
    recruiter, connect, standin, folder, client_for
):
    refresh = connect(recruiter)
    first, _ = services.setup_sync(recruiter, folder=folder)
    second, _ = services.setup_sync(recruiter, folder=standin.add_folder("Other"))
    standin.revoke(refresh)

    result = services.run_sync(first.pk)

    assert result.status == GoogleDriveSync.Status.NEEDS_RECONNECT
    for sync in (first, second):
        body = client_for(recruiter).get(f"{BASE}/syncs/{sync.public_id}").json()
        assert body["needs_reconnect"] is True
        assert "Reconnect your Google account" in body["last_error"]
    auth = client_for(recruiter).get(f"{BASE}/auth/url").json()
    assert auth["needs_reconnect"] is True


def test_a_folder_deleted_in_drive_fails_the_run_with_a_message(alice, standin, folder):
    sync, _ = services.setup_sync(alice, folder=folder, frequency="manual")
    del standin.files[folder]

    result = services.run_sync(sync.pk)

    sync.refresh_from_db()
    assert sync.last_status == GoogleDriveSync.Status.FAILED
    assert "was not found" in sync.last_error
    assert result.status == GoogleDriveSync.Status.FAILED


def test_a_disabled_sync_does_not_run_from_a_stale_queue_entry(alice, standin, folder):
    add_resumes(standin, folder, RESUMES[:1])
    sync, _ = services.setup_sync(alice, folder=folder)
    services.update_sync(sync, is_active=False)

    result = services.run_sync(sync.pk)

    assert result.status == "skipped"
    assert not Resume.objects.exists()


def test_management_command_runs_one_sync_with_a_progress_bar(alice, standin, folder):
    add_resumes(standin, folder, RESUMES[:3])
    sync, _ = services.setup_sync(alice, folder=folder, frequency="manual")
    out = io.StringIO()

    call_command("drive_sync", str(sync.public_id), stdout=out)

    text = out.getvalue()
    assert "[" + "#" * 30 + "] 3/3" in text
    assert "success: 3 seen, 3 imported, 0 skipped, 0 failed" in text
    assert Resume.objects.filter(uploaded_by=alice).count() == 3


def test_management_command_reports_an_unknown_sync(db, drive_settings):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No Google Drive sync"):
        call_command("drive_sync", "999999")
