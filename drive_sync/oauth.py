"""Google OAuth 2.0 web-server flow for Drive read access (pure Python, no Django).

The authorization step returns a URL plus the ``state`` and PKCE ``code_verifier`` that the caller
keeps (in the user's session) until the callback, where ``exchange_code`` checks the state and
trades the code for credentials. Credentials round-trip through plain dicts for encrypted storage.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

import requests
from google.oauth2.credentials import Credentials
from google_auth_oauthlib.flow import Flow
from oauthlib.oauth2.rfc6749.errors import OAuth2Error

DRIVE_READONLY_SCOPE = "https://www.googleapis.com/auth/drive.readonly"
SCOPES = (DRIVE_READONLY_SCOPE,)
GOOGLE_AUTH_URI = "https://accounts.google.com/o/oauth2/auth"
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"  # noqa: S105 (a URL, not a secret)


@dataclass(frozen=True)
class OAuthSettings:
    """The OAuth client registered with Google, and where its endpoints live."""

    client_id: str
    client_secret: str
    redirect_uri: str
    token_uri: str = GOOGLE_TOKEN_URI
    auth_uri: str = GOOGLE_AUTH_URI


@dataclass(frozen=True)
class AuthorizationRequest:
    """Where to send the user, and what to remember until Google redirects back."""

    url: str
    state: str
    code_verifier: str


class OAuthError(Exception):
    """Connecting the Google account failed; ``message`` is meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _flow(
    settings: OAuthSettings, *, state: str | None = None, code_verifier: str | None = None
) -> Flow:
    client_config = {
        "web": {
            "client_id": settings.client_id,
            "client_secret": settings.client_secret,
            "auth_uri": settings.auth_uri,
            "token_uri": settings.token_uri,
            "redirect_uris": [settings.redirect_uri],
        }
    }
    return Flow.from_client_config(
        client_config,
        scopes=list(SCOPES),
        redirect_uri=settings.redirect_uri,
        state=state,
        code_verifier=code_verifier,
        autogenerate_code_verifier=True,
    )


def build_authorization_request(
    settings: OAuthSettings, *, state: str | None = None
) -> AuthorizationRequest:
    """Create the consent URL (offline access, forced consent, PKCE S256) with a fresh state."""
    state = state or secrets.token_urlsafe(32)
    flow = _flow(settings, state=state)
    # prompt=consent makes Google return a refresh token even when the user connected before.
    url, _ = flow.authorization_url(
        access_type="offline",
        prompt="consent",
        include_granted_scopes="true",
        state=state,
    )
    return AuthorizationRequest(url=url, state=state, code_verifier=flow.code_verifier)


def exchange_code(
    settings: OAuthSettings,
    *,
    code: str,
    state: str | None,
    expected_state: str | None,
    code_verifier: str | None,
) -> Credentials:
    """Check the callback's state, trade the code for tokens and return refreshable credentials."""
    if not expected_state or not secrets.compare_digest(state or "", expected_state):
        raise OAuthError(
            "This Google sign-in did not start here or has expired. Start connecting again."
        )
    if not code:
        raise OAuthError("Google did not send an authorization code. Start connecting again.")
    flow = _flow(settings, state=expected_state, code_verifier=code_verifier)
    try:
        flow.fetch_token(code=code)
    except OAuth2Error as exc:
        raise OAuthError(
            f"Google rejected the sign-in ({exc.description or exc.error}). Start connecting again."
        ) from exc
    except requests.RequestException as exc:
        raise OAuthError("Google could not be reached to finish signing in. Try again.") from exc
    except Warning as exc:
        # oauthlib raises Warning when the granted scopes differ from the requested ones, which
        # include_granted_scopes makes normal (earlier grants come back too). Accept it as long
        # as Drive access is among them.
        granted = set(getattr(exc, "new_scope", None) or [])
        if DRIVE_READONLY_SCOPE not in granted:
            raise OAuthError(
                "Google Drive access was not granted. Connect again and allow read access "
                "to your Google Drive."
            ) from exc
        flow.oauth2session.token = dict(exc.token)
    credentials = flow.credentials
    if DRIVE_READONLY_SCOPE not in (credentials.granted_scopes or credentials.scopes or []):
        raise OAuthError(
            "Google Drive access was not granted. Connect again and allow read access to your "
            "Google Drive."
        )
    if not credentials.refresh_token:
        raise OAuthError(
            "Google did not grant offline access. Remove HotGigs from your Google account's "
            "third-party access, then connect again."
        )
    return credentials


def credentials_to_dict(credentials: Credentials) -> dict[str, Any]:
    """Serialize the token part of credentials (no client secret) for encrypted storage."""
    expiry = credentials.expiry
    return {
        "token": credentials.token,
        "refresh_token": credentials.refresh_token,
        "scopes": list(credentials.granted_scopes or credentials.scopes or SCOPES),
        "expiry": expiry.replace(tzinfo=None).isoformat() if expiry else None,
    }


def credentials_from_dict(data: dict[str, Any], settings: OAuthSettings) -> Credentials:
    """Rebuild credentials that google-auth refreshes by itself against settings.token_uri."""
    expiry = data.get("expiry")
    parsed_expiry = None
    if expiry:
        parsed_expiry = dt.datetime.fromisoformat(expiry)
        if parsed_expiry.tzinfo is not None:
            # google-auth compares expiry with a naive UTC "now".
            parsed_expiry = parsed_expiry.astimezone(dt.UTC).replace(tzinfo=None)
    return Credentials(
        token=data.get("token"),
        refresh_token=data.get("refresh_token"),
        token_uri=settings.token_uri,
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=data.get("scopes") or list(SCOPES),
        expiry=parsed_expiry,
    )
