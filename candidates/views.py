"""Candidate database pages: the searchable list, CSV export, the detail tabs and their actions.

Reads start from ``candidates_visible_to`` (lists) or ``get_candidate_for`` (one candidate,
through ``hotgigs.pages.candidate_access``); writes call ``candidates.services``.
"""

from __future__ import annotations

import csv
import json
import re
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from candidates import services
from candidates.models import (
    CHANGE,
    DOWNLOAD_RESUME,
    CandidateProfile,
    Source,
)
from candidates.selectors import (
    ORDERINGS,
    SNIPPET_START,
    SNIPPET_STOP,
    activity_for,
    browse_candidates,
    highlight_snippet,
    notes_visible_to,
    tag_names,
)
from hotgigs.errors import ServiceError
from hotgigs.http import client_ip, user_agent
from hotgigs.pages import back, candidate_access, query_with, recruiter_page, report_error

PAGE_SIZE = 25
EXPORT_LIMIT = 10_000
TABS = [
    ("profile", "Profile"),
    ("experience", "Experience"),
    ("education", "Education"),
    ("skills", "Skills"),
    ("resume", "Resume"),
    ("notes", "Notes"),
    ("tags", "Tags"),
    ("matches", "Matches"),
    ("activity", "Activity"),
]
SORTS = [
    ("", "Best match / newest"),
    ("-created_at", "Newest first"),
    ("created_at", "Oldest first"),
    ("name", "Name A–Z"),
    ("-name", "Name Z–A"),
    ("-years_experience", "Most experience"),
    ("years_experience", "Least experience"),
    ("-updated_at", "Recently updated"),
]
# Masks contact details in search snippets for rows whose contact the user may not see.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")


def _listed(request: HttpRequest) -> tuple[QuerySet[CandidateProfile], dict[str, Any]]:
    """The current view of the database from the URL, through the same browse as the API."""
    params = {
        "q": request.GET.get("q", "").strip(),
        "source": request.GET.get("source", ""),
        "tags": _comma_list(request.GET.get("tags", "")),
        "tags_mode": "all" if request.GET.get("tags_mode") == "all" else "any",
        "skills": _comma_list(request.GET.get("skills", "")),
        "min_years": request.GET.get("min_years", "").strip(),
        "location": request.GET.get("location", "").strip(),
        "ordering": request.GET.get("ordering", ""),
    }
    try:
        min_years = max(0.0, float(params["min_years"])) if params["min_years"] else None
    except ValueError:
        min_years, params["min_years"] = None, ""
    qs = browse_candidates(
        request.user,
        q=params["q"],
        source=params["source"] if params["source"] in Source.values else None,
        tags=params["tags"],
        tags_mode=params["tags_mode"],
        skills=params["skills"],
        min_years=min_years,
        location=params["location"] or None,
        ordering=params["ordering"] if params["ordering"] in ORDERINGS else None,
        with_snippet=bool(params["q"]),
    )
    return qs, params


