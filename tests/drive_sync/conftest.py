"""Drive sync fixtures: a running Drive stand-in wired in through settings, connected users."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from google.oauth2.credentials import Credentials

from drive_sync import services
from tests.drive_sync.standin import DriveStandin


@pytest.fixture
def standin():
    with DriveStandin(max_page_size=20) as server:
        yield server


@pytest.fixture
def token_key() -> str:
    return Fernet.generate_key().decode()


@pytest.fixture
def drive_settings(settings, standin, token_key):
    """Point the production code at the stand-in exactly as an operator would, via settings."""
    settings.GOOGLE_CLIENT_ID = "client-123.apps.googleusercontent.com"
    settings.GOOGLE_CLIENT_SECRET = "client-secret"
    settings.GOOGLE_OAUTH_REDIRECT_URI = "http://testserver/google-drive/callback/"
    settings.GOOGLE_DRIVE_API_ENDPOINT = standin.api_endpoint
    settings.GOOGLE_OAUTH_TOKEN_URI = standin.token_uri
    settings.DRIVE_TOKEN_KEYS = [token_key]
    return settings


@pytest.fixture
def connect(standin, drive_settings):
    """``connect(user)`` stores stand-in-issued (already expired) tokens for the user."""

    def make(user) -> str:
        _, refresh = standin.issue_tokens()
        credentials = Credentials(
            token="expired-access-token",
            refresh_token=refresh,
            token_uri=standin.token_uri,
            client_id=drive_settings.GOOGLE_CLIENT_ID,
            client_secret=drive_settings.GOOGLE_CLIENT_SECRET,
            expiry=dt.datetime(2020, 1, 1),
        )
        services.store_credentials(user, credentials)
        return refresh

    return make


@pytest.fixture
def folder(standin) -> str:
    return standin.add_folder("Candidates 2026")
