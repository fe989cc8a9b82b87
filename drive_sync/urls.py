"""Pages of the drive_sync app."""

from __future__ import annotations

from django.urls import path

from drive_sync import views, views_pages

urlpatterns = [
    path("google-drive/callback/", views.oauth_callback, name="drive_oauth_callback"),
    # Pages (issue 8): drive_sync/views_pages.py
    path("google-drive/", views_pages.drive_page, name="drive_page"),
    path("google-drive/connect", views_pages.drive_connect, name="drive_connect"),
    path("google-drive/disconnect", views_pages.drive_disconnect, name="drive_disconnect"),
    path("google-drive/syncs", views_pages.drive_setup, name="drive_setup"),
    path(
        "google-drive/syncs/<uuid:sync_id>", views_pages.drive_sync_update, name="drive_sync_update"
    ),
    path(
        "google-drive/syncs/<uuid:sync_id>/run", views_pages.drive_sync_now, name="drive_sync_now"
    ),
    path(
        "google-drive/syncs/<uuid:sync_id>/delete",
        views_pages.drive_sync_delete,
        name="drive_sync_delete",
    ),
]
