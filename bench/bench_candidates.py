"""Candidate database at scale: 100,000 candidates across 50 recruiters (with admin shares)
on PostgreSQL; p50/p95 and queries per request of a recruiter's list, a full-text search
and a detail view, measured in-process through the API (DRF APIClient).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hotgigs_bench_cand \
        .venv/bin/python bench/bench_candidates.py [--candidates 100000] [--rebuild]

The database is created and migrated when missing, and built once (COPY, a few minutes at
most); later runs reuse it unless --rebuild is given. Acceptance: search p95 < 100 ms,
list and detail p95 < 50 ms, and the same number of queries for every request of a kind.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")
# The API's per-user throttle would stop a benchmark that makes thousands of requests.
os.environ.setdefault("THROTTLE_USER", "1000000/hour")

N_RECRUITERS = 50
SHARE_FRACTION = 0.15
SKILLS = [
    "python", "django", "flask", "postgresql", "mysql", "docker", "kubernetes", "aws", "gcp",
    "terraform", "react", "javascript", "typescript", "redis", "linux", "git", "sql", "java",
    "go", "kafka", "spark", "figma", "excel", "salesforce", "graphql", "rust", "c++", "scala",
    "node.js", "angular", "vue", "swift", "kotlin", "tableau", "power bi", "sap", "jira",
    "agile", "scrum", "machine learning", "pandas", "numpy", "pytorch", "tensorflow",
    "patient care", "bls", "accounting", "gaap", "quickbooks", "sales", "marketing", "seo",
]  # fmt: skip
TITLES = [
    "Backend Engineer", "Senior Software Engineer", "Data Engineer", "DevOps Engineer",
    "Frontend Developer", "Product Manager", "Data Scientist", "QA Engineer", "Accountant",
    "Registered Nurse", "Sales Manager", "Marketing Specialist", "Business Analyst",
    "Full Stack Developer", "Site Reliability Engineer", "Mobile Developer",
]  # fmt: skip
CITIES = [
    "Austin, TX, US", "Houston, TX, US", "Seattle, WA, US", "New York, NY, US",
    "Chicago, IL, US", "Denver, CO, US", "San Francisco, CA, US", "Boston, MA, US",
    "Atlanta, GA, US", "Toronto, ON, CA", "London, GB", "Berlin, DE", "Remote",
]  # fmt: skip
FIRST = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "José", "Priya", "Wei", "Fatima",
    "Olga", "Kwame", "Aiko", "Lucas", "Sofia", "Mateo", "Amara", "Noah", "Emma", "Liam",
]  # fmt: skip
LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Álvarez",
    "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Patel", "Nguyen", "Kim", "Chen", "Okafor", "Schmidt", "Rossi", "Kowalski", "Singh",
]  # fmt: skip
VERBS = [
    "built", "designed", "led", "maintained", "migrated", "optimized", "shipped", "scaled",
    "automated", "tested", "deployed", "refactored", "mentored", "reduced", "improved",
    "delivered", "owned", "launched", "integrated", "monitored", "analyzed", "managed",
]  # fmt: skip
NOUNS = [
    "services", "pipelines", "dashboards", "APIs", "databases", "clusters", "reports",
    "customers", "teams", "releases", "infrastructure", "queries", "models", "workflows",
    "budgets", "campaigns", "accounts", "integrations", "platforms", "applications", "systems",
    "latency", "costs", "revenue", "incidents", "features", "migrations", "audits", "patients",
]  # fmt: skip
FILLER = [
    "the", "a", "for", "with", "across", "using", "and", "to", "of", "in", "on", "by", "from",
    "daily", "weekly", "large", "critical", "internal", "external", "global", "regional",
    "company", "product", "project", "quality", "performance", "security", "growth",
]  # fmt: skip
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka"]
TAGS = ["hot lead", "remote ok", "contacted", "interview", "relocating", "night shift", "senior"]
SEARCHES = [
    "python", "kubernetes", "data engineer", "react typescript", "registered nurse",
    "postgresql", "machine learning", "accounting", "aws terraform", "sales manager",
    '"backend engineer"', "java -scala", "scaled pipelines", "Garcia", "salesforce",
]  # fmt: skip


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    """COPY rows (tuples of text or None) into a table."""
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _resume_text(rng: random.Random, name: str, email: str, title: str, skills: list[str]) -> str:
    words = [name, email, title, "Skills:", ", ".join(skills), "Experience"]
    for _ in range(rng.randint(25, 40)):
        sentence = [rng.choice(VERBS), rng.choice(FILLER), rng.choice(NOUNS)]
        sentence += [rng.choice(FILLER + NOUNS) for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.4:
            sentence += ["using", rng.choice(skills)]
        words.append(" ".join(sentence) + ".")
    words.append(f"{rng.choice(COMPANIES)} {rng.choice(TITLES)} {rng.randint(2005, 2024)}")
    return " ".join(words)


def ensure_database() -> None:
    """Create the benchmark database when it does not exist yet, then migrate it."""
    import psycopg
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    conninfo = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as conn:
        found = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone()
        if not found:
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    call_command("migrate", verbosity=0)


def build(n_candidates: int, seed: int) -> None:
    """Users, candidates, ownership, shares, tags and notes, written with COPY."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from candidates.models import ALL_PERMISSIONS, SHAREABLE_PERMISSIONS, CandidateProfile
    from candidates.services import refresh_search_vector
    from hotgigs.accounts.models import User

    rng = random.Random(seed)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE candidates_candidateactivity, candidates_candidatenote, "
            "candidates_candidatetag, candidates_tag, candidates_candidateshare, "
            "candidates_recruitercandidate, candidates_candidateuserobjectpermission, "
            "candidates_candidateprofile CASCADE"
        )
    User.objects.filter(username__startswith="bench-").delete()
    password = make_password(None)
    admin = User.objects.create(username="bench-admin", role="admin", password=password)
    recruiters = User.objects.bulk_create(
        [
            User(username=f"bench-recruiter-{i:02d}", role="recruiter", password=password)
            for i in range(N_RECRUITERS)
        ]
    )
    perm_ids = dict(
        connection.cursor()
        .execute(
            "SELECT p.codename, p.id FROM auth_permission p JOIN django_content_type c "
            "ON c.id = p.content_type_id WHERE c.app_label = 'candidates' "
            "AND c.model = 'candidateprofile'"
        )
        .fetchall()
    )
    now = datetime.now(UTC)
    profiles, owners, ids = [], [], []
    for i in range(n_candidates):
        cid = uuid.UUID(int=rng.getrandbits(128), version=4)
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        email = f"{name.lower().replace(' ', '.')}.{i}@example.com"
        title = rng.choice(TITLES)
        skills = rng.sample(SKILLS, rng.randint(4, 12))
        created = now - timedelta(minutes=i * 3 + rng.randint(0, 2))
        profiles.append(
            (
                str(cid), name, email, f"+1512{i:07d}", rng.choice(CITIES),
                json.dumps([f"https://linkedin.com/in/c{i}"]), title, f"{title} with skills.",
                round(rng.uniform(0, 25), 1), rng.choice(["bachelor", "master", "associate", ""]),
                json.dumps([{"name": s, "proficiency": None, "years": None} for s in skills]),
                json.dumps(sorted(skills)), "[]", "[]", "[]", "[]",
                _resume_text(rng, name, email, title, skills), "[]", "upload", "1",
                created.isoformat(), created.isoformat(),
            )
        )  # fmt: skip
        owners.append(recruiters[i % N_RECRUITERS])
        ids.append(cid)
    columns = [
        "id", "full_name", "email", "phone", "location", "links", "headline", "summary",
        "years_experience", "education_level", "skills", "skill_keys", "experience",
        "education", "certifications", "languages", "resume_text", "viewer_ids", "source",
        "profile_version", "created_at", "updated_at",
    ]  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        _copy(cursor, "candidates_candidateprofile", columns, profiles)
        print(f"  candidates copied in {time.perf_counter() - started:.1f}s", flush=True)
        links, perms = [], []
        for cid, owner, row in zip(ids, owners, profiles, strict=True):
            links.append((owner.pk, str(cid), "upload", row[-2]))
            perms.extend((owner.pk, perm_ids[c], str(cid)) for c in ALL_PERMISSIONS)
        shares, activity = [], []
        for cid, owner in zip(ids, owners, strict=True):
            if rng.random() >= SHARE_FRACTION:
                continue
            to = rng.choice([r for r in rng.sample(recruiters, 2) if r.pk != owner.pk])
            chosen = sorted(c for c in SHAREABLE_PERMISSIONS if rng.random() < 0.5)
            shares.append(
                (str(uuid.uuid4()), admin.pk, str(cid), to.pk, json.dumps(chosen),
                 "bench share", "", now.isoformat(), now.isoformat())
            )  # fmt: skip
            links.append((to.pk, str(cid), "shared", now.isoformat()))
            perms.extend((to.pk, perm_ids[c], str(cid)) for c in ["view_candidateprofile", *chosen])
            activity.append(
                (str(cid), admin.pk, "share_granted", "", json.dumps({}), now.isoformat())
            )
        _copy(
            cursor,
            "candidates_recruitercandidate",
            ["recruiter_id", "candidate_id", "source", "added_at"],
            links,
        )
        _copy(
            cursor,
            "candidates_candidateuserobjectpermission",
            ["user_id", "permission_id", "content_object_id"],
            perms,
        )
        _copy(
            cursor,
            "candidates_candidateshare",
            ["id", "admin_id", "candidate_id", "recruiter_id", "permissions", "reason", "notes",
             "created_at", "updated_at"],
            shares,
        )  # fmt: skip
        _copy(
            cursor,
            "candidates_candidateactivity",
            ["candidate_id", "actor_id", "action", "user_agent", "metadata", "created_at"],
            activity,
        )
        cursor.execute(
            "INSERT INTO candidates_tag (name) SELECT unnest(%s::text[]) RETURNING id", [TAGS]
        )
        tag_ids = [row[0] for row in cursor.fetchall()]
        tag_rows, note_rows = [], []
        for cid, owner in zip(ids, owners, strict=True):
            for tag_id in rng.sample(tag_ids, rng.choice([0, 0, 0, 1, 1, 2])):
                tag_rows.append((str(cid), tag_id, owner.pk, now.isoformat()))
            if rng.random() < 0.2:
                note_rows.append(
                    (str(uuid.uuid4()), str(cid), owner.pk, "Called; strong fit.",
                     "false", "false", now.isoformat())
                )  # fmt: skip
        _copy(
            cursor,
            "candidates_candidatetag",
            ["candidate_id", "tag_id", "added_by_id", "created_at"],
            tag_rows,
        )
        _copy(
            cursor,
            "candidates_candidatenote",
            ["id", "candidate_id", "author_id", "body", "is_private", "is_important", "created_at"],
            note_rows,
        )
    print(
        f"  {len(links)} memberships, {len(perms)} permissions, {len(shares)} shares "
        f"copied in {time.perf_counter() - started:.1f}s",
        flush=True,
    )
    # The same expression the service keeps up to date, computed in chunks.
    for start in range(0, len(ids), 10_000):
        refresh_search_vector(ids[start : start + 10_000])
    print(f"  search vectors in {time.perf_counter() - started:.1f}s", flush=True)
    # The search hint the services keep beside the permissions, filled as migration 0004 does.
    backfill = importlib.import_module("candidates.migrations.0004_viewer_ids").PG_FORWARD[1]
    with connection.cursor() as cursor:
        cursor.execute(backfill)
        # The two UPDATEs above left a dead copy of every row: compact before measuring.
        cursor.execute("VACUUM FULL ANALYZE candidates_candidateprofile")
        cursor.execute("VACUUM ANALYZE")
    assert CandidateProfile.objects.count() == n_candidates
    print(f"built in {time.perf_counter() - started:.1f}s", flush=True)


