"""OAuth helpers: consent URL, code exchange against the stand-in's token endpoint, round-trips."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest

from drive_sync.client import DriveClient
from drive_sync.oauth import (
    DRIVE_READONLY_SCOPE,
    OAuthError,
    OAuthSettings,
    build_authorization_request,
    credentials_from_dict,
    credentials_to_dict,
    exchange_code,
)
from tests.drive_sync.standin import DriveStandin

SETTINGS = OAuthSettings(
    client_id="client-123.apps.googleusercontent.com",
    client_secret="shh",
    redirect_uri="https://hotgigs.test/google-drive/callback/",
)


@pytest.fixture
def standin():
    with DriveStandin() as server:
        yield server


@pytest.fixture
def local_settings(standin, monkeypatch) -> OAuthSettings:
    # oauthlib refuses plain-http token endpoints unless told this is a local test setup.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    return OAuthSettings(
        client_id=SETTINGS.client_id,
        client_secret=SETTINGS.client_secret,
        redirect_uri=SETTINGS.redirect_uri,
        token_uri=standin.token_uri,
    )


def test_authorization_url_asks_for_offline_drive_access_with_state_and_pkce():
    request = build_authorization_request(SETTINGS)

    parts = urlsplit(request.url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert parts.netloc == "accounts.google.com"
    assert query["client_id"] == SETTINGS.client_id
    assert query["redirect_uri"] == SETTINGS.redirect_uri
    assert query["scope"] == DRIVE_READONLY_SCOPE
    assert query["access_type"] == "offline"
    assert query["prompt"] == "consent"
    assert query["include_granted_scopes"] == "true"
    assert query["state"] == request.state and len(request.state) >= 32
    assert query["code_challenge_method"] == "S256"
    digest = hashlib.sha256(request.code_verifier.encode()).digest()
    assert query["code_challenge"] == base64.urlsafe_b64encode(digest).decode().rstrip("=")


def test_each_authorization_request_has_its_own_state_and_verifier():
    first, second = build_authorization_request(SETTINGS), build_authorization_request(SETTINGS)

    assert first.state != second.state
    assert first.code_verifier != second.code_verifier


def test_exchange_rejects_a_callback_whose_state_does_not_match():
    with pytest.raises(OAuthError, match="did not start here"):
        exchange_code(
            SETTINGS, code="abc", state="forged", expected_state="real", code_verifier="v" * 64
        )


def test_exchange_rejects_a_callback_when_no_sign_in_was_started():
    with pytest.raises(OAuthError):
        exchange_code(SETTINGS, code="abc", state="x", expected_state=None, code_verifier=None)


def test_exchange_code_returns_refreshable_credentials(standin, local_settings):
    auth = build_authorization_request(local_settings)
    code = standin.issue_authorization_code()

    credentials = exchange_code(
        local_settings,
        code=code,
        state=auth.state,
        expected_state=auth.state,
        code_verifier=auth.code_verifier,
    )

    assert credentials.token in standin.access_tokens
    assert credentials.refresh_token in standin.refresh_tokens
    assert credentials.token_uri == standin.token_uri
    token_posts = [path for method, path in standin.requests if method == "POST"]
    assert token_posts == ["/token"]


def test_exchange_accepts_earlier_grants_returned_alongside_drive(standin, local_settings):
    # include_granted_scopes makes Google return scopes granted before; oauthlib flags the
    # difference, and the exchange must still succeed because Drive read access is among them.
    standin.granted_scope = f"openid email {DRIVE_READONLY_SCOPE}"
    auth = build_authorization_request(local_settings)

    credentials = exchange_code(
        local_settings,
        code=standin.issue_authorization_code(),
        state=auth.state,
        expected_state=auth.state,
        code_verifier=auth.code_verifier,
    )

    assert credentials.refresh_token in standin.refresh_tokens


def test_exchange_fails_when_the_user_unticks_drive_access(standin, local_settings):
    standin.granted_scope = "openid email"
    auth = build_authorization_request(local_settings)

    with pytest.raises(OAuthError, match="Drive access was not granted"):
        exchange_code(
            local_settings,
            code=standin.issue_authorization_code(),
            state=auth.state,
            expected_state=auth.state,
            code_verifier=auth.code_verifier,
        )


def test_exchange_of_a_used_code_fails_with_a_readable_message(standin, local_settings):
    auth = build_authorization_request(local_settings)

    with pytest.raises(OAuthError, match="Google rejected the sign-in"):
        exchange_code(
            local_settings,
            code="never-issued",
            state=auth.state,
            expected_state=auth.state,
            code_verifier=auth.code_verifier,
        )


def test_stored_credentials_refresh_themselves_through_the_configured_token_uri(
    standin, local_settings
):
    folder = standin.add_folder("CVs")
    _, refresh = standin.issue_tokens()
    stored = {
        "token": "expired",
        "refresh_token": refresh,
        "scopes": [DRIVE_READONLY_SCOPE],
        "expiry": "2020-01-01T00:00:00",
    }

    credentials = credentials_from_dict(stored, local_settings)
    client = DriveClient(credentials, api_endpoint=standin.api_endpoint, sleep=lambda _: None)

    assert client.get_folder(folder).name == "CVs"
    assert standin.request_count("/token") == 1
    refreshed = credentials_to_dict(credentials)
    assert refreshed["token"] in standin.access_tokens
    assert refreshed["refresh_token"] == refresh
    assert dt.datetime.fromisoformat(refreshed["expiry"]) > dt.datetime(2026, 1, 1)


def test_credentials_dict_round_trip_keeps_tokens_and_not_the_client_secret():
    credentials = credentials_from_dict(
        {"token": "a", "refresh_token": "r", "expiry": "2030-05-01T10:00:00+02:00"}, SETTINGS
    )

    data = credentials_to_dict(credentials)

    assert data["token"] == "a" and data["refresh_token"] == "r"
    assert data["expiry"] == "2030-05-01T08:00:00"
    assert "shh" not in repr(data)
    assert credentials.client_secret == "shh"
