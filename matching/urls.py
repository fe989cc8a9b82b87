"""Pages of the matching app: jobs and their match dashboards."""

from __future__ import annotations

from django.urls import path

from matching import views

urlpatterns = [
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/new", views.job_edit, name="job_create"),
    path("jobs/suggest-skills", views.job_suggest_skills, name="job_suggest_skills"),
    path("jobs/<uuid:job_id>/", views.job_matches, name="job_matches"),
    path("jobs/<uuid:job_id>/edit", views.job_edit, name="job_edit"),
    path("matches/<uuid:match_id>/viewed", views.match_mark_viewed, name="match_viewed"),
]
