"""REST API routes of the candidates app (mounted at /api/resumes/, no trailing slashes)."""

from __future__ import annotations

from django.urls import path

from candidates import api

urlpatterns = [
    path("candidates", api.CandidateListView.as_view(), name="api-candidate-list"),
    path("candidates/<uuid:id>", api.CandidateDetailView.as_view(), name="api-candidate-detail"),
    path("candidates/<uuid:id>/notes", api.NotesView.as_view(), name="api-candidate-notes"),
    path("candidates/<uuid:id>/tags", api.TagsView.as_view(), name="api-candidate-tags"),
    path(
        "candidates/<uuid:id>/tags/<str:name>",
        api.TagDeleteView.as_view(),
        name="api-candidate-tag-delete",
    ),
    path(
        "candidates/<uuid:id>/activity", api.ActivityView.as_view(), name="api-candidate-activity"
    ),
    path("admin/candidates", api.AdminCandidateListView.as_view(), name="api-admin-candidates"),
    path("admin/candidates/share", api.ShareView.as_view(), name="api-admin-share"),
    path("admin/candidates/share/revoke", api.RevokeShareView.as_view(), name="api-admin-revoke"),
]
