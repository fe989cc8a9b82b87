"""The OAuth callback page: state checked, code exchanged, tokens stored encrypted."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from drive_sync import crypto
from drive_sync.models import DriveAuthorizationRequest, GoogleDriveCredential, GoogleDriveSync

CALLBACK = "/google-drive/callback/"


@pytest.fixture
def insecure_local_token_endpoint(monkeypatch):
    # The stand-in's token endpoint is plain http on 127.0.0.1; oauthlib needs to be told so.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


@pytest.fixture
def signed_in(recruiter) -> Client:
    client = Client()
    client.force_login(recruiter)
    return client


def start_sign_in(client_for, user) -> str:
    url = client_for(user).get("/api/google-drive/auth/url").json()["authorization_url"]
    return parse_qs(urlsplit(url).query)["state"][0]


def test_callback_connects_the_account_and_stores_tokens_encrypted(
    recruiter, signed_in, client_for, standin, drive_settings, insecure_local_token_endpoint
):
    state = start_sign_in(client_for, recruiter)
    code = standin.issue_authorization_code()

    response = signed_in.get(CALLBACK, {"code": code, "state": state})

    assert response.status_code == 200
    assert "Google Drive connected" in response.content.decode()
    record = GoogleDriveCredential.objects.get(owner=recruiter)
    stored = crypto.decrypt_json(record.ciphertext)
    assert stored["refresh_token"] in standin.refresh_tokens
    assert stored["refresh_token"] not in record.ciphertext
    assert not DriveAuthorizationRequest.objects.filter(state=state).exists()


def test_callback_with_a_forged_state_is_refused(
    recruiter, signed_in, standin, drive_settings, insecure_local_token_endpoint
):
    code = standin.issue_authorization_code()

    response = signed_in.get(CALLBACK, {"code": code, "state": "made-up-state"})

    assert response.status_code == 400
    assert "did not start here" in response.content.decode()
    assert not GoogleDriveCredential.objects.exists()


def test_a_state_started_by_another_user_cannot_be_completed(
    recruiter,
    other_recruiter,
    client_for,
    standin,
    drive_settings,
    insecure_local_token_endpoint,
):
    state = start_sign_in(client_for, other_recruiter)
    signed_in = Client()
    signed_in.force_login(recruiter)

    response = signed_in.get(CALLBACK, {"code": standin.issue_authorization_code(), "state": state})

    assert response.status_code == 400
    assert not GoogleDriveCredential.objects.exists()


def test_a_state_cannot_be_used_twice(
    recruiter, signed_in, client_for, standin, drive_settings, insecure_local_token_endpoint
):
    state = start_sign_in(client_for, recruiter)
    signed_in.get(CALLBACK, {"code": standin.issue_authorization_code(), "state": state})

    replay = signed_in.get(CALLBACK, {"code": standin.issue_authorization_code(), "state": state})

    assert replay.status_code == 400


def test_declining_consent_shows_a_clear_message(recruiter, signed_in, client_for, drive_settings):
    state = start_sign_in(client_for, recruiter)

    response = signed_in.get(CALLBACK, {"error": "access_denied", "state": state})

    assert response.status_code == 400
    assert "was not granted" in response.content.decode()


def test_callback_requires_sign_in(drive_settings):
    response = Client().get(CALLBACK, {"code": "x", "state": "y"})

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_reconnecting_clears_the_needs_reconnect_state_of_syncs(
    recruiter,
    signed_in,
    client_for,
    connect,
    standin,
    folder,
    drive_settings,
    insecure_local_token_endpoint,
):
    from drive_sync import services

    refresh = connect(recruiter)
    sync, _ = services.setup_sync(recruiter, folder=folder)
    standin.revoke(refresh)
    services.mark_needs_reconnect(recruiter)
    state = start_sign_in(client_for, recruiter)

    signed_in.get(CALLBACK, {"code": standin.issue_authorization_code(), "state": state})

    sync.refresh_from_db()
    assert sync.last_status == GoogleDriveSync.Status.PENDING
    assert sync.last_error == ""
    assert GoogleDriveCredential.objects.get(owner=recruiter).needs_reconnect is False
