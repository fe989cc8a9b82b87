"""REST API routes of the drive_sync app (mounted under /api/google-drive/)."""

from __future__ import annotations

from django.urls import path

from drive_sync import api

app_name = "drive_sync_api"

urlpatterns = [
    path("setup", api.SetupView.as_view(), name="setup"),
    path("syncs", api.SyncListView.as_view(), name="sync-list"),
    path("syncs/<uuid:sync_id>", api.SyncDetailView.as_view(), name="sync-detail"),
    path("syncs/<uuid:sync_id>/sync", api.ManualSyncView.as_view(), name="sync-run"),
    path("auth/url", api.AuthUrlView.as_view(), name="auth-url"),
]
