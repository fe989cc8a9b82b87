"""Page-test fixtures: signed-in Django test clients, and Debian's Chromium for browser tests.

Browser tests drive /usr/bin/chromium (CHROMIUM_PATH) through Playwright's sync API; its
event loop lives only as long as a browser test module, and DJANGO_ALLOW_ASYNC_UNSAFE is
set only for that time (the ORM is called from the test thread while the loop runs).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import Client

from tests.conftest import CHROMIUM

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page_client():
    """``page_client(user)`` → a Django test client signed in as that user (session cookie)."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One headless Debian Chromium per browser test module."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
