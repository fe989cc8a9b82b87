"""Run every benchmark in turn (``make bench``); never part of the test suite.

Pure benchmarks (parsing, scoring, ranking quality) always run. Those that need PostgreSQL
(and Redis, for ingest) run against the local servers, each in its own database, when
they answer; set ``BENCH_PG_URL`` (default ``postgres://postgres@127.0.0.1:5432``) and
``BENCH_REDIS_URL`` (default ``redis://127.0.0.1:6379``) to point elsewhere. Output of each
run is kept in ``bench/results/`` as well as printed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")


def _answers(url: str, default_port: int) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 2
        ):
            return True
    except OSError:
        return False


def _run(name: str, args: list[str], env: dict[str, str]) -> bool:
    print(f"\n=== {name}: {' '.join(args)}", flush=True)
    started = time.monotonic()
    with (RESULTS / f"{name}.txt").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
        proc.wait()
    print(f"=== {name}: exit {proc.returncode} in {time.monotonic() - started:.0f} s", flush=True)
    return proc.returncode == 0


def main() -> int:
    """Run the benchmarks; exit non-zero when any of them failed to run."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    ok = True
    ok &= _run("parse", ["bench/bench_parse.py"], {})
    ok &= _run("scoring", ["bench/bench_scoring.py"], {})
    ok &= _run("ranking_quality", ["bench/bench_ranking_quality.py"], {})
    if not _answers(PG, 5432):
        print(f"\nPostgreSQL does not answer at {PG}: skipping the database benchmarks.")
        return 0 if ok else 1
    ok &= _run(
        "candidates", ["bench/bench_candidates.py"], {"DATABASE_URL": f"{PG}/hotgigs_bench_cand"}
    )
    ok &= _run(
        "matching", ["bench/bench_matching.py"], {"DATABASE_URL": f"{PG}/hotgigs_bench_match"}
    )
    if _answers(REDIS, 6379):
        ok &= _run(
            "ingest",
            [
                "bench/bench_ingest.py",
                "--database-url",
                f"{PG}/hotgigs_bench_ingest",
                "--broker-url",
                f"{REDIS}/4",
            ],
            {},
        )
    else:
        print(f"\nRedis does not answer at {REDIS}: skipping the ingest benchmark.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
