"""Google Drive v3 client for folder sync: validate a folder, list it, download its files.

Pure Python (no Django): it takes credentials or an httplib2-compatible transport and returns
dataclasses. Errors come out as ``DriveError`` subclasses whose ``message`` a recruiter can read.
"""

from __future__ import annotations

import io
import json
import logging
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import httplib2
from google.auth.credentials import Credentials
from google.auth.exceptions import RefreshError, TransportError
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseDownload

logger = logging.getLogger(__name__)

T = TypeVar("T")

FOLDER_MIME = "application/vnd.google-apps.folder"
GOOGLE_DOC_MIME = "application/vnd.google-apps.document"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LIST_FIELDS = "nextPageToken, files(id, name, mimeType, md5Checksum, modifiedTime, size)"
FOLDER_FIELDS = "id, name, mimeType, trashed"
PAGE_SIZE = 100
DEFAULT_TIMEOUT_SECONDS = 60
DOWNLOAD_CHUNK_BYTES = 1024 * 1024
MAX_BACKOFF_SECONDS = 32.0
# Drive reports per-user quota exhaustion as 403 with these reasons; Google asks clients to back
# off and retry them exactly like 429.
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
# A 403 for a missing OAuth scope can only be fixed by connecting the account again.
SCOPE_REASONS = frozenset({"insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"})
# Refusals tied to the file itself: the same version will be refused again.
FILE_REFUSAL_REASONS = frozenset(
    {
        "cannotDownloadAbusiveFile",
        "exportSizeLimitExceeded",
        "fileNotDownloadable",
        "cannotExportFile",
        "fileNotExportable",
    }
)
RECONNECT_MESSAGE = (
    "Google Drive access has expired or was revoked. "
    "Reconnect your Google account to resume syncing."
)
_FOLDER_ID_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_FOLDER_URL_RES = (
    re.compile(r"/folders/([A-Za-z0-9_-]+)"),
    re.compile(r"[?&]id=([A-Za-z0-9_-]+)"),
)


@dataclass(frozen=True)
class DriveFile:
    """One child of a Drive folder, with the fields the sync needs to detect changes."""

    id: str
    name: str
    mime_type: str
    md5: str | None
    modified_time: str | None
    size: int | None


@dataclass(frozen=True)
class DriveFolder:
    """A validated Drive folder."""

    id: str
    name: str


class DriveError(Exception):
    """A Drive operation failed; ``message`` is meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DriveAuthError(DriveError):
    """The grant is revoked or expired (refresh failed, or 401 after refresh): reconnect needed."""


class DriveNotFound(DriveError):
    """The folder or file does not exist, or the connected account cannot see it."""


class DriveFileUnavailable(DriveError):
    """Drive will not hand out this version of the file (abuse flag, export limit, too large);
    retrying is pointless until the file changes."""


class DriveFileTooLarge(DriveFileUnavailable):
    """A file is larger than the caller's size limit; it was not (fully) downloaded."""


