from django.apps import AppConfig


class DriveSyncConfig(AppConfig):
    name = "drive_sync"
    verbose_name = "Google Drive sync"
    default_auto_field = "django.db.models.BigAutoField"
