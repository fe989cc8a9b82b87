"""End-to-end bulk ingest: 1,000 mixed resumes uploaded through the HTTP API, processed by 2
Celery worker processes on PostgreSQL + Redis. Measures the time from the first upload until
every resume is completed, resumes/s, and each worker's peak resident memory (VmHWM).

    .venv/bin/python bench/bench_ingest.py [--count 1000] [--workers 2] [--jobs 20] [--json]

Needs PostgreSQL and Redis. It recreates its own database (default ``hotgigs_bench_ingest``)
and uses Redis db 4 unless ``--database-url`` / ``--broker-url`` say otherwise. The resumes
are the shared fixture files, each copy made unique by appending a few bytes (same people, so
copies update one candidate each, as re-uploads do in real life).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures" / "resumes" / "files"
BIN = Path(sys.executable).parent
PASSWORD = "bench-password-1234"
WEB = [str(BIN / "gunicorn"), "hotgigs.wsgi:application", "-w", "2", "--timeout", "300"]
WORKER = [str(BIN / "celery"), "-A", "hotgigs", "worker", "-l", "WARNING"]
WORKER += ["--without-gossip", "--without-mingle", "--without-heartbeat"]


def _pool(threads: int) -> list[str]:
    # One process each either way: solo runs tasks in the main thread, threads overlaps
    # one task's database waits with another's parsing.
    return ["--pool=solo"] if threads <= 1 else ["--pool=threads", f"--concurrency={threads}"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="Resumes to upload.")
    parser.add_argument("--workers", type=int, default=2, help="Worker processes.")
    parser.add_argument("--per-request", type=int, default=200, help="Files per bulk upload.")
    parser.add_argument(
        "--threads", type=int, default=1, help="Threads per worker process (1: solo pool)."
    )
    parser.add_argument("--jobs", type=int, default=20, help="Open jobs each resume is matched to.")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/hotgigs_bench_ingest",
        help="PostgreSQL database (dropped and recreated).",
    )
    parser.add_argument("--broker-url", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--timeout", type=float, default=600, help="Give up after seconds.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    return parser.parse_args()


def recreate_database(url: str) -> None:
    """Drop and create the bench database so every run starts empty."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def make_files(count: int) -> list[tuple[str, bytes]]:
    """``count`` byte-distinct resumes cycling through every fixture file (all formats)."""
    paths = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".pdf", ".docx", ".doc"})
    blobs = [(p, p.read_bytes()) for p in paths]
    files = []
    for n in range(count):
        path, data = blobs[n % len(blobs)]
        files.append((f"{path.stem}-{n}{path.suffix}", data + f"\n%bench copy {n}\n".encode()))
    return files


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    # Own session: stopping it stops its children too.
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def peak_rss_mb(pid: int) -> float:
    """The process's high-water resident set size (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its reaped children, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def _processes() -> list[tuple[int, int, str]]:
    """(pid, parent pid, command line) of every running process."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        found.append((int(entry.name), int(stat[1]), cmdline))
    return found


def pipeline_cpu_seconds(web_pid: int, worker_pids: list[int], database: str) -> dict:
    """CPU spent by the web server (and its workers), the Celery workers and the database
    backends serving this bench's database."""
    processes = _processes()
    web = [web_pid] + [pid for pid, parent, _ in processes if parent == web_pid]
    backends = [
        pid for pid, _, cmd in processes if cmd.startswith("postgres: ") and f" {database} " in cmd
    ]

    def total(pids: list[int]) -> float:
        seconds = 0.0
        for pid in pids:
            try:
                seconds += cpu_seconds(pid)
            except OSError:
                continue
        return round(seconds, 1)

    return {"web": total(web), "workers": total(worker_pids), "postgres": total(backends)}


def wait_for_http(url: str, timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"web server did not answer at {url}")


