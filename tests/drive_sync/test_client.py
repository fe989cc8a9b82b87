"""The pure Drive client, offline: googleapiclient's HttpMockSequence, then the local stand-in."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.http import HttpMockSequence

from drive_sync.client import (
    DOCX_MIME,
    DriveAuthError,
    DriveClient,
    DriveError,
    DriveFile,
    DriveFileTooLarge,
    DriveFileUnavailable,
    DriveNotFound,
    api_base_url,
    classify,
    parse_folder_id,
)
from tests.drive_sync.standin import FOLDER_MIME, GOOGLE_DOC_MIME

PDF = "application/pdf"
DOC = "application/msword"
TOKEN_URI = "https://oauth2.test.invalid/token"


def ok(body: dict | bytes | str) -> tuple[dict, bytes | str]:
    content = json.dumps(body) if isinstance(body, dict) else body
    return ({"status": "200"}, content)


def error(status: int, reason: str, message: str = "error") -> tuple[dict, str]:
    body = {"error": {"code": status, "message": message, "errors": [{"reason": reason}]}}
    return ({"status": str(status)}, json.dumps(body))


def query_of(uri: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(uri).query).items()}


def make_client(responses: list, **kwargs) -> tuple[DriveClient, HttpMockSequence, list[float]]:
    http = HttpMockSequence(responses)
    sleeps: list[float] = []
    client = DriveClient(http=http, sleep=sleeps.append, **kwargs)
    return client, http, sleeps


def pdf_file(**overrides) -> DriveFile:
    fields = {
        "id": "f1",
        "name": "cv.pdf",
        "mime_type": PDF,
        "md5": "abc",
        "modified_time": "2026-01-01T00:00:00.000Z",
        "size": 9,
    }
    fields.update(overrides)
    return DriveFile(**fields)


# folder validation -------------------------------------------------------------------------


def test_get_folder_returns_id_and_name_of_a_folder():
    folder = {
        "id": "fold1",
        "name": "Resumes 2026",
        "mimeType": "application/vnd.google-apps.folder",
    }
    client, http, _ = make_client([ok(folder)])

    result = client.get_folder("fold1")

    assert (result.id, result.name) == ("fold1", "Resumes 2026")
    uri = http.request_sequence[0][0]
    assert urlsplit(uri).path == "/drive/v3/files/fold1"
    assert query_of(uri)["supportsAllDrives"] == "true"


def test_get_folder_rejects_a_file_with_a_clear_message():
    client, _, _ = make_client([ok({"id": "x", "name": "cv.pdf", "mimeType": PDF})])

    with pytest.raises(DriveError, match="is a file, not a folder"):
        client.get_folder("x")


def test_get_folder_that_does_not_exist_raises_not_found():
    client, _, sleeps = make_client([error(404, "notFound", "File not found: nope.")])

    with pytest.raises(DriveNotFound, match="was not found"):
        client.get_folder("nope")
    assert sleeps == []


def test_trashed_folder_is_reported_as_not_found():
    folder = {"id": "f", "name": "Old", "mimeType": FOLDER_MIME}
    client, _, _ = make_client([ok({**folder, "trashed": True})])

    with pytest.raises(DriveNotFound, match="trash"):
        client.get_folder("f")


# listing -----------------------------------------------------------------------------------


def test_list_folder_follows_every_page_and_asks_only_for_needed_fields():
    page1 = {
        "nextPageToken": "tok2",
        "files": [
            {"id": "a", "name": "a.pdf", "mimeType": PDF, "md5Checksum": "m1", "size": "10"},
            {"id": "b", "name": "b.doc", "mimeType": DOC, "md5Checksum": "m2", "size": "20"},
        ],
    }
    page2 = {
        "nextPageToken": "tok3",
        "files": [
            {"id": "c", "name": "Notes", "mimeType": GOOGLE_DOC_MIME, "modifiedTime": "2026-02-01"}
        ],
    }
    page3 = {"files": [{"id": "d", "name": "d.pdf", "mimeType": PDF, "size": "5"}]}
    client, http, _ = make_client([ok(page1), ok(page2), ok(page3)])

    files = list(client.list_folder("fold1"))

    assert [f.id for f in files] == ["a", "b", "c", "d"]
    assert files[0] == DriveFile("a", "a.pdf", PDF, "m1", None, 10)
    assert files[2].md5 is None and files[2].size is None
    assert files[2].modified_time == "2026-02-01"
    queries = [query_of(uri) for uri, *_ in http.request_sequence]
    assert [q.get("pageToken") for q in queries] == [None, "tok2", "tok3"]
    first = queries[0]
    assert first["q"] == "'fold1' in parents and trashed = false"
    assert first["fields"] == (
        "nextPageToken, files(id, name, mimeType, md5Checksum, modifiedTime, size)"
    )
    assert first["pageSize"] == "100"
    assert first["supportsAllDrives"] == "true"
    assert first["includeItemsFromAllDrives"] == "true"


def test_list_folder_of_a_deleted_folder_raises_not_found():
    client, _, _ = make_client([error(404, "notFound")])

    with pytest.raises(DriveNotFound):
        list(client.list_folder("gone"))


# downloads ---------------------------------------------------------------------------------


def test_download_of_a_pdf_uses_media_download():
    client, http, _ = make_client([ok(b"%PDF-1.7 body")])

    data = client.download(pdf_file(size=None), max_bytes=1000)

    assert data == b"%PDF-1.7 body"
    uri, method, _, headers = http.request_sequence[0]
    assert method == "GET"
    assert urlsplit(uri).path == "/drive/v3/files/f1"
    assert query_of(uri)["alt"] == "media"
    assert headers["range"].startswith("bytes=0-")


def test_google_doc_is_exported_as_docx():
    client, http, _ = make_client([ok(b"PK\x03\x04docx")])
    gdoc = DriveFile("g1", "Résumé", GOOGLE_DOC_MIME, None, "2026-01-02T00:00:00Z", None)

    data = client.download(gdoc, max_bytes=1000)

    assert data == b"PK\x03\x04docx"
    uri = http.request_sequence[0][0]
    assert urlsplit(uri).path == "/drive/v3/files/g1/export"
    assert query_of(uri)["mimeType"] == DOCX_MIME


def test_download_refuses_a_file_whose_listed_size_is_over_the_limit():
    client, http, _ = make_client([])

    with pytest.raises(DriveFileTooLarge, match="larger than the 100 bytes limit"):
        client.download(pdf_file(size=5000), max_bytes=100)
    assert http.request_sequence == []


def test_download_stops_when_the_server_announces_more_than_the_limit():
    partial = ({"status": "206", "content-range": "bytes 0-100/9000000"}, b"x" * 101)
    client, http, _ = make_client([partial])

    with pytest.raises(DriveFileTooLarge):
        client.download(pdf_file(size=None), max_bytes=100)
    assert len(http.request_sequence) == 1


def test_download_of_an_unsupported_type_is_refused():
    client, _, _ = make_client([])
    sheet = DriveFile("s", "budget", "application/vnd.google-apps.spreadsheet", None, None, None)

    with pytest.raises(DriveError, match="not a resume"):
        client.download(sheet, max_bytes=100)


# retries and errors ------------------------------------------------------------------------


def test_rate_limit_and_server_errors_are_retried_with_growing_backoff():
    folder = {"id": "f", "name": "CVs", "mimeType": FOLDER_MIME}
    client, http, sleeps = make_client(
        [error(429, "rateLimitExceeded"), error(500, "backendError"), ok(folder)]
    )

    assert client.get_folder("f").name == "CVs"
    assert len(http.request_sequence) == 3
    assert len(sleeps) == 2
    assert 1 <= sleeps[0] < 2 <= sleeps[1] < 3


def test_quota_403_is_retried_like_a_429():
    folder = {"id": "f", "name": "CVs", "mimeType": FOLDER_MIME}
    client, _, sleeps = make_client([error(403, "userRateLimitExceeded"), ok(folder)])

    assert client.get_folder("f").name == "CVs"
    assert len(sleeps) == 1


def test_download_chunk_is_retried_after_a_503():
    client, _, sleeps = make_client([error(503, "backendError"), ok(b"%PDF data")])

    assert client.download(pdf_file(size=None), max_bytes=1000) == b"%PDF data"
    assert len(sleeps) == 1


def test_persistent_server_errors_give_up_with_a_readable_error():
    client, http, sleeps = make_client([error(500, "backendError")] * 3, max_retries=2)

    with pytest.raises(DriveError, match="try again later") as info:
        client.get_folder("f")
    assert not isinstance(info.value, DriveAuthError)
    assert len(http.request_sequence) == 3
    assert len(sleeps) == 2


def test_unauthorized_response_raises_auth_error():
    client, _, sleeps = make_client([error(401, "authError", "Invalid Credentials")])

    with pytest.raises(DriveAuthError, match="Reconnect"):
        client.get_folder("f")
    assert sleeps == []


def test_missing_drive_scope_raises_auth_error():
    client, _, _ = make_client([error(403, "insufficientPermissions")])

    with pytest.raises(DriveAuthError):
        list(client.list_folder("f"))


def test_a_file_drive_refuses_to_hand_out_is_reported_as_unavailable():
    client, _, sleeps = make_client(
        [error(403, "cannotDownloadAbusiveFile", "This file is abusive")]
    )

    with pytest.raises(DriveFileUnavailable, match="This file is abusive"):
        client.download(pdf_file(size=None), max_bytes=1000)
    assert sleeps == []


def test_other_403_is_a_plain_error_with_googles_reason():
    client, _, _ = make_client([error(403, "domainPolicy", "Blocked by your administrator")])

    with pytest.raises(DriveError, match="Blocked by your administrator") as info:
        client.get_folder("f")
    assert not isinstance(info.value, (DriveAuthError, DriveFileUnavailable))


# token refresh through google-auth ---------------------------------------------------------


def expired_credentials() -> Credentials:
    return Credentials(
        token="stale-token",
        refresh_token="refresh-1",
        token_uri=TOKEN_URI,
        client_id="client-id",
        client_secret="client-secret",
        expiry=dt.datetime(2020, 1, 1),
    )


def test_expired_access_token_is_refreshed_before_the_request():
    folder = {"id": "f", "name": "CVs", "mimeType": FOLDER_MIME}
    token = {"access_token": "fresh-token", "expires_in": 3600, "token_type": "Bearer"}
    credentials = expired_credentials()
    http = HttpMockSequence([ok(token), ok(folder)])
    client = DriveClient(credentials, http=http, sleep=lambda _: None)

    assert client.get_folder("f").name == "CVs"

    (token_uri, token_method, token_body, _), (_, _, _, api_headers) = http.request_sequence
    assert (token_uri, token_method) == (TOKEN_URI, "POST")
    form = parse_qs(token_body.decode())
    assert form["grant_type"] == ["refresh_token"]
    assert form["refresh_token"] == ["refresh-1"]
    assert api_headers["authorization"] == "Bearer fresh-token"
    assert credentials.token == "fresh-token"
    assert credentials.valid


def test_revoked_refresh_token_raises_auth_error():
    revoked = {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
    http = HttpMockSequence([({"status": "400"}, json.dumps(revoked))])
    client = DriveClient(expired_credentials(), http=http, sleep=lambda _: None)

    with pytest.raises(DriveAuthError, match="Reconnect your Google account"):
        client.get_folder("f")


# pure helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mime", "name", "expected"),
    [
        (PDF, "cv.pdf", "pdf"),
        (DOCX_MIME, "cv.docx", "docx"),
        (DOC, "cv.doc", "doc"),
        (GOOGLE_DOC_MIME, "CV", "gdoc"),
        ("application/octet-stream", "CV.PDF", "pdf"),
        ("application/octet-stream", "photo.jpg", None),
        ("image/jpeg", "cv.pdf", None),
        ("application/vnd.google-apps.spreadsheet", "sheet", None),
        ("application/vnd.google-apps.folder", "sub", None),
    ],
)
def test_classify_accepts_resume_formats_and_skips_the_rest(mime, name, expected):
    assert classify(DriveFile("id", name, mime, None, None, None)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1AbC_dEf-123", "1AbC_dEf-123"),
        ("https://drive.google.com/drive/folders/1AbC_dEf-123?usp=sharing", "1AbC_dEf-123"),
        ("https://drive.google.com/drive/u/0/folders/1AbC_dEf-123", "1AbC_dEf-123"),
        ("https://drive.google.com/open?id=1AbC_dEf-123", "1AbC_dEf-123"),
    ],
)
def test_parse_folder_id_accepts_ids_and_shared_links(value, expected):
    assert parse_folder_id(value) == expected


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000/drive/v3/"),
        ("https://proxy.example/", "https://proxy.example/drive/v3/"),
        ("https://proxy.example/google/drive/v3", "https://proxy.example/google/drive/v3/"),
        ("https://www.googleapis.com/drive/v3/", "https://www.googleapis.com/drive/v3/"),
    ],
)
def test_endpoint_override_accepts_a_bare_host_or_a_full_base_url(endpoint, expected):
    assert api_base_url(endpoint) == expected


def test_parse_folder_id_rejects_text_that_is_not_a_folder():
    with pytest.raises(DriveError, match="does not look like"):
        parse_folder_id("my resumes folder")
