"""Connecting a Google account: OAuth start and callback, encrypted storage, reconnect marking."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from google.oauth2.credentials import Credentials

from drive_sync import crypto
from drive_sync.client import RECONNECT_MESSAGE, DriveClient
from drive_sync.models import DriveAuthorizationRequest, GoogleDriveCredential, GoogleDriveSync
from drive_sync.oauth import (
    OAuthError,
    OAuthSettings,
    build_authorization_request,
    credentials_from_dict,
    credentials_to_dict,
    exchange_code,
)
from hotgigs.errors import ServiceError

logger = logging.getLogger(__name__)

AUTHORIZATION_TTL = dt.timedelta(minutes=15)
MAX_PENDING_AUTHORIZATIONS = 5


def oauth_settings() -> OAuthSettings:
    """The OAuth client from settings, with the token endpoint override applied."""
    if not settings.GOOGLE_CLIENT_ID or not settings.GOOGLE_CLIENT_SECRET:
        raise ServiceError(
            "Google Drive is not configured on this server "
            "(GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are not set).",
            code="drive_not_configured",
            status_code=503,
        )
    return OAuthSettings(
        client_id=settings.GOOGLE_CLIENT_ID,
        client_secret=settings.GOOGLE_CLIENT_SECRET,
        redirect_uri=settings.GOOGLE_OAUTH_REDIRECT_URI,
        token_uri=settings.GOOGLE_OAUTH_TOKEN_URI,
    )


@transaction.atomic
def start_authorization(user) -> str:
    """Begin connecting ``user``'s Google account; returns the consent URL to open."""
    request = build_authorization_request(oauth_settings())
    now = timezone.now()
    pending = DriveAuthorizationRequest.objects.filter(owner=user)
    pending.filter(created_at__lt=now - AUTHORIZATION_TTL).delete()
    # Keep only the newest few so repeated clicks cannot pile up rows.
    stale_ids = list(
        pending.order_by("-created_at").values_list("pk", flat=True)[
            MAX_PENDING_AUTHORIZATIONS - 1 :
        ]
    )
    DriveAuthorizationRequest.objects.filter(pk__in=stale_ids).delete()
    DriveAuthorizationRequest.objects.create(
        owner=user, state=request.state, code_verifier=request.code_verifier
    )
    return request.url


def connect_google_account(
    user, *, code: str | None, state: str | None, error: str | None = None
) -> GoogleDriveCredential:
    """Finish the OAuth callback for ``user``: check state, exchange the code, store tokens."""
    pending = None
    if state:
        pending = DriveAuthorizationRequest.objects.filter(
            owner=user, state=state, created_at__gte=timezone.now() - AUTHORIZATION_TTL
        ).first()
        # Single use: a state is consumed whether or not the exchange succeeds.
        DriveAuthorizationRequest.objects.filter(owner=user, state=state).delete()
    if error:
        message = (
            "Google Drive access was not granted."
            if error == "access_denied"
            else f"Google reported an error while connecting: {error}."
        )
        raise ServiceError(message, code="oauth_denied")
    try:
        credentials = exchange_code(
            oauth_settings(),
            code=code or "",
            state=state,
            expected_state=pending.state if pending else None,
            code_verifier=pending.code_verifier if pending else None,
        )
    except OAuthError as exc:
        raise ServiceError(exc.message, code="oauth_failed") from exc
    return store_credentials(user, credentials)


@transaction.atomic
def store_credentials(user, credentials: Credentials) -> GoogleDriveCredential:
    """Encrypt and save ``user``'s credentials; syncs waiting for a reconnect become runnable."""
    ciphertext = crypto.encrypt_json(credentials_to_dict(credentials))
    record, _ = GoogleDriveCredential.objects.update_or_create(
        owner=user, defaults={"ciphertext": ciphertext, "needs_reconnect": False}
    )
    GoogleDriveSync.objects.filter(
        owner=user, last_status=GoogleDriveSync.Status.NEEDS_RECONNECT
    ).update(last_status=GoogleDriveSync.Status.PENDING, last_error="", updated_at=timezone.now())
    return record


@transaction.atomic
def mark_needs_reconnect(user, message: str = RECONNECT_MESSAGE) -> int:
    """Flag ``user``'s grant as revoked and every sync of theirs as needing a reconnect."""
    GoogleDriveCredential.objects.filter(owner=user).update(needs_reconnect=True)
    return GoogleDriveSync.objects.filter(owner=user).update(
        last_status=GoogleDriveSync.Status.NEEDS_RECONNECT,
        last_error=message,
        updated_at=timezone.now(),
    )


def drive_client_for(user) -> tuple[DriveClient, Credentials]:
    """A Drive client acting as ``user`` against the configured endpoint; ServiceError if none."""
    record = GoogleDriveCredential.objects.filter(owner=user).first()
    if record is None:
        raise ServiceError(
            "Connect your Google account before setting up a Drive sync.",
            code="drive_not_connected",
        )
    if record.needs_reconnect:
        raise ServiceError(RECONNECT_MESSAGE, code="drive_reconnect")
    credentials = credentials_from_dict(crypto.decrypt_json(record.ciphertext), oauth_settings())
    client = DriveClient(credentials, api_endpoint=settings.GOOGLE_DRIVE_API_ENDPOINT)
    return client, credentials


def save_refreshed_credentials(user, credentials: Credentials) -> None:
    """Persist an access token google-auth refreshed during a call, so the next run reuses it."""
    record = GoogleDriveCredential.objects.filter(owner=user).first()
    if record is None or record.needs_reconnect or not credentials.token:
        return
    stored = crypto.decrypt_json(record.ciphertext)
    current = credentials_to_dict(credentials)
    if stored.get("token") == current["token"] and stored.get("expiry") == current["expiry"]:
        return
    GoogleDriveCredential.objects.filter(pk=record.pk).update(
        ciphertext=crypto.encrypt_json(current), updated_at=timezone.now()
    )


def disconnect_google_account(user) -> None:
    """Forget ``user``'s Google tokens; their syncs stay and wait for a reconnect."""
    with transaction.atomic():
        GoogleDriveCredential.objects.filter(owner=user).delete()
        GoogleDriveSync.objects.filter(owner=user).update(
            last_status=GoogleDriveSync.Status.NEEDS_RECONNECT,
            last_error="The Google account was disconnected. Connect it again to resume syncing.",
        )


def rotate_token_keys() -> int:
    """Re-encrypt every stored credential under the newest DRIVE_TOKEN_KEYS key."""
    count = 0
    for record in GoogleDriveCredential.objects.only("pk", "ciphertext").iterator():
        GoogleDriveCredential.objects.filter(pk=record.pk).update(
            ciphertext=crypto.reencrypt(record.ciphertext)
        )
        count += 1
    logger.info("Re-encrypted %d Google Drive credentials", count)
    return count
