"""Tokens at rest: encrypted with DRIVE_TOKEN_KEYS, rotatable, unreadable without the key."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from drive_sync import crypto, services
from drive_sync.models import GoogleDriveCredential
from hotgigs.errors import ServiceError


def test_encrypted_tokens_round_trip_with_the_configured_key(settings, token_key):
    settings.DRIVE_TOKEN_KEYS = [token_key]

    ciphertext = crypto.encrypt_json({"refresh_token": "1//secret-refresh"})

    assert "secret-refresh" not in ciphertext
    assert crypto.decrypt_json(ciphertext) == {"refresh_token": "1//secret-refresh"}


def test_a_new_first_key_encrypts_while_old_keys_still_decrypt(settings, token_key):
    settings.DRIVE_TOKEN_KEYS = [token_key]
    old = crypto.encrypt_json({"token": "a"})
    new_key = Fernet.generate_key().decode()
    settings.DRIVE_TOKEN_KEYS = [new_key, token_key]

    assert crypto.decrypt_json(old) == {"token": "a"}
    rotated = crypto.reencrypt(old)
    settings.DRIVE_TOKEN_KEYS = [new_key]
    assert crypto.decrypt_json(rotated) == {"token": "a"}
    with pytest.raises(ServiceError, match="Reconnect"):
        crypto.decrypt_json(old)


def test_tokens_are_unreadable_in_the_database_without_the_key(recruiter, connect, drive_settings):
    refresh = connect(recruiter)

    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM drive_sync_googledrivecredential")
        (stored,) = cursor.fetchone()
    assert refresh not in stored
    assert "expired-access-token" not in stored
    drive_settings.DRIVE_TOKEN_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ServiceError):
        crypto.decrypt_json(stored)


def test_rotate_keys_command_reencrypts_stored_credentials(recruiter, connect, drive_settings):
    connect(recruiter)
    old_key = drive_settings.DRIVE_TOKEN_KEYS[0]
    new_key = Fernet.generate_key().decode()
    drive_settings.DRIVE_TOKEN_KEYS = [new_key, old_key]

    assert services.rotate_token_keys() == 1

    drive_settings.DRIVE_TOKEN_KEYS = [new_key]
    record = GoogleDriveCredential.objects.get(owner=recruiter)
    assert crypto.decrypt_json(record.ciphertext)["token"] == "expired-access-token"


def test_production_without_keys_refuses_to_store_tokens(settings):
    settings.DEBUG = False
    settings.DRIVE_TOKEN_KEYS = []

    with pytest.raises(ServiceError, match="not configured"):
        crypto.encrypt_json({"token": "x"})
