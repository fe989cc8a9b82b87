"""Running one sync: list the folder, skip what the ledger already has, import the rest."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from drive_sync.client import (
    DriveAuthError,
    DriveClient,
    DriveError,
    DriveFile,
    DriveFileUnavailable,
    DriveNotFound,
    classify,
)
from drive_sync.models import DriveImportedFile, GoogleDriveSync
from drive_sync.services.credentials import (
    drive_client_for,
    mark_needs_reconnect,
    save_refreshed_credentials,
)
from drive_sync.services.syncs import STALE_RUN_AFTER, next_run_after
from hotgigs.errors import ServiceError
from resumes.services import IngestError, ingest_resume

logger = logging.getLogger(__name__)

Status = GoogleDriveSync.Status
Outcome = DriveImportedFile.Outcome
# How many failed file names the sync's last_error lists before summarising.
LISTED_FAILURES = 5
STOPPED_EARLY_MESSAGE = "Stopped early to stay within the time limit; the next run does the rest."


@dataclass
class FileFailure:
    """A file that could not be imported in this run, and why."""

    name: str
    message: str


@dataclass
class SyncResult:
    """What one run did; ``status`` is a GoogleDriveSync.Status value, or "skipped"."""

    status: str
    seen: int = 0
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    error: str = ""
    failures: list[FileFailure] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Plain data for a Celery result."""
        return {
            "status": self.status,
            "seen": self.seen,
            "imported": self.imported,
            "skipped": self.skipped,
            "failed": self.failed,
            "error": self.error,
            "failures": [{"name": f.name, "message": f.message} for f in self.failures],
        }


@dataclass(frozen=True)
class SyncProgress:
    """Reported after each file: position, totals so far, and the file just handled."""

    done: int
    total: int
    result: SyncResult
    file_name: str


def _claim(sync: GoogleDriveSync) -> bool:
    """Mark the sync running unless another live run holds it (a conditional UPDATE)."""
    now = timezone.now()
    claimed = (
        GoogleDriveSync.objects.filter(pk=sync.pk)
        .exclude(last_status=Status.RUNNING, run_started_at__gt=now - STALE_RUN_AFTER)
        .update(last_status=Status.RUNNING, run_started_at=now, updated_at=now)
    )
    return claimed == 1


def _import_name(file: DriveFile, kind: str) -> str:
    # Google Docs come back as DOCX; Drive names often lack an extension altogether.
    if kind == "gdoc" and PurePosixPath(file.name).suffix.lower() != ".docx":
        return f"{file.name}.docx"
    return file.name


class _Run:
    def __init__(self, sync: GoogleDriveSync, client: DriveClient) -> None:
        self.sync = sync
        self.owner = sync.owner
        self.client = client
        self.result = SyncResult(status=Status.RUNNING)
        self.ledger = {
            row.drive_file_id: row for row in DriveImportedFile.objects.filter(owner=self.owner)
        }

    def _record(self, file: DriveFile, outcome: str, *, resume=None, error: str = "") -> None:
        DriveImportedFile.objects.update_or_create(
            owner=self.owner,
            drive_file_id=file.id,
            defaults={
                "sync": self.sync,
                "name": file.name[:255],
                "md5_checksum": file.md5 or "",
                "modified_time": file.modified_time or "",
                "outcome": outcome,
                "error": error,
                "resume": resume,
                "imported_at": timezone.now(),
            },
        )

    def _fail(self, file: DriveFile, message: str) -> None:
        self.result.failed += 1
        self.result.failures.append(FileFailure(file.name, message))

    def handle(self, file: DriveFile) -> None:
        """Import one file, counting it as imported, skipped or failed; only auth errors escape."""
        kind = classify(file)
        known = self.ledger.get(file.id)
        if kind is None or (known and known.is_same_version(file.md5, file.modified_time)):
            self.result.skipped += 1
            return
        try:
            data = self.client.download(file, max_bytes=settings.MAX_UPLOAD_SIZE)
        except DriveFileUnavailable as exc:
            self._record(file, Outcome.REJECTED, error=exc.message)
            self._fail(file, exc.message)
            return
        except DriveNotFound:
            # Removed from the folder between listing and download: nothing to import.
            self.result.skipped += 1
            return
        except DriveAuthError:
            raise
        except DriveError as exc:
            # Transient (retries exhausted): not recorded, so the next run tries again.
            self._fail(file, exc.message)
            return
        try:
            with transaction.atomic():
                ingested = ingest_resume(
                    io.BytesIO(data),
                    filename=_import_name(file, kind),
                    uploader=self.owner,
                    source="drive",
                )
                outcome = Outcome.DUPLICATE if ingested.duplicate else Outcome.IMPORTED
                self._record(file, outcome, resume=ingested.resume)
        except IngestError as exc:
            self._record(file, Outcome.REJECTED, error=exc.message)
            self._fail(file, exc.message)
            return
        except ServiceError as exc:
            # Refused for a reason outside the file (e.g. the account): try again next run.
            self._fail(file, exc.message)
            return
        except SoftTimeLimitExceeded:
            raise
        except Exception:
            logger.exception(
                "Drive sync %s: importing %s (%s) failed", self.sync.pk, file.name, file.id
            )
            self._fail(file, "An unexpected error stopped this file; it will be retried.")
            return
        if ingested.duplicate:
            self.result.skipped += 1
        else:
            self.result.imported += 1