def measure(client, paths: list[str], repeat: int) -> tuple[list[float], set[int]]:
    """Milliseconds per request, and the set of query counts seen (one pass, captured)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = set()
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.content[:200])
        counts.add(len(captured.captured_queries))
    timings = []
    for _ in range(repeat):
        for path in paths:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    return timings, counts


def _percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from rest_framework.test import APIClient

    from candidates.models import CandidateProfile
    from candidates.selectors import candidates_visible_to
    from hotgigs.accounts.models import User

    ensure_database()
    if args.rebuild or CandidateProfile.objects.count() != args.candidates:
        print(f"building {args.candidates} candidates across {N_RECRUITERS} recruiters…")
        build(args.candidates, args.seed)

    rng = random.Random(args.seed)
    recruiter = User.objects.get(username="bench-recruiter-07")
    admin = User.objects.get(username="bench-admin")
    held = candidates_visible_to(recruiter).count()
    sample_ids = list(candidates_visible_to(recruiter).values_list("pk", flat=True)[:5000])
    client = APIClient()
    client.force_authenticate(recruiter)
    admin_client = APIClient()
    admin_client.force_authenticate(admin)

    base = "/api/resumes/candidates"
    cases = {
        "list (recruiter, 25 per page)": (
            client,
            [f"{base}?skip={rng.randrange(0, 500)}" for _ in range(10)]
            + [f"{base}?ordering=name", f"{base}?tags=hot+lead,senior", f"{base}?skills=python"]
            + [f"{base}?min_years=5&location=Austin", f"{base}?source=shared"],
        ),
        "search (recruiter, full text, ranked)": (
            client,
            [f"{base}?q={q}" for q in SEARCHES],
        ),
        "detail (recruiter)": (
            client,
            [f"{base}/{cid}" for cid in rng.sample(sample_ids, 15)],
        ),
        "admin master list (100k, with holders)": (
            admin_client,
            [f"/api/resumes/admin/candidates?skip={rng.randrange(0, 5000)}" for _ in range(8)],
        ),
        "admin search (100k)": (
            admin_client,
            [f"/api/resumes/admin/candidates?q={q}" for q in SEARCHES[:8]],
        ),
    }
    total = CandidateProfile.objects.count()
    print(f"\n{total} candidates; recruiter bench-recruiter-07 holds {held}\n")
    print(f"{'request':42} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for label, (api, paths) in cases.items():
        for path in paths[:3]:  # warm caches and connections outside the timing
            api.get(path)
        timings, counts = measure(api, paths, args.repeat)
        queries = "/".join(str(c) for c in sorted(counts))
        print(
            f"{label:42} {len(timings):>5} {statistics.median(timings):>8.1f} "
            f"{_percentile(timings, 95):>8.1f} {queries:>8}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