def main() -> None:
    args = parse_args()
    media = Path(tempfile.mkdtemp(prefix="bench-ingest-media-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "CELERY_BROKER_URL": args.broker_url,
        "CELERY_RESULT_BACKEND": args.broker_url,
        "MEDIA_ROOT": str(media),
        "OPENAI_API_KEY": "",
        "THROTTLE_UPLOAD": "100000/hour",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "hotgigs.settings",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    recreate_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from hotgigs.celery import app as celery_app
    from tests.factories import UserFactory

    celery_app.control.purge()
    owner = UserFactory(role="recruiter", username="bench", password=PASSWORD)
    _create_jobs(owner, args.jobs)
    files = make_files(args.count)

    logs = Path(tempfile.mkdtemp(prefix="bench-ingest-logs-"))
    port = free_port()
    web = start(
        [*WEB, "-b", f"127.0.0.1:{port}"],
        env,
        logs / "web.log",
    )
    workers = [
        start(
            [*WORKER, *_pool(args.threads), "-n", f"bench{i}@%h"],
            env,
            logs / f"worker{i}.log",
        )
        for i in range(args.workers)
    ]
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(f"{base}/healthz", 60)
        time.sleep(3)  # let the workers connect to the broker before the clock starts
        figures = run(args, base, files, workers)
        cpu = pipeline_cpu_seconds(
            web.pid, [w.pid for w in workers], args.database_url.rsplit("/", 1)[1]
        )
        figures["cpu_seconds"] = cpu
        # What the run would take if it had the machine's cores to itself.
        figures["cpu_bound_seconds"] = round(sum(cpu.values()) / (os.cpu_count() or 1), 1)
    finally:
        for process in [web, *workers]:
            stop(process)
        shutil.rmtree(media, ignore_errors=True)
    figures["logs"] = str(logs)
    report(figures, args.json)


def _create_jobs(owner: object, count: int) -> None:
    from matching.models import Job

    skills = [["Python", "SQL"], ["Excel", "Accounting"], ["Patient Care"], ["Sales", "CRM"]]
    Job.objects.bulk_create(
        Job(
            owner=owner, title=f"Opening {n}", required_skills=skills[n % 4], remote_policy="remote"
        )
        for n in range(count)
    )


def run(args: argparse.Namespace, base: str, files: list, workers: list) -> dict:
    """Upload every file, wait for every resume to finish, and collect the figures."""
    import httpx

    from resumes.models import BulkUploadBatch, ProcessingJob

    client = httpx.Client(base_url=base, timeout=300)
    token = client.post(
        "/api/auth/token/", json={"username": "bench", "password": PASSWORD}
    ).json()["access"]
    client.headers["Authorization"] = f"Bearer {token}"
    started = time.monotonic()
    batch_ids, rejected = [], 0
    for offset in range(0, len(files), args.per_request):
        chunk = files[offset : offset + args.per_request]
        response = client.post(
            "/api/resumes/bulk-upload", files=[("files", (name, data)) for name, data in chunk]
        )
        response.raise_for_status()
        body = response.json()
        batch_ids.append(body["batch_id"])
        rejected += len(body["rejected_files"])
    uploaded = time.monotonic() - started
    batches = BulkUploadBatch.objects.filter(pk__in=batch_ids)
    while batches.filter(status="processing").exists():
        if time.monotonic() - started > args.timeout:
            raise SystemExit("timed out waiting for the batches to complete")
        time.sleep(0.25)
    elapsed = time.monotonic() - started
    peaks = [round(peak_rss_mb(w.pid), 1) for w in workers]
    worker_cpu = sum(cpu_seconds(w.pid) for w in workers)
    load = os.getloadavg()[0]
    jobs = ProcessingJob.objects.all()
    from candidates.models import CandidateProfile
    from matching.models import CandidateMatch

    return {
        "resumes": len(files),
        "workers": len(workers),
        "threads_per_worker": args.threads,
        "upload_seconds": round(uploaded, 2),
        "end_to_end_seconds": round(elapsed, 2),
        "resumes_per_second": round(len(files) / elapsed, 1),
        "peak_worker_rss_mb": peaks,
        # CPU the workers spent per resume: a figure that other load on the machine
        # does not inflate (wall-clock figures above are inflated by it).
        "worker_cpu_ms_per_resume": round(worker_cpu * 1000 / len(files), 1),
        "load_average_1min_at_end": round(load, 2),
        "completed": jobs.filter(status="completed").count(),
        "failed": jobs.filter(status="failed").count(),
        "rejected_at_upload": rejected,
        "candidates": CandidateProfile.objects.count(),
        "matches_stored": CandidateMatch.objects.count(),
    }


def report(figures: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"{figures['resumes']} resumes, {figures['workers']} workers: "
        f"{figures['end_to_end_seconds']} s end to end "
        f"(uploads done after {figures['upload_seconds']} s), "
        f"{figures['resumes_per_second']} resumes/s"
    )
    print(
        f"completed {figures['completed']}, failed {figures['failed']}, "
        f"rejected {figures['rejected_at_upload']}, candidates {figures['candidates']}, "
        f"matches stored {figures['matches_stored']}"
    )
    print(
        f"CPU seconds {figures['cpu_seconds']}: at least {figures['cpu_bound_seconds']} s "
        f"on {os.cpu_count()} otherwise idle cores"
    )
    print(
        f"peak worker RSS (MB): {figures['peak_worker_rss_mb']}; worker CPU per resume "
        f"{figures['worker_cpu_ms_per_resume']} ms; load average at end "
        f"{figures['load_average_1min_at_end']} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