def _comma_list(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _safe_snippet(row: CandidateProfile, query: str) -> str:
    snippet = getattr(row, "snippet", "") or ""
    if not getattr(row, "can_view_contact", False):
        snippet = _PHONE.sub("[phone hidden]", _EMAIL.sub("[email hidden]", snippet))
    if SNIPPET_START not in snippet:
        # SQLite's search returns the text's start without markers: mark the words here.
        words = [w.strip("\"'") for w in query.split() if not w.startswith("-")]
        pattern = "|".join(re.escape(w) for w in words if len(w) > 1)
        if pattern:
            snippet = re.sub(
                f"({pattern})", f"{SNIPPET_START}\\1{SNIPPET_STOP}", snippet, flags=re.IGNORECASE
            )
    return highlight_snippet(snippet)


@require_GET
@recruiter_page
def candidate_list(request: HttpRequest) -> HttpResponse:
    """Search, filter, sort and page through the user's candidates (all kept in the URL)."""
    qs, params = _listed(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.snippet_html = _safe_snippet(row, params["q"]) if params["q"] else ""
        row.tag_list = sorted(link.tag.name for link in row.tag_links.all())
    context = {
        "page": page,
        "params": params,
        "sources": Source.choices,
        "sorts": SORTS,
        "export_query": query_with(request, page=None),
        "prev_query": query_with(request, page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next_query": query_with(request, page=page.next_page_number()) if page.has_next() else "",
    }
    return render(request, "candidates/list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
@recruiter_page
def candidate_export(request: HttpRequest) -> StreamingHttpResponse:
    """CSV of the current view; contact cells are filled only where the user may see them."""
    qs, _ = _listed(request)
    rows = qs[:EXPORT_LIMIT]
    header = ["id", "name", "headline", "location", "years_experience", "skills", "tags"]
    header += ["email", "phone", "links", "created_at"]

    def lines():
        writer = csv.writer(_Echo())
        yield writer.writerow(header)
        for c in rows.iterator(chunk_size=500):
            allowed = getattr(c, "can_view_contact", False)
            yield writer.writerow(
                [
                    c.pk,
                    _csv_safe(c.full_name),
                    _csv_safe(c.headline),
                    _csv_safe(c.location),
                    "" if c.years_experience is None else c.years_experience,
                    _csv_safe("; ".join(s.get("name", "") for s in c.skills or [])),
                    _csv_safe("; ".join(sorted(link.tag.name for link in c.tag_links.all()))),
                    _csv_safe(c.email) if allowed else "",
                    _csv_safe(c.phone) if allowed else "",
                    _csv_safe(" ".join(c.links or [])) if allowed else "",
                    c.created_at.isoformat(),
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="candidates.csv"'
    return response


def _csv_safe(value: Any) -> str:
    """Neutralise spreadsheet formulas (=, +, -, @) that parsed resume text could carry."""
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_POST
@recruiter_page
def candidate_bulk_tag(request: HttpRequest) -> HttpResponseRedirect:
    """Tag the selected candidates (only those the user may change are touched)."""
    try:
        count = services.bulk_tag(
            request.user,
            request.POST.getlist("ids"),
            [t for t in request.POST.get("tags", "").split(",") if t.strip()],
            ip=client_ip(request),
            user_agent=user_agent(request),
        )
    except ServiceError as exc:
        report_error(request, exc)
    else:
        messages.success(request, f"Tagged {count} candidate{'s' if count != 1 else ''}.")
    return back(request, "candidate_list")


def _matches_for(user: Any, candidate: CandidateProfile) -> list:
    from matching.selectors import matches_for_candidate

    return list(matches_for_candidate(user, candidate.pk)[:20])


def _corrections(access: Any) -> list:
    """Correction history (parser value beside the recruiter's); contact values stay hidden."""
    rows = list(access.candidate.corrections.select_related("author"))
    hidden = {"email", "phone", "links"}
    for row in rows:
        row.hidden = row.field in hidden and not access.can_view_contact
    return rows


@require_GET
@recruiter_page
def candidate_detail(request: HttpRequest, candidate_id: str) -> HttpResponse:
    """One candidate, one tab at a time; opening the profile is logged."""
    access = candidate_access(request.user, candidate_id)
    candidate = access.candidate
    tab = request.GET.get("tab", "profile")
    if tab not in dict(TABS):
        tab = "profile"
    if tab == "profile" and not request.htmx:
        services.record_view(
            request.user, candidate, ip=client_ip(request), user_agent=user_agent(request)
        )
    context: dict[str, Any] = {
        "c": candidate,
        "access": access,
        "tab": tab,
        "tabs": TABS,
        "tags": tag_names(candidate),
        "correctable": _correctable_fields(access),
    }
    if tab == "profile":
        context["corrections"] = _corrections(access)
    elif tab == "resume":
        context["resume"] = candidate.latest_resume
    elif tab == "notes":
        context["notes"] = notes_visible_to(request.user, candidate)
    elif tab == "matches":
        context["matches"] = _matches_for(request.user, candidate)
    elif tab == "activity":
        context["activity"] = activity_for(request.user, candidate)[:100]
    return render(request, "candidates/detail.html", context)


# How each correctable field is edited on the page: one line of text, or a textarea.
_LINE_FIELDS = ("full_name", "headline", "location", "email", "phone", "years_experience")
_LIST_FIELDS = ("links", "languages")  # one item per line
_STRUCTURED_FIELDS = ("skills", "experience", "education", "certifications")  # JSON


def _correctable_fields(access: Any) -> list[dict[str, Any]]:
    """The fields this user may correct, with the current value rendered for editing."""
    if not access.can_change:
        return []
    fields = []
    for name in services.CORRECTABLE_FIELDS:
        if name in ("email", "phone", "links") and not access.can_view_contact:
            continue
        value = getattr(access.candidate, name, None)
        if name in _LIST_FIELDS:
            shown, kind = "\n".join(value or []), "lines"
        elif name in _STRUCTURED_FIELDS:
            shown, kind = json.dumps(value or [], indent=1, ensure_ascii=False), "json"
        elif name == "summary":
            shown, kind = value or "", "text"
        else:
            shown, kind = "" if value is None else str(value), "line"
        label = name.replace("_", " ").capitalize()
        fields.append({"name": name, "label": label, "value": shown, "kind": kind})
    return fields


def _submitted_value(field: str, raw: str) -> Any:
    if field in _LIST_FIELDS:
        return [line.strip() for line in raw.splitlines() if line.strip()]
    if field in _STRUCTURED_FIELDS:
        try:
            return json.loads(raw or "[]")
        except json.JSONDecodeError as exc:
            raise ServiceError(
                f"{field.capitalize()} must be a JSON list, as shown in the box ({exc.msg})."
            ) from exc
    return raw


@require_POST
@recruiter_page
def candidate_correct(request: HttpRequest, candidate_id: str) -> HttpResponseRedirect:
    """Correct one parsed field; the parser's value is kept beside it in the history."""
    access = candidate_access(request.user, candidate_id, require=CHANGE)
    field = request.POST.get("field", "")
    try:
        services.correct_field(
            request.user,
            access.candidate,
            field,
            _submitted_value(field, request.POST.get("value", "")),
            ip=client_ip(request),
            user_agent=user_agent(request),
        )
    except ServiceError as exc:
        report_error(request, exc)
    else:
        messages.success(request, f"Corrected {field.replace('_', ' ')}.")
    return back(request, "candidate_detail", access.candidate.pk)


@require_POST
@recruiter_page
def candidate_add_note(request: HttpRequest, candidate_id: str) -> HttpResponseRedirect:
    """Add a private or shared note, optionally marked important."""
    access = candidate_access(request.user, candidate_id, require=CHANGE)
    try:
        services.add_note(
            request.user,
            access.candidate,
            request.POST.get("body", ""),
            is_private=request.POST.get("is_private") == "on",
            is_important=request.POST.get("is_important") == "on",
            ip=client_ip(request),
            user_agent=user_agent(request),
        )
    except ServiceError as exc:
        report_error(request, exc)
    else:
        messages.success(request, "Note added.")
    return redirect(f"{_detail_url(access.candidate)}?tab=notes")


def _detail_url(candidate: CandidateProfile) -> str:
    return reverse("candidate_detail", args=[candidate.pk])


@require_POST
@recruiter_page
def candidate_tags(request: HttpRequest, candidate_id: str) -> HttpResponse:
    """Add tags (comma-separated) or remove one; htmx swaps the tag list in place."""
    access = candidate_access(request.user, candidate_id, require=CHANGE)
    error = ""
    try:
        services.set_tags(
            request.user,
            access.candidate,
            add=[t for t in request.POST.get("add", "").split(",") if t.strip()],
            remove=[request.POST["remove"]] if request.POST.get("remove") else [],
            ip=client_ip(request),
            user_agent=user_agent(request),
        )
    except ServiceError as exc:
        if not request.htmx:
            report_error(request, exc)
        error = exc.message
    if request.htmx:
        context = {"c": access.candidate, "access": access, "tags": tag_names(access.candidate)}
        # swapped: the new form takes the focus back, so keyboard users can keep tagging.
        context.update(error=error, swapped=True)
        return render(request, "candidates/_tags.html", context)
    return redirect(f"{_detail_url(access.candidate)}?tab=tags")


def _resume_file(request: HttpRequest, candidate_id: str, *, inline: bool) -> FileResponse:
    access = candidate_access(request.user, candidate_id, require=DOWNLOAD_RESUME)
    resume = access.candidate.latest_resume
    if resume is None or not resume.file:
        raise Http404("This candidate has no stored resume.")
    if inline and resume.kind != "pdf":
        raise Http404("Only PDF resumes can be previewed.")
    services.record_download(
        request.user,
        access.candidate,
        resume=resume,
        ip=client_ip(request),
        user_agent=user_agent(request),
    )
    response = FileResponse(
        resume.file.open("rb"), as_attachment=not inline, filename=resume.original_filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@recruiter_page
def candidate_resume_download(request: HttpRequest, candidate_id: str) -> FileResponse:
    """The latest resume file, for users allowed to download it (logged)."""
    return _resume_file(request, candidate_id, inline=False)


@require_GET
@recruiter_page
@xframe_options_sameorigin
def candidate_resume_preview(request: HttpRequest, candidate_id: str) -> FileResponse:
    """The latest resume PDF inline, for the preview frame on the Resume tab."""
    return _resume_file(request, candidate_id, inline=True)
