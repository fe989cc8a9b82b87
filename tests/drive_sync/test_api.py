"""REST API at /api/google-drive/: the caller's own syncs only, schedules follow, no tokens out."""

from __future__ import annotations

import json
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django_celery_beat.models import PeriodicTask

from drive_sync import services
from drive_sync.models import DriveAuthorizationRequest, GoogleDriveSync

BASE = "/api/google-drive"


@pytest.fixture
def alice(recruiter, connect):
    connect(recruiter)
    return recruiter


@pytest.fixture
def bobs_sync(other_recruiter, connect, standin):
    connect(other_recruiter)
    sync, _ = services.setup_sync(other_recruiter, folder=standin.add_folder("Bob's CVs"))
    return sync


@pytest.fixture
def alices_sync(alice, folder):
    sync, _ = services.setup_sync(alice, folder=folder)
    return sync


def test_setup_validates_the_folder_creates_the_schedule_and_returns_a_task_id(
    alice, folder, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(alice).post(
            f"{BASE}/setup",
            {"folder_id": f"https://drive.google.com/drive/folders/{folder}?usp=sharing"},
        )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["task_id"]
    assert body["sync"]["folder_name"] == "Candidates 2026"
    assert body["sync"]["frequency"] == "daily"
    assert body["sync"]["schedule"]["cron"] == "0 2 * * *"
    assert body["sync"]["next_sync_at"]
    sync = GoogleDriveSync.objects.get(public_id=body["sync"]["id"])
    assert sync.owner == alice and sync.folder_id == folder
    assert PeriodicTask.objects.get(pk=sync.periodic_task_id).enabled
    assert len(callbacks) == 1  # the first sync is queued once the transaction commits


def test_setup_of_a_folder_that_does_not_exist_is_a_400_with_a_message(alice, client_for):
    response = client_for(alice).post(f"{BASE}/setup", {"folder_id": "doesNotExist123"})

    assert response.status_code == 400
    assert "was not found" in response.json()["detail"]
    assert not GoogleDriveSync.objects.exists()


def test_setup_before_connecting_google_asks_to_connect(recruiter, drive_settings, client_for):
    response = client_for(recruiter).post(f"{BASE}/setup", {"folder_id": "abc123"})

    assert response.status_code == 400
    assert response.json()["code"] == "drive_not_connected"


def test_setup_rejects_an_unknown_frequency(alice, folder, client_for):
    response = client_for(alice).post(f"{BASE}/setup", {"folder_id": folder, "frequency": "hourly"})

    assert response.status_code == 400
    assert "frequency" in response.json()


def test_candidates_cannot_set_up_drive_syncs(candidate_user, drive_settings, client_for):
    response = client_for(candidate_user).post(f"{BASE}/setup", {"folder_id": "abc"})

    assert response.status_code == 403


def test_anonymous_requests_are_refused(api_client, drive_settings):
    assert api_client.get(f"{BASE}/syncs").status_code == 401


def test_list_shows_only_the_callers_syncs(alice, alices_sync, bobs_sync, client_for):
    response = client_for(alice).get(f"{BASE}/syncs")

    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert ids == [str(alices_sync.public_id)]


def test_detail_has_the_next_run_and_statistics(alice, alices_sync, client_for):
    response = client_for(alice).get(f"{BASE}/syncs/{alices_sync.public_id}")

    assert response.status_code == 200
    body = response.json()
    for key in (
        "next_sync_at",
        "last_sync_at",
        "last_status",
        "last_error",
        "files_seen",
        "files_imported",
        "files_skipped",
        "files_failed",
        "total_imported",
        "rejected_files",
        "schedule",
    ):
        assert key in body
    assert body["schedule"] == {"cron": "0 2 * * *", "timezone": "UTC", "enabled": True}


def test_no_response_ever_contains_tokens(alice, alices_sync, client_for):
    record = alice.google_drive_credential
    client = client_for(alice)
    responses = [
        client.get(f"{BASE}/syncs"),
        client.get(f"{BASE}/syncs/{alices_sync.public_id}"),
        client.put(f"{BASE}/syncs/{alices_sync.public_id}", {"folder_name": "Renamed"}),
        client.get(f"{BASE}/auth/url"),
    ]

    from drive_sync import crypto

    tokens = crypto.decrypt_json(record.ciphertext)
    for response in responses:
        text = response.content.decode()
        assert tokens["refresh_token"] not in text
        assert tokens["token"] not in text
        assert "ciphertext" not in text and "refresh" not in text.lower()


def test_put_changes_frequency_and_the_periodic_task_follows(alice, alices_sync, client_for):
    response = client_for(alice).put(
        f"{BASE}/syncs/{alices_sync.public_id}",
        {"frequency": "weekly", "run_weekday": 2, "run_at": "07:45", "folder_name": "Engineers"},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["folder_name"] == "Engineers"
    assert body["schedule"]["cron"] == "45 7 * * 3"
    task = PeriodicTask.objects.get(pk=alices_sync.periodic_task_id)
    assert task.crontab.day_of_week == "3" and task.crontab.hour == "7"


def test_put_disables_the_sync_and_its_periodic_task(alice, alices_sync, client_for):
    response = client_for(alice).put(f"{BASE}/syncs/{alices_sync.public_id}", {"is_active": False})

    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert response.json()["next_sync_at"] is None
    assert PeriodicTask.objects.get(pk=alices_sync.periodic_task_id).enabled is False


def test_manual_sync_returns_the_celery_task_id(
    alice, alices_sync, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(alice).post(f"{BASE}/syncs/{alices_sync.public_id}/sync")

    assert response.status_code == 202
    task_id = response.json()["task_id"]
    uuid.UUID(task_id)
    alices_sync.refresh_from_db()
    assert alices_sync.last_task_id == task_id
    assert alices_sync.last_status == "queued"
    assert len(callbacks) == 1


def test_manual_sync_of_a_disabled_sync_is_409(alice, alices_sync, client_for):
    services.update_sync(alices_sync, is_active=False)

    response = client_for(alice).post(f"{BASE}/syncs/{alices_sync.public_id}/sync")

    assert response.status_code == 409
    assert "disabled" in response.json()["detail"]


def test_delete_removes_the_sync_and_its_schedule(alice, alices_sync, client_for):
    task_pk = alices_sync.periodic_task_id

    response = client_for(alice).delete(f"{BASE}/syncs/{alices_sync.public_id}")

    assert response.status_code == 204
    assert not GoogleDriveSync.objects.filter(pk=alices_sync.pk).exists()
    assert not PeriodicTask.objects.filter(pk=task_pk).exists()


# another user's sync: 403 on every endpoint, and nothing changes --------------------------


def test_other_users_sync_detail_is_403(alice, bobs_sync, client_for):
    response = client_for(alice).get(f"{BASE}/syncs/{bobs_sync.public_id}")

    assert response.status_code == 403
    assert "Bob" not in response.content.decode()


def test_other_users_sync_cannot_be_changed(alice, bobs_sync, client_for):
    response = client_for(alice).put(
        f"{BASE}/syncs/{bobs_sync.public_id}", {"is_active": False, "folder_name": "Mine now"}
    )

    assert response.status_code == 403
    bobs_sync.refresh_from_db()
    assert bobs_sync.is_active and bobs_sync.folder_name == "Bob's CVs"


def test_other_users_sync_cannot_be_run(alice, bobs_sync, client_for):
    response = client_for(alice).post(f"{BASE}/syncs/{bobs_sync.public_id}/sync")

    assert response.status_code == 403
    bobs_sync.refresh_from_db()
    assert bobs_sync.last_task_id != "" and bobs_sync.last_status == "queued"


def test_other_users_sync_cannot_be_deleted(alice, bobs_sync, client_for):
    response = client_for(alice).delete(f"{BASE}/syncs/{bobs_sync.public_id}")

    assert response.status_code == 403
    assert GoogleDriveSync.objects.filter(pk=bobs_sync.pk).exists()
    assert PeriodicTask.objects.filter(pk=bobs_sync.periodic_task_id).exists()


def test_other_users_sync_does_not_appear_in_the_list(alice, bobs_sync, client_for):
    response = client_for(alice).get(f"{BASE}/syncs")

    assert response.json()["results"] == []


def test_admins_do_not_see_recruiters_syncs_through_the_api(admin_user, bobs_sync, client_for):
    client = client_for(admin_user)

    assert client.get(f"{BASE}/syncs").json()["results"] == []
    assert client.get(f"{BASE}/syncs/{bobs_sync.public_id}").status_code == 403


@pytest.mark.parametrize(
    ("method", "suffix"), [("get", ""), ("put", ""), ("delete", ""), ("post", "/sync")]
)
def test_unknown_sync_id_is_404(alice, client_for, method, suffix):
    response = getattr(client_for(alice), method)(f"{BASE}/syncs/{uuid.uuid4()}{suffix}")

    assert response.status_code == 404


# OAuth ------------------------------------------------------------------------------------


def test_auth_url_is_a_google_consent_url_with_a_stored_state(
    recruiter, drive_settings, client_for
):
    response = client_for(recruiter).get(f"{BASE}/auth/url")

    assert response.status_code == 200
    body = response.json()
    assert body["connected"] is False
    query = parse_qs(urlsplit(body["authorization_url"]).query)
    assert query["access_type"] == ["offline"]
    assert query["redirect_uri"] == ["http://testserver/google-drive/callback/"]
    pending = DriveAuthorizationRequest.objects.get(owner=recruiter)
    assert query["state"] == [pending.state]


def test_auth_url_when_google_is_not_configured_is_503(recruiter, settings, client_for):
    settings.GOOGLE_CLIENT_ID = ""

    response = client_for(recruiter).get(f"{BASE}/auth/url")

    assert response.status_code == 503
    assert "not configured" in response.json()["detail"]


def test_openapi_schema_documents_every_drive_endpoint(client_for, admin_user):
    schema = client_for(admin_user).get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )

    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"]
    for path in (
        "/api/google-drive/setup",
        "/api/google-drive/syncs",
        "/api/google-drive/syncs/{sync_id}",
        "/api/google-drive/syncs/{sync_id}/sync",
        "/api/google-drive/auth/url",
    ):
        assert path in paths
