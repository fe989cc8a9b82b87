"""``manage.py drive_sync SYNC_ID``: run one Google Drive sync in the foreground."""

from __future__ import annotations

import shutil
import uuid

from django.core.management.base import BaseCommand, CommandError, CommandParser

from drive_sync.models import GoogleDriveSync
from drive_sync.services import SyncProgress, rotate_token_keys, run_sync

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Run one Google Drive folder sync now, with a progress bar. SYNC_ID is the sync's "
        "public id (UUID) or database id. --rotate-keys re-encrypts stored tokens instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sync_id", nargs="?", help="Public id (UUID) or database id.")
        parser.add_argument(
            "--rotate-keys",
            action="store_true",
            help="Re-encrypt every stored Google credential with the first DRIVE_TOKEN_KEYS key.",
        )

    def handle(self, *args, **options) -> None:
        if options["rotate_keys"]:
            count = rotate_token_keys()
            self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} credential(s)."))
            return
        if not options["sync_id"]:
            raise CommandError("Give a SYNC_ID (or --rotate-keys).")
        sync = self._find(options["sync_id"])
        self.stdout.write(f"Syncing “{sync.folder_name}” ({sync.folder_id}) for {sync.owner} …")
        interactive = self.stdout.isatty()
        result = run_sync(
            sync.pk, progress=self._progress_printer(interactive), include_inactive=True
        )
        if interactive:
            self.stdout.write("")
        summary = (
            f"{result.status}: {result.seen} seen, {result.imported} imported, "
            f"{result.skipped} skipped, {result.failed} failed"
        )
        succeeded = result.status == GoogleDriveSync.Status.SUCCESS
        style = self.style.SUCCESS if succeeded else self.style.WARNING
        self.stdout.write(style(summary))
        for failure in result.failures:
            self.stdout.write(f"  ✗ {failure.name}: {failure.message}")
        if result.error and not result.failures:
            self.stdout.write(result.error)
        if result.status in {GoogleDriveSync.Status.FAILED, GoogleDriveSync.Status.NEEDS_RECONNECT}:
            raise CommandError(result.error or "The sync failed.")

    def _find(self, value: str) -> GoogleDriveSync:
        lookup = {"pk": int(value)} if value.isdigit() else {"public_id": _uuid_or_fail(value)}
        sync = GoogleDriveSync.objects.select_related("owner").filter(**lookup).first()
        if sync is None:
            raise CommandError(f"No Google Drive sync with id {value}.")
        return sync

    def _progress_printer(self, interactive: bool):
        def show(progress: SyncProgress) -> None:
            filled = int(BAR_WIDTH * progress.done / max(progress.total, 1))
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            counts = (
                f"{progress.result.imported} imported, {progress.result.skipped} skipped, "
                f"{progress.result.failed} failed"
            )
            line = f"[{bar}] {progress.done}/{progress.total} {counts}"
            if interactive:
                # Redraw one line in place; trim the file name to the terminal width.
                room = shutil.get_terminal_size().columns - len(line) - 2
                name = progress.file_name[: max(room, 0)]
                self.stdout.write(f"\r{line} {name}".ljust(len(line) + room + 1), ending="")
                self.stdout.flush()
            else:
                self.stdout.write(f"{line} {progress.file_name}")

        return show


def _uuid_or_fail(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is neither a UUID nor a number.") from exc
