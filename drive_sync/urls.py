"""Pages of the drive_sync app."""

from __future__ import annotations

from django.urls import path

from drive_sync import views

urlpatterns = [
    path("google-drive/callback/", views.oauth_callback, name="drive_oauth_callback"),
]
