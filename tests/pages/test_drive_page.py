"""The Google Drive page against the Drive stand-in: connect by OAuth, sync a folder, disconnect."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from drive_sync.models import GoogleDriveSync
from tests.drive_sync.conftest import (  # noqa: F401  (fixtures shared with the Drive tests)
    connect,
    drive_settings,
    folder,
    standin,
    token_key,
)
from tests.resumes.helpers import resume_file

# Transactional: the first run queued by setup runs (eagerly) when its transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)


def test_connect_sync_history_and_disconnect(
    recruiter,
    page_client,
    standin,  # noqa: F811
    folder,  # noqa: F811
    drive_settings,  # noqa: F811
    monkeypatch,
):
    # The stand-in's token endpoint is plain http on 127.0.0.1; oauthlib must be told so.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    standin.add_file(folder, "ada.pdf", "application/pdf", resume_file("pdf").read_bytes())
    client = page_client(recruiter)
    assert "Connect Google Drive" in client.get("/google-drive/").text

    consent = client.post("/google-drive/connect")
    assert consent.status_code == 302
    state = parse_qs(urlsplit(consent["Location"]).query)["state"][0]
    code = standin.issue_authorization_code()
    assert client.get("/google-drive/callback/", {"code": code, "state": state}).status_code == 200
    assert "Your Google account is connected" in client.get("/google-drive/").text

    page = client.post(
        "/google-drive/syncs",
        {"folder": folder, "frequency": "weekly", "run_at": "03:30", "run_weekday": "2"},
        follow=True,
    )
    assert "Syncing “Candidates 2026”" in page.text
    sync = GoogleDriveSync.objects.get(owner=recruiter)
    assert (sync.frequency, sync.run_at.hour, sync.run_weekday) == ("weekly", 3, 2)
    page = client.get("/google-drive/")
    assert "ada.pdf" in page.text and "Imported" in page.text

    client.post(f"/google-drive/syncs/{sync.public_id}", {"frequency": "manual", "is_active": "on"})
    sync.refresh_from_db()
    assert sync.frequency == "manual" and sync.periodic_task is None
    page = client.post(f"/google-drive/syncs/{sync.public_id}/run", follow=True)
    assert "queued" in page.text

    page = client.post("/google-drive/disconnect", follow=True)
    assert "Google Drive disconnected" in page.text and "Connect Google Drive" in page.text
    client.post(f"/google-drive/syncs/{sync.public_id}/delete")
    assert not GoogleDriveSync.objects.filter(pk=sync.pk).exists()


def test_a_folder_that_does_not_exist_shows_the_reason(
    recruiter,
    page_client,
    connect,  # noqa: F811
):
    connect(recruiter)
    page = page_client(recruiter).post(
        "/google-drive/syncs", {"folder": "doesNotExist123"}, follow=True
    )
    assert 'class="error"' in page.text
    assert not GoogleDriveSync.objects.exists()


def test_another_users_sync_cannot_be_run(recruiter, other_recruiter, page_client):
    sync = GoogleDriveSync.objects.create(owner=recruiter, folder_id="f1", folder_name="Mine")
    response = page_client(other_recruiter).post(f"/google-drive/syncs/{sync.public_id}/run")
    assert response.status_code == 403
