"""Bulk uploads: many files under one batch whose counters move as each file finishes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.db.models import F
from django.utils import timezone

from hotgigs.errors import NotAllowed
from resumes.models import BulkUploadBatch

from .errors import IngestError
from .ingest import IngestResult, ingest_resume, sanitize_filename


@dataclass(frozen=True)
class Rejection:
    """One file refused at upload, with the reason shown to the recruiter."""

    filename: str
    detail: str
    code: str


@dataclass
class BulkIngestResult:
    """The batch, and per file whether it was accepted (queued or duplicate) or rejected."""

    batch: BulkUploadBatch
    accepted: list[tuple[str, IngestResult]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def queued(self) -> int:
        return sum(1 for _, result in self.accepted if not result.duplicate)


def count_in_batch(batch_id: Any, outcome: str, *, processed: int = 1) -> None:
    """Move a batch's counters atomically and close it once every file is accounted for."""
    changes = {outcome: F(outcome) + 1}
    if processed:
        changes["processed"] = F("processed") + processed
    BulkUploadBatch.objects.filter(pk=batch_id).update(**changes)
    close_batch_if_done(batch_id)


def close_batch_if_done(batch_id: Any) -> None:
    """Mark the batch completed when processed has reached total (once, by whoever gets there)."""
    BulkUploadBatch.objects.filter(
        pk=batch_id, status=BulkUploadBatch.Status.PROCESSING, processed__gte=F("total")
    ).update(status=BulkUploadBatch.Status.COMPLETED, finished_at=timezone.now())


def bulk_ingest(
    files: Iterable[tuple[str, BinaryIO]],
    *,
    uploader: Any,
    total: int,
    source: str = "bulk",
    on_file: Callable[[str, IngestResult | Rejection], None] | None = None,
) -> BulkIngestResult:
    """Ingest many files as one batch; one bad file is rejected alone, never the whole batch.

    ``files`` may be a generator (files opened lazily); ``total`` is how many it yields.
    """
    if not getattr(uploader, "can_manage_candidates", False):
        raise NotAllowed("Only recruiters and admins can upload in bulk.")
    batch = BulkUploadBatch.objects.create(owner=uploader, total=total)
    result = BulkIngestResult(batch=batch)
    for filename, fileobj in files:
        try:
            ingested = ingest_resume(
                fileobj, filename=filename, uploader=uploader, source=source, batch=batch
            )
        except IngestError as exc:
            rejection = Rejection(sanitize_filename(filename), exc.message, exc.code)
            result.rejected.append(rejection)
            count_in_batch(batch.pk, "rejected")
            if on_file:
                on_file(filename, rejection)
            continue
        if ingested.duplicate:
            count_in_batch(batch.pk, "duplicates")
        result.accepted.append((sanitize_filename(filename), ingested))
        if on_file:
            on_file(filename, ingested)
    seen = len(result.accepted) + len(result.rejected)
    if seen != total:
        # The caller miscounted: correct the total so the batch can still complete.
        BulkUploadBatch.objects.filter(pk=batch.pk).update(total=seen)
    close_batch_if_done(batch.pk)
    batch.refresh_from_db()
    return result
