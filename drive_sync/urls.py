"""Pages of the drive_sync app."""

urlpatterns: list = []