def _summary(result: SyncResult) -> str:
    if not result.failures:
        return ""
    listed = "; ".join(f"{f.name}: {f.message}" for f in result.failures[:LISTED_FAILURES])
    more = len(result.failures) - LISTED_FAILURES
    suffix = f"; and {more} more" if more > 0 else ""
    noun = "file" if result.failed == 1 else "files"
    return f"{result.failed} {noun} could not be imported — {listed}{suffix}"


def _finish(sync: GoogleDriveSync, result: SyncResult) -> None:
    now = timezone.now()
    fresh = GoogleDriveSync.objects.select_related("periodic_task__crontab").get(pk=sync.pk)
    next_sync_at = None
    task = fresh.periodic_task
    if fresh.is_scheduled and task is not None and task.crontab is not None:
        next_sync_at = next_run_after(task.crontab, now)
    GoogleDriveSync.objects.filter(pk=sync.pk).update(
        last_status=result.status,
        last_error=result.error,
        last_sync_at=now,
        next_sync_at=next_sync_at,
        run_started_at=None,
        files_seen=result.seen,
        files_imported=result.imported,
        files_skipped=result.skipped,
        files_failed=result.failed,
        updated_at=now,
    )


def run_sync(
    sync_id: int,
    *,
    progress: Callable[[SyncProgress], None] | None = None,
    deadline: float | None = None,
    include_inactive: bool = False,
) -> SyncResult:
    """Import new and changed files of one sync's folder; one bad file never stops the rest.

    ``deadline`` (a time.monotonic() value) stops before the next file once passed; the
    remaining files are picked up by the next run.
    """
    sync = GoogleDriveSync.objects.select_related("owner").filter(pk=sync_id).first()
    if sync is None:
        logger.info("Drive sync %s no longer exists; nothing to run", sync_id)
        return SyncResult(status="skipped", error="This sync no longer exists.")
    if not sync.is_active and not include_inactive:
        return SyncResult(status="skipped", error="This sync is disabled.")
    if not sync.owner.is_active:
        return SyncResult(status="skipped", error="The owner's account is deactivated.")
    if not _claim(sync):
        return SyncResult(status="skipped", error="This folder is being synced right now.")
    credentials = None
    result = SyncResult(status=Status.RUNNING)
    try:
        client, credentials = drive_client_for(sync.owner)
        files = list(client.list_folder(sync.folder_id))
        run = _Run(sync, client)
        result = run.result
        result.seen = len(files)
        for done, file in enumerate(files, start=1):
            if deadline is not None and time.monotonic() > deadline:
                result.error = STOPPED_EARLY_MESSAGE
                break
            run.handle(file)
            if progress is not None:
                progress(SyncProgress(done, len(files), result, file.name))
        result.status = Status.PARTIAL if result.failed else Status.SUCCESS
        result.error = _summary(result) or result.error
    except DriveAuthError as exc:
        result.status, result.error = Status.NEEDS_RECONNECT, exc.message
    except DriveError as exc:
        result.status, result.error = Status.FAILED, exc.message
    except ServiceError as exc:
        # Not connected, needs a reconnect, or Drive not configured on this server.
        reconnect = exc.code in {"drive_not_connected", "drive_reconnect"}
        result.status = Status.NEEDS_RECONNECT if reconnect else Status.FAILED
        result.error = exc.message
    except Exception:
        logger.exception("Drive sync %s failed", sync.pk)
        result.status = Status.FAILED
        result.error = "The sync stopped on an unexpected error; it will be retried."
        _finish(sync, result)
        raise
    finally:
        if credentials is not None:
            try:
                save_refreshed_credentials(sync.owner, credentials)
            except ServiceError:
                logger.warning("Could not store refreshed Google credentials of sync %s", sync.pk)
    if result.status == Status.NEEDS_RECONNECT:
        mark_needs_reconnect(sync.owner, result.error)
    _finish(sync, result)
    return result
