"""REST API routes of the matching app (mounted at /api/): jobs CRUD and matching endpoints."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import DefaultRouter

from matching import api

router = DefaultRouter()
router.include_root_view = False
router.register("jobs", api.JobViewSet, basename="job")

urlpatterns = [
    path(
        "matching/candidates/<uuid:id>/matches",
        api.CandidateMatchesView.as_view(),
        name="candidate-matches",
    ),
    path(
        "matching/candidates/<uuid:id>/rematch",
        api.CandidateRematchView.as_view(),
        name="candidate-rematch",
    ),
    path("matching/jobs/<uuid:id>/matches", api.JobMatchesView.as_view(), name="job-matches"),
    path("matching/jobs/<uuid:id>/rematch", api.JobRematchView.as_view(), name="job-rematch"),
    path("matching/matches/<uuid:id>/viewed", api.MatchViewedView.as_view(), name="match-viewed"),
    path("matching/matches/<uuid:id>", api.MatchDetailView.as_view(), name="match-detail"),
    path(
        "matching/stats/candidate/<uuid:id>",
        api.CandidateStatsView.as_view(),
        name="candidate-stats",
    ),
    path("matching/stats/job/<uuid:id>", api.JobStatsView.as_view(), name="job-stats"),
    *router.urls,
]
