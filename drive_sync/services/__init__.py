"""Write side of Google Drive sync: one function per use case, each owning its transaction."""

from __future__ import annotations

from drive_sync.services.credentials import (
    connect_google_account,
    disconnect_google_account,
    drive_client_for,
    mark_needs_reconnect,
    oauth_settings,
    rotate_token_keys,
    start_authorization,
    store_credentials,
)
from drive_sync.services.runs import FileFailure, SyncProgress, SyncResult, run_sync
from drive_sync.services.syncs import (
    delete_sync,
    next_run_after,
    setup_sync,
    start_manual_sync,
    update_sync,
)

__all__ = [
    "FileFailure",
    "SyncProgress",
    "SyncResult",
    "connect_google_account",
    "delete_sync",
    "disconnect_google_account",
    "drive_client_for",
    "mark_needs_reconnect",
    "next_run_after",
    "oauth_settings",
    "rotate_token_keys",
    "run_sync",
    "setup_sync",
    "start_authorization",
    "start_manual_sync",
    "store_credentials",
    "update_sync",
]
