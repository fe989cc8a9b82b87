"""Job pages: list, create/edit with skill suggestions, and each job's match dashboard.

Reads go through ``matching.selectors`` (scoped; candidates through the privacy helper),
writes through ``matching.services``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hotgigs.errors import NotAllowed, ServiceError
from hotgigs.pages import query_with, recruiter_page, report_error
from matching import selectors, services
from matching.models import EducationLevel, EmploymentType, Job, JobStatus, RemotePolicy, Tier

PAGE_SIZE = 25


def _split(raw: str) -> list[str]:
    return [part.strip() for part in (raw or "").replace("\n", ",").split(",") if part.strip()]


class JobForm(forms.Form):
    """Input checks only (types, lengths); the rules live in matching.services."""

    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), required=False)
    required_skills = forms.CharField(
        required=False, help_text="Comma-separated. Left empty, they are read from the description."
    )
    preferred_skills = forms.CharField(required=False, help_text="Comma-separated.")
    min_years = forms.FloatField(required=False, min_value=0, max_value=60, label="Minimum years")
    education_level = forms.ChoiceField(choices=EducationLevel.choices, required=False)
    location = forms.CharField(max_length=200, required=False)
    remote_policy = forms.ChoiceField(choices=RemotePolicy.choices)
    employment_type = forms.ChoiceField(choices=EmploymentType.choices)
    status = forms.ChoiceField(choices=JobStatus.choices)

    def job_fields(self) -> dict[str, Any]:
        """The cleaned values in the shape create_job/update_job take."""
        data = dict(self.cleaned_data)
        data["required_skills"] = _split(data["required_skills"])
        data["preferred_skills"] = _split(data["preferred_skills"])
        return data


def _job_or_403(user: Any, job_id: Any) -> Job:
    try:
        return selectors.get_job_for(user, job_id)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc


@require_GET
@recruiter_page
def job_list(request: HttpRequest) -> HttpResponse:
    """The user's jobs (admins: all), with match counts per tier."""
    page = Paginator(selectors.jobs_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for job in page.object_list:
        job.stats = selectors.job_stats(request.user, job)
    return render(request, "matching/job_list.html", {"page": page})


def _initial(job: Job) -> dict[str, Any]:
    return {
        "title": job.title,
        "description": job.description,
        "required_skills": ", ".join(job.required_skills),
        "preferred_skills": ", ".join(job.preferred_skills),
        "min_years": job.min_years,
        "education_level": job.education_level,
        "location": job.location,
        "remote_policy": job.remote_policy,
        "employment_type": job.employment_type,
        "status": job.status,
    }


@require_http_methods(["GET", "POST"])
@recruiter_page
def job_edit(request: HttpRequest, job_id: str | None = None) -> HttpResponse:
    """Create a job, or edit one; saving queues its matching in the background."""
    job = _job_or_403(request.user, job_id) if job_id else None
    if request.method == "POST":
        form = JobForm(request.POST)
        if form.is_valid():
            try:
                if job is None:
                    job = services.create_job(request.user, **form.job_fields())
                    messages.success(request, "Job created. Matching candidates now.")
                else:
                    job = services.update_job(request.user, job, **form.job_fields())
                    messages.success(request, "Job saved.")
            except ServiceError as exc:
                report_error(request, exc)
            else:
                return redirect("job_matches", job.pk)
    else:
        form = JobForm(initial=_initial(job) if job else {"status": JobStatus.OPEN})
    return render(request, "matching/job_form.html", {"form": form, "job": job})


@require_POST
@recruiter_page
def job_suggest_skills(request: HttpRequest) -> HttpResponse:
    """htmx: the taxonomy skills found in the description typed so far."""
    skills = services.suggest_skills(request.POST.get("description", ""))
    return render(request, "matching/_suggested_skills.html", {"skills": skills})


def _int_or_none(raw: str | None) -> int | None:
    try:
        return max(0, min(100, int(raw))) if raw not in (None, "") else None
    except ValueError:
        return None


@require_GET
@recruiter_page
def job_matches(request: HttpRequest, job_id: str) -> HttpResponse:
    """Ranked candidates for a job: score bars, tier filter, minimum score, explanation."""
    job = _job_or_403(request.user, job_id)
    tier = request.GET.get("tier") if request.GET.get("tier") in Tier.values else None
    min_score = _int_or_none(request.GET.get("min_score"))
    matches = selectors.matches_for_job(request.user, job, min_score=min_score, tier=tier)
    page = Paginator(matches, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "job": job,
        "page": page,
        "stats": selectors.job_stats(request.user, job),
        "tier": tier or "",
        "min_score": "" if min_score is None else min_score,
        "tiers": Tier.choices,
        "prev_query": query_with(request, page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next_query": query_with(request, page=page.next_page_number()) if page.has_next() else "",
    }
    return render(request, "matching/job_matches.html", context)


@require_POST
@recruiter_page
def match_mark_viewed(request: HttpRequest, match_id: str) -> HttpResponse:
    """Mark a match as seen; htmx swaps the button for a note."""
    try:
        match = selectors.get_match_for(request.user, match_id)
        match = services.mark_viewed(request.user, match)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    if request.htmx:
        return render(request, "matching/_viewed.html", {"m": match})
    return redirect("job_matches", match.job_id)
