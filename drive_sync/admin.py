"""Django admin for Google Drive sync. Tokens are never displayed, only whether they exist."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from drive_sync import services
from drive_sync.models import DriveImportedFile, GoogleDriveCredential, GoogleDriveSync
from hotgigs.errors import ServiceError


@admin.register(GoogleDriveSync)
class GoogleDriveSyncAdmin(admin.ModelAdmin):
    list_display = [
        "folder_name",
        "owner",
        "frequency",
        "is_active",
        "last_status",
        "last_sync_at",
        "next_sync_at",
        "files_imported",
        "files_failed",
    ]
    list_filter = ["frequency", "is_active", "last_status"]
    search_fields = ["folder_name", "folder_id", "owner__username", "owner__email"]
    raw_id_fields = ["owner"]
    readonly_fields = [
        "public_id",
        "owner",
        "folder_id",
        "periodic_task",
        "last_sync_at",
        "next_sync_at",
        "last_status",
        "last_error",
        "last_task_id",
        "run_started_at",
        "files_seen",
        "files_imported",
        "files_skipped",
        "files_failed",
        "created_at",
        "updated_at",
    ]
    actions = ["run_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A sync needs the owner's Google connection and folder validation: the API does that.
        return False

    def save_model(self, request: HttpRequest, obj: GoogleDriveSync, form, change: bool) -> None:
        # Route edits through the service so the beat schedule changes in the same transaction.
        services.update_sync(
            obj,
            folder_name=obj.folder_name,
            frequency=obj.frequency,
            is_active=obj.is_active,
            run_at=obj.run_at,
            run_weekday=obj.run_weekday,
            timezone_name=obj.timezone,
        )

    def delete_model(self, request: HttpRequest, obj: GoogleDriveSync) -> None:
        services.delete_sync(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for sync in queryset:
            services.delete_sync(sync)

    @admin.action(description="Sync the selected folders now")
    def run_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        for sync in queryset:
            try:
                services.start_manual_sync(sync)
            except ServiceError as exc:
                self.message_user(request, f"{sync}: {exc.message}", messages.WARNING)
            else:
                self.message_user(request, f"{sync}: sync queued.", messages.SUCCESS)


@admin.register(DriveImportedFile)
class DriveImportedFileAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "sync", "outcome", "imported_at"]
    list_filter = ["outcome"]
    search_fields = ["name", "drive_file_id", "owner__username"]
    raw_id_fields = ["owner", "sync", "resume"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(GoogleDriveCredential)
class GoogleDriveCredentialAdmin(admin.ModelAdmin):
    list_display = ["owner", "needs_reconnect", "connected_at", "updated_at"]
    list_filter = ["needs_reconnect"]
    search_fields = ["owner__username", "owner__email"]
    # The ciphertext is left out entirely; admins see only that a connection exists.
    fields = ["owner", "needs_reconnect", "connected_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
