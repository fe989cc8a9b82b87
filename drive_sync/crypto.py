"""Encryption at rest for Google credentials: MultiFernet over ``settings.DRIVE_TOKEN_KEYS``.

The first key encrypts, every listed key decrypts, so keys rotate by putting a new key first
and running ``manage.py drive_sync --rotate-keys`` before dropping the old one.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from hotgigs.errors import ServiceError


class TokenKeyError(ServiceError):
    """Stored credentials cannot be encrypted or decrypted with the configured keys."""


def _fernet() -> MultiFernet:
    keys = [key for key in settings.DRIVE_TOKEN_KEYS if key]
    if not keys:
        if not settings.DEBUG:
            raise TokenKeyError(
                "Google Drive is not configured on this server (DRIVE_TOKEN_KEYS is empty).",
                code="drive_not_configured",
                status_code=503,
            )
        # Laptop default: a key derived from SECRET_KEY, so development works without setup.
        digest = hashlib.sha256(f"drive-token-key:{settings.SECRET_KEY}".encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise TokenKeyError(
            "DRIVE_TOKEN_KEYS holds a malformed key; each must be a Fernet key.",
            code="drive_not_configured",
            status_code=503,
        ) from exc


def encrypt_json(data: dict[str, Any]) -> str:
    """Encrypt a JSON-serializable dict with the newest key; returns ASCII ciphertext."""
    return _fernet().encrypt(json.dumps(data).encode()).decode("ascii")


def decrypt_json(ciphertext: str) -> dict[str, Any]:
    """Decrypt ciphertext written by ``encrypt_json`` with any configured key."""
    try:
        return json.loads(_fernet().decrypt(ciphertext.encode("ascii")))
    except InvalidToken as exc:
        raise TokenKeyError(
            "The stored Google credentials cannot be decrypted with the configured keys. "
            "Reconnect your Google account.",
            code="drive_reconnect",
        ) from exc


def reencrypt(ciphertext: str) -> str:
    """Re-encrypt ciphertext under the newest key (key rotation)."""
    try:
        return _fernet().rotate(ciphertext.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise TokenKeyError("Ciphertext is not readable with any configured key.") from exc
