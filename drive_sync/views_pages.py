"""The Google Drive page: connect, choose folders and schedules, sync now, status, disconnect.

Every action calls ``drive_sync.services``; every read goes through ``drive_sync.selectors``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from drive_sync import selectors, services
from drive_sync.models import GoogleDriveSync
from hotgigs.errors import ServiceError
from hotgigs.pages import recruiter_page, report_error

HISTORY_LENGTH = 10
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
BUSY = {GoogleDriveSync.Status.QUEUED, GoogleDriveSync.Status.RUNNING}


def _syncs_context(user) -> dict:
    syncs = list(selectors.syncs_of(user))
    for sync in syncs:
        sync.history = list(sync.imported_files.order_by("-imported_at")[:HISTORY_LENGTH])
        sync.total_imported = selectors.imported_count_of(sync)
    return {
        "syncs": syncs,
        "busy": any(s.last_status in BUSY for s in syncs),
        "frequencies": GoogleDriveSync.Frequency.choices,
        "weekdays": list(enumerate(WEEKDAYS)),
    }


@require_GET
@recruiter_page
def drive_page(request: HttpRequest) -> HttpResponse:
    """Connection state, the user's folder syncs with statistics and history, and the forms."""
    context = {"connection": selectors.connection_of(request.user), **_syncs_context(request.user)}
    if request.htmx:
        return render(request, "drive_sync/_syncs.html", context)
    return render(request, "drive_sync/page.html", context)


@require_POST
@recruiter_page
def drive_connect(request: HttpRequest) -> HttpResponseRedirect:
    """Start OAuth: send the browser to Google's consent screen."""
    try:
        url = services.start_authorization(request.user)
    except ServiceError as exc:
        report_error(request, exc)
        return redirect("drive_page")
    return HttpResponseRedirect(url)


@require_POST
@recruiter_page
def drive_disconnect(request: HttpRequest) -> HttpResponseRedirect:
    """Forget the user's Google tokens; syncs stay and wait for a reconnect."""
    services.disconnect_google_account(request.user)
    messages.success(request, "Google Drive disconnected. Your syncs are kept.")
    return redirect("drive_page")


def _time_or_none(raw: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(raw) if raw else None
    except ValueError as exc:
        raise ServiceError(f'"{raw}" is not a time of day (use HH:MM).') from exc


def _weekday_or_none(raw: str) -> int | None:
    if raw == "":
        return None
    if raw.isdigit() and int(raw) < len(WEEKDAYS):
        return int(raw)
    raise ServiceError("Choose a day of the week.")


@require_POST
@recruiter_page
def drive_setup(request: HttpRequest) -> HttpResponseRedirect:
    """Create a sync for a folder (link or id) with its schedule, and queue the first run."""
    try:
        sync, _task_id = services.setup_sync(
            request.user,
            folder=request.POST.get("folder", "").strip(),
            frequency=request.POST.get("frequency") or GoogleDriveSync.Frequency.DAILY,
            folder_name=request.POST.get("folder_name", "").strip() or None,
            run_at=_time_or_none(request.POST.get("run_at", "")),
            run_weekday=_weekday_or_none(request.POST.get("run_weekday", "")),
        )
    except ServiceError as exc:
        report_error(request, exc)
    else:
        messages.success(request, f"Syncing “{sync.folder_name}”. The first run is queued.")
    return redirect("drive_page")


@require_POST
@recruiter_page
def drive_sync_update(request: HttpRequest, sync_id: str) -> HttpResponseRedirect:
    """Change a sync's frequency, time, day or enabled state."""
    sync = selectors.sync_for(request.user, sync_id)
    try:
        services.update_sync(
            sync,
            frequency=request.POST.get("frequency") or None,
            is_active=request.POST.get("is_active") == "on",
            run_at=_time_or_none(request.POST.get("run_at", "")),
            run_weekday=_weekday_or_none(request.POST.get("run_weekday", "")),
        )
    except ServiceError as exc:
        report_error(request, exc)
    else:
        messages.success(request, f"Saved the schedule of “{sync.folder_name}”.")
    return redirect("drive_page")


@require_POST
@recruiter_page
def drive_sync_now(request: HttpRequest, sync_id: str) -> HttpResponseRedirect:
    """Queue a run of one sync now."""
    sync = selectors.sync_for(request.user, sync_id)
    try:
        services.start_manual_sync(sync)
    except ServiceError as exc:
        report_error(request, exc)
    else:
        messages.success(request, f"Sync of “{sync.folder_name}” queued.")
    return redirect("drive_page")


@require_POST
@recruiter_page
def drive_sync_delete(request: HttpRequest, sync_id: str) -> HttpResponseRedirect:
    """Stop syncing a folder; the resumes it imported stay."""
    sync = selectors.sync_for(request.user, sync_id)
    services.delete_sync(sync)
    messages.success(request, f"Stopped syncing “{sync.folder_name}”. Imported resumes are kept.")
    return redirect("drive_page")
