"""REST API routes of the drive_sync app."""

urlpatterns: list = []
