"""`manage.py import_resumes DIR --owner USERNAME [--wait]`: bulk import from disk."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hotgigs.errors import ServiceError
from resumes.models import BulkUploadBatch
from resumes.services import IngestResult, Rejection, bulk_ingest

SUFFIXES = {".pdf", ".docx", ".doc"}
BAR_WIDTH = 30


def collect(directory: Path) -> list[Path]:
    """Every PDF/DOCX/DOC under ``directory`` (recursively), skipping hidden files."""
    return sorted(
        path
        for path in directory.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )


def _opened(paths: list[Path]) -> Iterator[tuple[str, BinaryIO]]:
    # One file open at a time: thousands of resumes never exhaust file handles.
    for path in paths:
        with path.open("rb") as handle:
            yield path.name, handle


def bar(done: int, total: int) -> str:
    """A text progress bar: [#######.......]  12/40."""
    filled = BAR_WIDTH * done // max(total, 1)
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:>{len(str(total))}}/{total}"


class Command(BaseCommand):
    help = (
        "Imports every PDF, DOCX and DOC under DIR into a recruiter's database through the "
        "upload pipeline (a bulk batch); --wait follows processing until the batch completes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="Directory of resume files (searched recursively).")
        parser.add_argument("--owner", required=True, help="Username of the recruiter or admin.")
        parser.add_argument(
            "--wait", action="store_true", help="Wait until every file is processed."
        )
        parser.add_argument(
            "--timeout", type=float, default=3600, help="Seconds --wait waits at most."
        )

    def handle(self, *args: object, **options: object) -> None:
        directory = Path(str(options["directory"]))
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a directory.")
        owner = get_user_model().objects.filter(username=options["owner"]).first()
        if owner is None:
            raise CommandError(f"No user named {options['owner']!r}.")
        paths = collect(directory)
        if not paths:
            raise CommandError(f"No PDF, DOCX or DOC files under {directory}.")
        done = 0

        def on_file(name: str, outcome: IngestResult | Rejection) -> None:
            nonlocal done
            done += 1
            self.stdout.write(f"\rUploading {bar(done, len(paths))}", ending="")
            self.stdout.flush()

        try:
            result = bulk_ingest(
                _opened(paths), uploader=owner, total=len(paths), source="bulk", on_file=on_file
            )
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write("")
        duplicates = len(result.accepted) - result.queued
        self.stdout.write(
            f"Batch {result.batch.pk}: {len(paths)} files, {result.queued} queued, "
            f"{duplicates} duplicates, {len(result.rejected)} rejected."
        )
        for rejection in result.rejected:
            self.stdout.write(f"  rejected {rejection.filename}: {rejection.detail}")
        if options["wait"]:
            self._wait(result.batch.pk, float(options["timeout"]))

    def _wait(self, batch_id: object, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            batch = BulkUploadBatch.objects.get(pk=batch_id)
            self.stdout.write(f"\rProcessing {bar(batch.processed, batch.total)}", ending="")
            self.stdout.flush()
            if batch.status == BulkUploadBatch.Status.COMPLETED:
                break
            if time.monotonic() > deadline:
                self.stdout.write("")
                raise CommandError("Timed out; the batch is still processing in the background.")
            time.sleep(1)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {batch.succeeded} parsed, {batch.failed} failed, "
                f"{batch.duplicates} duplicates, {batch.rejected} rejected."
            )
        )
