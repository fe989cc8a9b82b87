"""REST API routes of the resumes app (mounted at /api/resumes/, no trailing slashes)."""

from django.urls import path

from resumes import api

urlpatterns = [
    path("upload", api.UploadView.as_view(), name="api-resume-upload"),
    path("bulk-upload", api.BulkUploadView.as_view(), name="api-resume-bulk-upload"),
    path("batches/<uuid:batch_id>", api.BatchView.as_view(), name="api-resume-batch"),
    path("<uuid:resume_id>/status", api.StatusView.as_view(), name="api-resume-status"),
    path("<uuid:resume_id>/data", api.DataView.as_view(), name="api-resume-data"),
    path("<uuid:resume_id>/download", api.DownloadView.as_view(), name="api-resume-download"),
]
