"""Pages of the resumes app: upload with live progress, retry, review queue, parser accuracy."""

from __future__ import annotations

from django.urls import path

from resumes import views

urlpatterns = [
    path("upload/", views.upload_page, name="upload"),
    path("upload/files", views.upload_files, name="upload_files"),
    path("upload/status", views.upload_status, name="upload_status"),
    path("uploads/<uuid:resume_id>/retry", views.resume_retry, name="resume_retry"),
    path("review/", views.review_queue, name="review_queue"),
    path("parser-accuracy/", views.parser_accuracy, name="parser_accuracy"),
]
