"""Django admin for Drive syncs: edits go through the service, tokens are never shown."""

from __future__ import annotations

import pytest
from django.test import Client
from django_celery_beat.models import PeriodicTask

from drive_sync import crypto, services
from drive_sync.models import GoogleDriveCredential
from tests.factories import UserFactory


@pytest.fixture
def admin_browser(db) -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", role="admin", is_superuser=True))
    return client


@pytest.fixture
def sync(recruiter, connect, folder):
    connect(recruiter)
    created, _ = services.setup_sync(recruiter, folder=folder)
    return created


def test_disabling_a_sync_in_admin_disables_its_periodic_task(admin_browser, sync):
    url = f"/admin/drive_sync/googledrivesync/{sync.pk}/change/"
    form = {
        "folder_name": sync.folder_name,
        "frequency": "daily",
        "run_at": "02:00",
        "run_weekday": "0",
        "timezone": "UTC",
        # is_active left out: an unticked checkbox
    }

    response = admin_browser.post(url, form)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert PeriodicTask.objects.get(pk=sync.periodic_task_id).enabled is False


def test_credential_admin_never_shows_tokens(admin_browser, sync):
    record = GoogleDriveCredential.objects.get(owner=sync.owner)
    tokens = crypto.decrypt_json(record.ciphertext)

    page = admin_browser.get(f"/admin/drive_sync/googledrivecredential/{record.pk}/change/")

    assert page.status_code == 200
    text = page.content.decode()
    assert tokens["refresh_token"] not in text
    assert record.ciphertext not in text


def test_deleting_a_sync_in_admin_removes_its_schedule(admin_browser, sync):
    url = f"/admin/drive_sync/googledrivesync/{sync.pk}/delete/"

    response = admin_browser.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not PeriodicTask.objects.filter(pk=sync.periodic_task_id).exists()
