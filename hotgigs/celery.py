"""The Celery application.

Rule for every producer: enqueue from ``transaction.on_commit`` (see ``enqueue_on_commit``)
so a worker never picks up an id whose row is not committed yet, and a rolled-back
transaction never runs its task. Tasks are acknowledged late (``acks_late``) so a killed
worker's task is redelivered instead of lost; every task must therefore be idempotent.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")

app = Celery("hotgigs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="hotgigs.ping")
def ping() -> str:
    """Answer 'pong'; used by health checks and the worker integration test."""
    return "pong"


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Send ``task`` with these arguments once the current transaction commits."""
    from django.db import transaction

    send: Callable[[], Any] = lambda: task.apply_async(args=args, kwargs=kwargs)  # noqa: E731
    transaction.on_commit(send)
