"""Shared fixtures: users per role, API clients, service requirements and a real worker.

Tests marked ``postgres``, ``redis`` or ``browser`` need those services. On a laptop
without them they skip; where ``HOTGIGS_REQUIRE_SERVICES=1`` (CI sets it) a missing
service fails the test instead, so CI can never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from hotgigs.celery import app as celery_app
from tests.factories import UserFactory

STRICT = os.environ.get("HOTGIGS_REQUIRE_SERVICES", "") in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _redis_available() -> bool:
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis"):
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def _missing_service(item: pytest.Item) -> str | None:
    if item.get_closest_marker("postgres") and not settings.IS_POSTGRES:
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if item.get_closest_marker("redis") and not _redis_available():
        return "needs Redis: set CELERY_BROKER_URL=redis://..."
    if item.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM}"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    reason = _missing_service(item)
    if reason:
        if STRICT:
            pytest.fail(f"{reason} (HOTGIGS_REQUIRE_SERVICES is set, so this cannot skip)")
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path) -> None:
    """Every test stores uploads in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _eager_celery() -> Iterator[None]:
    """Tasks run in-process by default; the ``celery_worker`` fixture uses a real worker."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def celery_worker(transactional_db) -> Iterator[object]:
    """A real Celery worker consuming from the configured broker (Redis in CI)."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from celery.worker import state as worker_state

    def close_thread_connection(**kwargs) -> None:
        # Each pool thread has its own database connection: release it after every task
        # so the test database can be flushed when the test ends.
        from django.db import connections

        connections.close_all()

    celery_app.conf.task_always_eager = False
    task_postrun.connect(close_thread_connection, weak=False)
    try:
        with start_worker(
            celery_app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30
        ) as worker:
            yield worker
            # Let follow-up tasks the test triggered finish before the database is flushed.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and (
                worker_state.active_requests or worker_state.reserved_requests
            ):
                time.sleep(0.1)
    finally:
        task_postrun.disconnect(close_thread_connection)
        _terminate_other_test_connections()


def _terminate_other_test_connections() -> None:
    """End connections a stopped worker thread may still hold (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def admin_user(db):
    return UserFactory(role="admin", username="admin")


@pytest.fixture
def recruiter(db):
    return UserFactory(role="recruiter", username="alice")


@pytest.fixture
def other_recruiter(db):
    return UserFactory(role="recruiter", username="bob")


@pytest.fixture
def candidate_user(db):
    return UserFactory(role="candidate", username="carol")


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for():
    """``client_for(user)`` → an APIClient authenticated as that user."""

    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user=user)
        return client

    return make
