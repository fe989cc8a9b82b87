"""Speed of matching.scoring: one prepared job against 100,000 synthetic candidates, and one
candidate against 10,000 prepared jobs. Prints per-call microseconds and totals.

    .venv/bin/python bench/bench_scoring.py [--candidates 100000] [--jobs 10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.scoring import (
    CandidateFacts,
    JobFacts,
    prepare_job,
    score_prepared,
)

SKILLS = [
    "Python", "python", "Django", "Flask", "PostgreSQL", "Postgres", "MySQL", "Docker",
    "Kubernetes", "k8s", "AWS", "GCP", "Terraform", "React", "JavaScript", "JS", "TypeScript",
    "Redis", "Linux", "Git", "SQL", "Java", "Go", "Kafka", "Spark", "Figma", "Excel", "GAAP",
    "Salesforce", "Patient Care", "BLS", "Communication", "Leadership", "REST API", "GraphQL",
]  # fmt: skip
LOCATIONS = [
    "Austin, TX", "Austin, TX, US", "Round Rock, TX", "Houston, TX", "Seattle, WA",
    "Bellevue, WA", "New York, NY", "Chicago, IL", "Denver, CO", "Toronto, ON, Canada",
    "Berlin, Germany", "London, UK", "Bengaluru, India", "Remote", None, "Texas",
]  # fmt: skip
LEVELS = ["high_school", "associate", "bachelor", "master", "doctorate", "other", None]


def make_candidates(rng: random.Random, n: int) -> list[CandidateFacts]:
    """Synthetic candidates with 5-25 skills, varied years, education and places."""
    return [
        CandidateFacts(
            skills=tuple(rng.sample(SKILLS, rng.randint(5, 25))),
            total_years=None if rng.random() < 0.1 else round(rng.uniform(0, 20), 1),
            education_level=rng.choice(LEVELS),
            location=rng.choice(LOCATIONS),
        )
        for _ in range(n)
    ]


def make_job(rng: random.Random) -> JobFacts:
    """A synthetic job with 4-8 required and 0-4 preferred skills."""
    pool = rng.sample(SKILLS, 12)
    n_required = rng.randint(4, 8)
    return JobFacts(
        required_skills=tuple(pool[:n_required]),
        preferred_skills=tuple(pool[n_required : n_required + rng.randint(0, 4)]),
        min_years=rng.choice([None, 2, 3, 5, 8]),
        education_level=rng.choice(["bachelor", "master", None]),
        location=rng.choice([loc for loc in LOCATIONS if loc and loc != "Remote"]),
        remote_policy=rng.choice(["onsite", "hybrid", "remote"]),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    candidates = make_candidates(rng, args.candidates)
    job = make_job(rng)
    # Warm the process-wide caches (gazetteer, taxonomy, skill names) outside the timing,
    # as a long-running worker would have them.
    warm = prepare_job(job)
    for candidate in candidates[:1000]:
        score_prepared(warm, candidate)

    start = time.perf_counter()
    prepared = prepare_job(job)
    prepare_s = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    for candidate in candidates:
        score_prepared(prepared, candidate)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    # CPU time is printed too: on a shared machine wall time includes other processes' turns.
    print(
        f"one job x {args.candidates:,} candidates: total {total:.3f} s wall ({cpu:.3f} s CPU), "
        f"{total / args.candidates * 1e6:.2f} us per score_prepared "
        f"({cpu / args.candidates * 1e6:.2f} us CPU; prepare_job {prepare_s * 1e6:.0f} us)"
    )

    jobs = [make_job(rng) for _ in range(args.jobs)]
    candidate = candidates[0]
    start = time.perf_counter()
    prepared_jobs = [prepare_job(j) for j in jobs]
    prepare_total = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    for prepared_job in prepared_jobs:
        score_prepared(prepared_job, candidate)
    score_total, score_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"one candidate x {args.jobs:,} jobs: prepare {prepare_total:.3f} s "
        f"({prepare_total / args.jobs * 1e6:.2f} us per prepare_job), "
        f"score {score_total:.3f} s ({score_total / args.jobs * 1e6:.2f} us per score_prepared, "
        f"{score_cpu / args.jobs * 1e6:.2f} us CPU)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
