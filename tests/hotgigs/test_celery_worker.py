"""A real Celery worker against the real broker: round trip, and on_commit enqueueing."""

from __future__ import annotations

import time
import uuid

import pytest
import redis
from django.conf import settings
from django.db import transaction

from hotgigs.celery import app as celery_app
from hotgigs.celery import enqueue_on_commit, ping

pytestmark = [pytest.mark.redis, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@celery_app.task(name="tests.set_marker")
def set_marker(key: str) -> str:
    """Leave a mark in Redis that the test can look for."""
    redis.Redis.from_url(settings.CELERY_BROKER_URL).set(key, "ran", ex=300)
    return key


def test_task_round_trips_through_a_real_worker(celery_worker):
    assert ping.delay().get(timeout=30) == "pong"


def test_task_enqueued_inside_a_rolled_back_transaction_never_runs(celery_worker):
    store = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    rolled_back, committed = f"test:{uuid.uuid4()}", f"test:{uuid.uuid4()}"

    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(set_marker, rolled_back)
        raise RuntimeError("roll back")
    with transaction.atomic():
        enqueue_on_commit(set_marker, committed)

    # The worker handles tasks in order of arrival: once the committed one ran,
    # the rolled-back one would have run too had it been sent.
    for _ in range(300):
        if store.get(committed):
            break
        time.sleep(0.1)
    assert store.get(committed) == b"ran"
    assert store.get(rolled_back) is None
