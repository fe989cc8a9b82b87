"""Pages of the candidates app: the database list, export, detail tabs and their actions."""

from __future__ import annotations

from django.urls import path

from candidates import views

urlpatterns = [
    path("candidates/", views.candidate_list, name="candidate_list"),
    path("candidates/export.csv", views.candidate_export, name="candidate_export"),
    path("candidates/bulk-tag", views.candidate_bulk_tag, name="candidate_bulk_tag"),
    path("candidates/<uuid:candidate_id>/", views.candidate_detail, name="candidate_detail"),
    path(
        "candidates/<uuid:candidate_id>/correct",
        views.candidate_correct,
        name="candidate_correct",
    ),
    path("candidates/<uuid:candidate_id>/notes", views.candidate_add_note, name="candidate_note"),
    path("candidates/<uuid:candidate_id>/tags", views.candidate_tags, name="candidate_tags"),
    path(
        "candidates/<uuid:candidate_id>/resume",
        views.candidate_resume_download,
        name="candidate_resume_download",
    ),
    path(
        "candidates/<uuid:candidate_id>/resume/preview",
        views.candidate_resume_preview,
        name="candidate_resume_preview",
    ),
]
