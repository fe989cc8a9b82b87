"""DRF serializers for Google Drive sync. Tokens are never part of any of them."""

from __future__ import annotations

import zoneinfo

from rest_framework import serializers

from drive_sync import selectors
from drive_sync.models import GoogleDriveSync


def _validate_timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise serializers.ValidationError(f'"{value}" is not a known time zone.') from exc
    return value


class SyncSerializer(serializers.ModelSerializer):
    """A sync as listed: schedule, last run and its statistics."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    needs_reconnect = serializers.SerializerMethodField()

    class Meta:
        model = GoogleDriveSync
        fields = [
            "id",
            "folder_id",
            "folder_name",
            "frequency",
            "is_active",
            "run_at",
            "run_weekday",
            "timezone",
            "next_sync_at",
            "last_sync_at",
            "last_status",
            "last_error",
            "needs_reconnect",
            "files_seen",
            "files_imported",
            "files_skipped",
            "files_failed",
            "last_task_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_needs_reconnect(self, sync: GoogleDriveSync) -> bool:
        return sync.last_status == GoogleDriveSync.Status.NEEDS_RECONNECT


class RejectedFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    error = serializers.CharField()
    at = serializers.DateTimeField(source="imported_at")


class ScheduleSerializer(serializers.Serializer):
    cron = serializers.CharField()
    timezone = serializers.CharField()
    enabled = serializers.BooleanField()


class SyncDetailSerializer(SyncSerializer):
    """One sync with its beat schedule, all-time import count and files rejected so far."""

    schedule = serializers.SerializerMethodField()
    total_imported = serializers.SerializerMethodField()
    rejected_files = serializers.SerializerMethodField()

    class Meta(SyncSerializer.Meta):
        fields = [*SyncSerializer.Meta.fields, "schedule", "total_imported", "rejected_files"]
        read_only_fields = fields

    def get_schedule(self, sync: GoogleDriveSync) -> dict | None:
        task = sync.periodic_task
        if task is None or task.crontab is None:
            return None
        crontab = task.crontab
        cron = " ".join(
            [
                crontab.minute,
                crontab.hour,
                crontab.day_of_month,
                crontab.month_of_year,
                crontab.day_of_week,
            ]
        )
        data = {"cron": cron, "timezone": str(crontab.timezone), "enabled": task.enabled}
        return ScheduleSerializer(data).data

    def get_total_imported(self, sync: GoogleDriveSync) -> int:
        return selectors.imported_count_of(sync)

    def get_rejected_files(self, sync: GoogleDriveSync) -> list[dict]:
        rows = selectors.rejected_files_of(sync)[:50]
        return RejectedFileSerializer(rows, many=True).data


class SetupSyncSerializer(serializers.Serializer):
    """Input of POST /setup: a folder id or shared link, and how often to sync it."""

    folder_id = serializers.CharField(max_length=500, help_text="Folder id or Drive folder link.")
    folder_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    frequency = serializers.ChoiceField(
        choices=GoogleDriveSync.Frequency.choices, default=GoogleDriveSync.Frequency.DAILY
    )
    run_at = serializers.TimeField(required=False, help_text="Local time, HH:MM.")
    run_weekday = serializers.IntegerField(
        required=False, min_value=0, max_value=6, help_text="0 = Monday … 6 = Sunday."
    )
    timezone = serializers.CharField(max_length=64, required=False, validators=[_validate_timezone])


class UpdateSyncSerializer(serializers.Serializer):
    """Input of PUT /syncs/{id}: every field optional; absent fields keep their value."""

    folder_name = serializers.CharField(max_length=255, required=False)
    frequency = serializers.ChoiceField(choices=GoogleDriveSync.Frequency.choices, required=False)
    is_active = serializers.BooleanField(required=False, allow_null=True, default=None)
    active = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Alias of is_active."
    )
    run_at = serializers.TimeField(required=False)
    run_weekday = serializers.IntegerField(required=False, min_value=0, max_value=6)
    timezone = serializers.CharField(max_length=64, required=False, validators=[_validate_timezone])


class ManualSyncSerializer(serializers.Serializer):
    task_id = serializers.CharField()
    sync = SyncSerializer()


class AuthUrlSerializer(serializers.Serializer):
    authorization_url = serializers.URLField()
    connected = serializers.BooleanField()
    needs_reconnect = serializers.BooleanField()
