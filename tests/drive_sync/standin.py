"""A small local stand-in for the Drive v3 endpoints and Google's token endpoint.

It serves what the sync uses (files.get metadata and alt=media with Range, files.list with
paging, files.export, token refresh/exchange) from an in-memory store on 127.0.0.1 with a random
port, checks bearer tokens, and can inject failures, so the real client code runs unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

FOLDER_MIME = "application/vnd.google-apps.folder"
GOOGLE_DOC_MIME = "application/vnd.google-apps.document"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_PARENT_QUERY = re.compile(r"^'(?P<parent>[^']+)' in parents and trashed = false$")
_FILE_PATH = re.compile(r"^/drive/v3/files/(?P<id>[^/]+)(?P<export>/export)?$")


@dataclass
class StoredFile:
    id: str
    name: str
    mime_type: str
    parent: str | None
    content: bytes = b""
    trashed: bool = False
    modified_time: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def metadata(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "mimeType": self.mime_type,
            "modifiedTime": self.modified_time,
            "trashed": self.trashed,
        }
        # Like Drive, Google Docs and folders have no md5 and no binary size.
        if not self.mime_type.startswith("application/vnd.google-apps."):
            data["md5Checksum"] = hashlib.md5(self.content).hexdigest()  # noqa: S324
            data["size"] = str(len(self.content))
        return data


class DriveStandin:
    """In-memory Drive: call ``start()`` (or use as a context manager), then point the client
    at ``api_endpoint`` and credentials at ``token_uri``."""

    def __init__(self, *, max_page_size: int = 100) -> None:
        self.max_page_size = max_page_size
        # What the token endpoint reports as granted (Google adds earlier grants to it).
        self.granted_scope = "https://www.googleapis.com/auth/drive.readonly"
        self.files: dict[str, StoredFile] = {}
        self.requests: list[tuple[str, str]] = []
        self.access_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.authorization_codes: dict[str, str] = {}
        self._failures: list[tuple[int, str | None, str | None]] = []
        self._clock = itertools.count()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle -----------------------------------------------------------------------------
    def start(self) -> DriveStandin:
        handler = type("Handler", (_Handler,), {"standin": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> DriveStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the stand-in first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_endpoint(self) -> str:
        return f"{self.base_url}/drive/v3/"

    @property
    def token_uri(self) -> str:
        return f"{self.base_url}/token"

    # data ----------------------------------------------------------------------------------
    def _next_time(self) -> str:
        base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        moment = base + dt.timedelta(seconds=next(self._clock))
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def add_folder(self, name: str, *, parent: str | None = None) -> str:
        folder_id = f"folder{next(self._ids):04d}AbCdEf"
        with self._lock:
            self.files[folder_id] = StoredFile(
                folder_id, name, FOLDER_MIME, parent, modified_time=self._next_time()
            )
        return folder_id

    def add_file(self, folder_id: str, name: str, mime_type: str, content: bytes) -> str:
        file_id = f"file{next(self._ids):05d}XyZ"
        with self._lock:
            self.files[file_id] = StoredFile(
                file_id, name, mime_type, folder_id, content, modified_time=self._next_time()
            )
        return file_id

    def update_file(self, file_id: str, content: bytes) -> None:
        with self._lock:
            stored = self.files[file_id]
            stored.content = content
            stored.modified_time = self._next_time()

    def trash(self, file_id: str) -> None:
        with self._lock:
            self.files[file_id].trashed = True

    # auth ----------------------------------------------------------------------------------
    def issue_tokens(self) -> tuple[str, str]:
        """Return a valid (access_token, refresh_token) pair."""
        access, refresh = secrets.token_hex(8), secrets.token_hex(8)
        with self._lock:
            self.access_tokens.add(access)
            self.refresh_tokens.add(refresh)
        return access, refresh

    def issue_authorization_code(self) -> str:
        code = secrets.token_hex(6)
        with self._lock:
            self.authorization_codes[code] = secrets.token_hex(8)
        return code

    def revoke(self, refresh_token: str) -> None:
        with self._lock:
            self.refresh_tokens.discard(refresh_token)
            self.access_tokens.clear()

    def expire_access_tokens(self) -> None:
        with self._lock:
            self.access_tokens.clear()

    def fail_next(
        self,
        status: int,
        *,
        times: int = 1,
        path_contains: str | None = None,
        reason: str | None = None,
    ) -> None:
        """Answer the next ``times`` matching API requests with ``status`` (and Google reason)."""
        with self._lock:
            self._failures.extend([(status, path_contains, reason)] * times)

    def _take_failure(self, path: str) -> tuple[int, str | None] | None:
        with self._lock:
            for index, (status, needle, reason) in enumerate(self._failures):
                if needle is None or needle in path:
                    del self._failures[index]
                    return status, reason
        return None

    def request_count(self, path_contains: str) -> int:
        return sum(1 for _, path in self.requests if path_contains in path)


class _Handler(BaseHTTPRequestHandler):
    standin: DriveStandin
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # silence the test output
        return

    # helpers -------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any, headers: dict | None = None) -> None:
        self._send(status, json.dumps(data).encode(), "application/json", headers)

    def _error(self, status: int, message: str, reason: str) -> None:
        body = {
            "error": {
                "code": status,
                "message": message,
                "errors": [{"domain": "global", "reason": reason, "message": message}],
            }
        }
        self._json(status, body)

    # token endpoint ------------------------------------------------------------------------
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        path = urlsplit(self.path).path
        self.standin.requests.append(("POST", self.path))
        if path != "/token":
            self._error(404, "Not found", "notFound")
            return
        grant = form.get("grant_type")
        standin = self.standin
        if grant == "refresh_token" and form.get("refresh_token") in standin.refresh_tokens:
            refresh = form["refresh_token"]
        elif grant == "authorization_code" and form.get("code") in standin.authorization_codes:
            refresh = standin.authorization_codes.pop(form["code"])
            with standin._lock:
                standin.refresh_tokens.add(refresh)
        else:
            self._json(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                },
            )
            return
        access = secrets.token_hex(8)
        with standin._lock:
            standin.access_tokens.add(access)
        body = {
            "access_token": access,
            "expires_in": 3599,
            "token_type": "Bearer",
            "scope": standin.granted_scope,
        }
        if grant == "authorization_code":
            body["refresh_token"] = refresh
        self._json(200, body)

    # Drive API -----------------------------------------------------------------------------
    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        standin = self.standin
        standin.requests.append(("GET", self.path))
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] not in standin.access_tokens:
            self._error(401, "Request had invalid authentication credentials.", "authError")
            return
        forced = standin._take_failure(self.path)
        if forced is not None:
            status, reason = forced
            reason = reason or ("rateLimitExceeded" if status == 429 else "backendError")
            self._error(status, f"Injected failure {status}: {reason}", reason)
            return
        if parts.path == "/drive/v3/files":
            self._list(query)
            return
        match = _FILE_PATH.match(parts.path)
        stored = standin.files.get(match.group("id")) if match else None
        if stored is None:
            self._error(404, "File not found.", "notFound")
            return
        if match.group("export"):
            self._export(stored, query)
        elif query.get("alt") == "media":
            self._media(stored)
        else:
            self._json(200, stored.metadata())

    def _list(self, query: dict[str, str]) -> None:
        match = _PARENT_QUERY.match(query.get("q", ""))
        if not match:
            self._error(400, "Invalid Value", "invalid")
            return
        parent = match.group("parent")
        if parent not in self.standin.files:
            self._error(404, f"File not found: {parent}.", "notFound")
            return
        children = sorted(
            (f for f in self.standin.files.values() if f.parent == parent and not f.trashed),
            key=lambda f: f.id,
        )
        page_size = min(int(query.get("pageSize", 100)), self.standin.max_page_size)
        start = int(query.get("pageToken") or 0)
        page = children[start : start + page_size]
        body: dict[str, Any] = {"files": [f.metadata() for f in page]}
        if start + page_size < len(children):
            body["nextPageToken"] = str(start + page_size)
        self._json(200, body)

    def _media(self, stored: StoredFile) -> None:
        if stored.mime_type.startswith("application/vnd.google-apps."):
            self._error(
                403, "Only files with binary content can be downloaded.", "fileNotDownloadable"
            )
            return
        content = stored.content
        requested = self.headers.get("Range")
        match = re.match(r"bytes=(\d+)-(\d+)", requested or "")
        if match and content:
            first, last = int(match.group(1)), min(int(match.group(2)), len(content) - 1)
            chunk = content[first : last + 1]
            headers = {"Content-Range": f"bytes {first}-{last}/{len(content)}"}
            self._send(206, chunk, "application/octet-stream", headers)
            return
        self._send(200, content, "application/octet-stream")

    def _export(self, stored: StoredFile, query: dict[str, str]) -> None:
        if stored.mime_type != GOOGLE_DOC_MIME or query.get("mimeType") != DOCX_MIME:
            self._error(403, "Export only supports Docs Editors files.", "fileNotExportable")
            return
        # Drive answers exports whole, without honouring Range.
        self._send(200, stored.content, DOCX_MIME)
