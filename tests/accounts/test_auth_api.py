"""JWT for API clients, authenticated-only defaults and throttling."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from freezegun import freeze_time

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle_cache():
    cache.clear()


def _token(api_client, username="alice", password="correct-horse-battery"):
    return api_client.post("/api/auth/token/", {"username": username, "password": password})


def test_obtain_token_with_password_then_call_the_api(api_client, recruiter):
    response = _token(api_client)
    assert response.status_code == 200
    access = response.json()["access"]
    me = api_client.get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert me.status_code == 200
    assert me.json()["role"] == "recruiter"


def test_wrong_password_gets_401(api_client, recruiter):
    assert _token(api_client, password="nope").status_code == 401


def test_refresh_gives_a_new_working_access_token(api_client, recruiter):
    refresh = _token(api_client).json()["refresh"]
    response = api_client.post("/api/auth/token/refresh/", {"refresh": refresh})
    assert response.status_code == 200
    me = api_client.get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")
    assert me.json()["username"] == "alice"


def test_expired_access_token_is_refused(api_client, recruiter, settings):
    access = _token(api_client).json()["access"]
    with freeze_time(timezone.now() + timedelta(minutes=16)):
        response = api_client.get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert response.status_code == 401


def test_unauthenticated_request_gets_401(api_client):
    assert api_client.get("/api/auth/me/").status_code == 401


def test_too_many_token_requests_get_429(api_client, settings):
    UserFactory(username="dave")
    statuses = [_token(api_client, username="dave", password="bad").status_code for _ in range(25)]
    assert statuses[0] == 401
    assert statuses[-1] == 429
