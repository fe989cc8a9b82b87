"""Real workers on PostgreSQL + Redis: upload to candidate end to end, and a worker killed
mid-batch loses no resume (acks_late + redelivery, each resume processed once)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from candidates.models import CandidateProfile
from hotgigs.celery import app as celery_app
from resumes.models import BulkUploadBatch, ProcessingJob, Resume, ResumeData
from resumes.services import bulk_ingest
from tests.resumes.helpers import RESUMES, label_for, resume_file

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 4


def _wait_for(predicate, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def test_upload_is_processed_by_a_real_worker_into_a_candidate(
    celery_worker, recruiter, client_for
):
    path = resume_file("docx", 1)
    client = client_for(recruiter)
    upload = SimpleUploadedFile(path.name, path.read_bytes())

    body = client.post("/api/resumes/upload", {"file": upload}, format="multipart").json()

    done = _wait_for(
        lambda: client.get(body["status_url"]).json()["status"] in ("completed", "failed"), 60
    )
    status = client.get(body["status_url"]).json()
    assert done, status
    assert status["status"] == "completed", status
    assert status["progress"] == 100
    candidate = CandidateProfile.objects.get(pk=status["candidate_id"])
    assert candidate.email == label_for(path)["contact"]["email"].lower()
    data = client.get(f"/api/resumes/{body['resume_id']}/data").json()
    assert data["candidate_id"] == status["candidate_id"]


def _worker_env(media_root: Path) -> dict[str, str]:
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND,
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "WARNING",
    }


def _start_worker(name: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    celery = str(Path(sys.executable).with_name("celery"))
    command = [celery, "-A", "hotgigs", "worker", "-n", f"{name}@%h", "--concurrency=2"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING"]
    # Its own session, so SIGKILL reaches the pool children as well (a real crash).
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(worker: subprocess.Popen, sig: int) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def _resume_files(count: int) -> list[tuple[str, SimpleUploadedFile]]:
    paths = sorted((RESUMES / "files").iterdir())
    files = []
    for n in range(count):
        path = paths[n % len(paths)]
        data = path.read_bytes() + f"\n%copy {n}\n".encode()
        files.append((path.name, SimpleUploadedFile(path.name, data)))
    return files


def test_worker_killed_mid_batch_loses_no_resume(recruiter, settings, tmp_path):
    celery_app.conf.task_always_eager = False
    # Drop messages other tests may have left behind in this Redis database.
    celery_app.control.purge()
    env = _worker_env(Path(settings.MEDIA_ROOT))
    first = _start_worker("doomed", env, tmp_path / "first.log")
    second = None
    try:
        files = _resume_files(120)
        result = bulk_ingest(files, uploader=recruiter, total=len(files))
        batch = result.batch
        done = ProcessingJob.objects.filter(status="completed")
        assert _wait_for(lambda: done.count() >= 10, 90), (tmp_path / "first.log").read_text()
        _stop(first, signal.SIGKILL)
        killed_at = done.count()
        assert killed_at < len(files), "the worker finished before it could be killed"
        # The dead worker held messages it had not acknowledged: those must not be lost.
        in_flight = redis.Redis.from_url(settings.CELERY_BROKER_URL).hlen("unacked")
        assert in_flight >= 1

        # Its unacknowledged messages become visible again after the visibility timeout.
        time.sleep(VISIBILITY_TIMEOUT + 1)
        second = _start_worker("survivor", env, tmp_path / "second.log")
        finished = _wait_for(
            lambda: BulkUploadBatch.objects.get(pk=batch.pk).status == "completed", 180, 1
        )
        log = (tmp_path / "second.log").read_text()
        assert finished, log
    finally:
        _stop(first, signal.SIGKILL)
        if second is not None:
            _stop(second, signal.SIGTERM)

    batch.refresh_from_db()
    assert (batch.total, batch.processed, batch.succeeded, batch.failed) == (120, 120, 120, 0)
    assert Resume.objects.filter(batch=batch).count() == 120
    # Exactly once: one parse per resume, every job completed, each resume linked.
    assert ResumeData.objects.count() == 120
    assert set(ProcessingJob.objects.values_list("status", flat=True)) == {"completed"}
    assert not Resume.objects.filter(candidate__isnull=True).exists()
    assert CandidateProfile.objects.count() == 60
