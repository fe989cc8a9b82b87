"""The pure Drive client over a real httplib2 transport and google-auth refresh, against the
local Drive stand-in."""

from __future__ import annotations

import datetime as dt

import pytest
from google.oauth2.credentials import Credentials

from drive_sync.client import DriveAuthError, DriveClient
from tests.drive_sync.standin import GOOGLE_DOC_MIME, DriveStandin

PDF = "application/pdf"


@pytest.fixture
def standin():
    with DriveStandin(max_page_size=3) as server:
        yield server


def standin_credentials(standin: DriveStandin, *, expired: bool) -> Credentials:
    access, refresh = standin.issue_tokens()
    return Credentials(
        token="expired-token" if expired else access,
        refresh_token=refresh,
        token_uri=standin.token_uri,
        client_id="client-id",
        client_secret="client-secret",
        expiry=dt.datetime(2020, 1, 1) if expired else None,
    )


def test_client_lists_pages_downloads_and_exports_against_the_standin(standin):
    folder = standin.add_folder("Candidates")
    pdf_bytes = b"%PDF-1.4 " + b"x" * 5000
    for index in range(6):
        standin.add_file(folder, f"cv{index}.pdf", PDF, pdf_bytes)
    standin.add_file(folder, "Cover", GOOGLE_DOC_MIME, b"PK\x03\x04exported")
    credentials = standin_credentials(standin, expired=True)
    # A bare host works too: the client adds Drive's /drive/v3/ path.
    client = DriveClient(credentials, api_endpoint=standin.base_url, sleep=lambda _: None)

    assert client.get_folder(folder).name == "Candidates"
    files = list(client.list_folder(folder))

    assert len(files) == 7
    assert standin.request_count("/drive/v3/files?") == 3  # pages of 3, 3, 1
    assert standin.request_count("/token") == 1
    pdf = next(f for f in files if f.mime_type == PDF)
    assert pdf.size == len(pdf_bytes) and pdf.md5
    assert client.download(pdf, max_bytes=10_000) == pdf_bytes
    gdoc = next(f for f in files if f.mime_type == GOOGLE_DOC_MIME)
    assert client.download(gdoc, max_bytes=10_000) == b"PK\x03\x04exported"


def test_standin_rate_limits_are_retried_transparently(standin):
    folder = standin.add_folder("Candidates")
    standin.add_file(folder, "a.pdf", PDF, b"%PDF-1.4 a")
    standin.fail_next(429, times=2, path_contains="/drive/v3/files?")
    sleeps: list[float] = []
    client = DriveClient(
        standin_credentials(standin, expired=False),
        api_endpoint=standin.api_endpoint,
        sleep=sleeps.append,
    )

    assert [f.name for f in client.list_folder(folder)] == ["a.pdf"]
    assert len(sleeps) == 2


def test_revoked_grant_against_the_standin_raises_auth_error(standin):
    folder = standin.add_folder("Candidates")
    credentials = standin_credentials(standin, expired=False)
    client = DriveClient(credentials, api_endpoint=standin.api_endpoint, sleep=lambda _: None)
    assert client.get_folder(folder).name == "Candidates"

    standin.revoke(credentials.refresh_token)

    with pytest.raises(DriveAuthError):
        client.get_folder(folder)
