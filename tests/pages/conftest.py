"""Page-test fixtures: signed-in Django test clients per user."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def page_client():
    """``page_client(user)`` → a Django test client signed in as that user (session cookie)."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