@cache
def _file_types() -> dict[str, Any]:
    with (Path(__file__).parent / "data" / "file_types.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def classify(file: DriveFile) -> str | None:
    """Return "pdf", "docx", "doc" or "gdoc" for importable files, None for anything else."""
    types = _file_types()
    kind = types["by_mime"].get(file.mime_type)
    if kind is not None:
        return kind
    if file.mime_type in types["generic_mime"]:
        suffix = Path(file.name).suffix.lower()
        return types["by_extension"].get(suffix)
    return None


def parse_folder_id(value: str) -> str:
    """Extract a folder id from a raw id or a Drive folder link a user pasted."""
    text = (value or "").strip()
    if _FOLDER_ID_RE.match(text):
        return text
    for pattern in _FOLDER_URL_RES:
        match = pattern.search(text)
        if match:
            return match.group(1)
    raise DriveError("That does not look like a Google Drive folder link or folder id.")


def api_base_url(endpoint: str) -> str:
    """The Drive v3 base URL for an endpoint override; a bare host gets Drive's "/drive/v3/"."""
    parts = urlsplit(endpoint)
    path = parts.path if parts.path not in ("", "/") else "/drive/v3/"
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _error_reasons(exc: HttpError) -> set[str]:
    """Collect Google's machine-readable reasons from an error body (both v1 and v2 shapes)."""
    try:
        data = json.loads(exc.content.decode("utf-8"))
    except (ValueError, AttributeError):
        return set()
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return set()
    reasons = {item.get("reason") for item in error.get("errors") or [] if isinstance(item, dict)}
    for detail in error.get("details") or []:
        if isinstance(detail, dict):
            reasons.add(detail.get("reason"))
    if isinstance(error.get("status"), str):
        reasons.add(error["status"])
    return {reason for reason in reasons if reason}


def _error_text(exc: HttpError) -> str:
    reason = (exc.reason or "").strip()
    return reason or f"HTTP {exc.status_code}"


class DriveClient:
    """Read-only access to Drive folders through google-api-python-client's bundled discovery.

    Pass ``credentials`` for real use (a timeout-bounded transport is created and tokens are
    refreshed by google-auth), ``http`` alone for tests (an HttpMock or HttpMockSequence), or both
    (credentials applied on top of the given transport, refreshes included).
    """

    def __init__(
        self,
        credentials: Credentials | None = None,
        *,
        http: Any = None,
        api_endpoint: str | None = None,
        max_retries: int = 5,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
    ) -> None:
        if credentials is not None:
            # build() refuses http= and credentials= together; AuthorizedHttp is the library's
            # way to combine them, and its token refresh goes through the same transport.
            base_http = http if http is not None else httplib2.Http(timeout=timeout)
            http = AuthorizedHttp(credentials, http=base_http)
        elif http is None:
            raise ValueError("DriveClient needs credentials or an http transport.")
        self._max_retries = max_retries
        self._sleep = sleep
        self._service = build(
            "drive",
            "v3",
            http=http,
            static_discovery=True,
            cache_discovery=False,
            client_options={"api_endpoint": api_base_url(api_endpoint)} if api_endpoint else None,
        )

    def get_folder(self, folder_id: str) -> DriveFolder:
        """Fetch a folder's metadata, checking that it exists, is not trashed and is a folder."""
        request = self._service.files().get(
            fileId=folder_id, fields=FOLDER_FIELDS, supportsAllDrives=True
        )
        not_found = (
            f"Google Drive folder {folder_id} was not found, or the connected Google account "
            "cannot see it."
        )
        data = self._call(request.execute, not_found=not_found)
        name = data.get("name") or folder_id
        if data.get("mimeType") != FOLDER_MIME:
            raise DriveError(f'"{name}" is a file, not a folder. Choose a Google Drive folder.')
        if data.get("trashed"):
            raise DriveNotFound(f'The folder "{name}" is in the Google Drive trash.')
        return DriveFolder(id=data.get("id") or folder_id, name=name)

    def list_folder(self, folder_id: str) -> Iterator[DriveFile]:
        """Yield every non-trashed direct child of a folder, following all result pages."""
        escaped = folder_id.replace("\\", "\\\\").replace("'", "\\'")
        files = self._service.files()
        page_token: str | None = None
        while True:
            request = files.list(
                q=f"'{escaped}' in parents and trashed = false",
                fields=LIST_FIELDS,
                pageSize=PAGE_SIZE,
                pageToken=page_token,
                supportsAllDrives=True,
                includeItemsFromAllDrives=True,
            )
            data = self._call(
                request.execute,
                not_found=f"Google Drive folder {folder_id} was not found, or is no longer shared.",
            )
            for item in data.get("files", []):
                yield _drive_file(item)
            page_token = data.get("nextPageToken")
            if not page_token:
                return

    def download(self, file: DriveFile, *, max_bytes: int) -> bytes:
        """Download a PDF/DOCX/DOC, or export a Google Doc as DOCX, refusing more than max_bytes."""
        kind = classify(file)
        if kind is None:
            raise DriveError(f'"{file.name}" is a {file.mime_type} file, which is not a resume.')
        if file.size is not None and file.size > max_bytes:
            raise DriveFileTooLarge(_too_large_message(file, max_bytes))
        files = self._service.files()
        if kind == "gdoc":
            request = files.export_media(fileId=file.id, mimeType=DOCX_MIME)
        else:
            request = files.get_media(fileId=file.id, supportsAllDrives=True)
        buffer = io.BytesIO()
        downloader = MediaIoBaseDownload(
            buffer, request, chunksize=max(1, min(DOWNLOAD_CHUNK_BYTES, max_bytes + 1))
        )
        not_found = f'"{file.name}" was removed from Google Drive before it could be downloaded.'
        done = False
        while not done:
            status, done = self._call(downloader.next_chunk, not_found=not_found)
            # Stop as soon as the server announces or delivers more than allowed, so an
            # oversized file costs at most one chunk.
            if buffer.tell() > max_bytes or (status.total_size or 0) > max_bytes:
                raise DriveFileTooLarge(_too_large_message(file, max_bytes))
        return buffer.getvalue()

    def _call(self, operation: Callable[[], T], *, not_found: str) -> T:
        """Run one HTTP operation, retrying rate limits, 5xx and transport errors with backoff."""
        attempt = 0
        while True:
            try:
                return operation()
            except HttpError as exc:
                reasons = _error_reasons(exc)
                if attempt < self._max_retries and _is_retryable(exc, reasons):
                    self._backoff(attempt, exc, retry_after=exc.resp.get("retry-after"))
                    attempt += 1
                    continue
                raise _translate(exc, reasons, not_found) from exc
            except RefreshError as exc:
                if getattr(exc, "retryable", False) and attempt < self._max_retries:
                    self._backoff(attempt, exc)
                    attempt += 1
                    continue
                raise DriveAuthError(RECONNECT_MESSAGE) from exc
            except (TransportError, httplib2.HttpLib2Error, OSError) as exc:
                if attempt < self._max_retries:
                    self._backoff(attempt, exc)
                    attempt += 1
                    continue
                raise DriveError(
                    "Google Drive could not be reached. The sync will try again later."
                ) from exc

    def _backoff(self, attempt: int, exc: Exception, *, retry_after: str | None = None) -> None:
        delay = min(MAX_BACKOFF_SECONDS, 2.0**attempt) + random.random()
        if retry_after and retry_after.isdigit():
            delay = max(delay, min(float(retry_after), 60.0))
        logger.warning("Drive request failed (%s); retry %d in %.1fs", exc, attempt + 1, delay)
        self._sleep(delay)


def _is_retryable(exc: HttpError, reasons: set[str]) -> bool:
    status = exc.status_code
    if status == 429 or status >= 500:
        return True
    return status == 403 and bool(reasons & RATE_LIMIT_REASONS)


def _translate(exc: HttpError, reasons: set[str], not_found: str) -> DriveError:
    status = exc.status_code
    if status == 401 or (status == 403 and reasons & SCOPE_REASONS):
        return DriveAuthError(RECONNECT_MESSAGE)
    if status == 404:
        return DriveNotFound(not_found)
    if status in (400, 403) and reasons & FILE_REFUSAL_REASONS:
        return DriveFileUnavailable(f"Google Drive will not hand out this file: {_error_text(exc)}")
    if status == 429 or status >= 500 or (status == 403 and reasons & RATE_LIMIT_REASONS):
        return DriveError(
            "Google Drive is busy or rate-limiting requests; the sync will try again later."
        )
    return DriveError(f"Google Drive refused the request: {_error_text(exc)}")


def _too_large_message(file: DriveFile, max_bytes: int) -> str:
    megabyte = 1024 * 1024
    limit = f"{max_bytes / megabyte:g} MB" if max_bytes >= megabyte else f"{max_bytes} bytes"
    return f'"{file.name}" is larger than the {limit} limit for resumes.'


def _drive_file(item: dict[str, Any]) -> DriveFile:
    size = item.get("size")
    return DriveFile(
        id=item["id"],
        name=item.get("name") or item["id"],
        mime_type=item.get("mimeType") or "application/octet-stream",
        md5=item.get("md5Checksum"),
        modified_time=item.get("modifiedTime"),
        size=int(size) if size is not None else None,
    )
