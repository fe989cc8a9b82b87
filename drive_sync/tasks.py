"""Celery entry points for Drive sync: load the id, call the service."""

from __future__ import annotations

import time

from celery import shared_task

from drive_sync.services import run_sync

# A big folder can take a while; the run stops starting new files after RUN_BUDGET_SECONDS and
# the next run picks up the rest, well before the hard limit kills the task.
RUN_BUDGET_SECONDS = 45 * 60


@shared_task(acks_late=True, soft_time_limit=55 * 60, time_limit=60 * 60)
def sync_drive_folder(sync_id: int) -> dict:
    """Run one Google Drive folder sync (scheduled by beat or queued by hand)."""
    return run_sync(sync_id, deadline=time.monotonic() + RUN_BUDGET_SECONDS).as_dict()
