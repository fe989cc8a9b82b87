"""Bulk reads and writes of rematching, with a PostgreSQL fast path.

At 100,000 candidates the ORM's per-object work dominates a rematch (building model instances
and compiling a 15-column INSERT per row), so on PostgreSQL candidates are read with one
GIN-indexed query and matches are upserted with COPY into a temporary table followed by one
``INSERT ... ON CONFLICT``. Other databases (SQLite on a laptop) take the ORM path; both
store exactly the same rows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection, transaction

from candidates.models import CandidateProfile
from matching.models import CandidateMatch
from matching.scoring import MatchScore

CHUNK = 5_000

CANDIDATE_COLUMNS = (
    "id",
    "profile_version",
    "skill_keys",
    "years_experience",
    "education_level",
    "location",
)
# Columns rewritten when a stored match is recomputed (is_active and viewed_at are kept).
UPDATE_COLUMNS = (
    "overall",
    "skills_score",
    "experience_score",
    "education_score",
    "location_score",
    "matching_skills",
    "missing_skills",
    "explanation",
    "tier",
    "computed_at",
    "candidate_version",
    "job_version",
)
INSERT_COLUMNS = ("id", "candidate_id", "job_id", "is_active", *UPDATE_COLUMNS)

# (candidate id, job id, score, candidate version, job version)
ScoredRow = tuple[Any, Any, MatchScore, int, int]


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def candidates_with_any_key(keys: Iterable[str]) -> list[tuple]:
    """Rows (CANDIDATE_COLUMNS + skills) of candidates whose skill_keys hold one of ``keys``.

    On PostgreSQL the test runs in the GIN index, and the skills list (with per-skill years)
    comes only where total years are unknown.
    """
    keys = sorted(keys)
    if not keys:
        return []
    if not _is_postgres():
        rows = CandidateProfile.objects.order_by().values_list(*CANDIDATE_COLUMNS, "skills")
        wanted = set(keys)
        return [r for r in rows if not wanted.isdisjoint(r[2] or ())]
    table = CandidateProfile._meta.db_table
    columns = (
        "id, profile_version, skill_keys::text, years_experience, education_level, location, "
        "CASE WHEN years_experience IS NULL THEN skills::text END"
    )
    # One `@>` per key: each is a jsonb_path_ops GIN lookup (OR-ed as a bitmap).
    where = " OR ".join(["skill_keys @> %s::jsonb"] * len(keys))
    sql = f"SELECT {columns} FROM {table} WHERE {where}"  # noqa: S608 - names from model metadata
    params = [json.dumps([k]) for k in keys]
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner prices each `@>` at a fixed selectivity, so a long OR looks like most of
        # the table and it picks a sequential scan that tests every key on every row; the
        # bitmap of index lookups is about twice as fast at 100k candidates. The setting is
        # put back at once: a caller's enclosing transaction keeps its own plans.
        cursor.execute("SELECT current_setting('enable_seqscan')")
        previous = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        finally:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
    loads = json.loads
    return [
        (r[0], r[1], loads(r[2]) if r[2] else [], r[3], r[4], r[5], r[6] and loads(r[6]))
        for r in rows
    ]


def write_matches(rows: list[ScoredRow], stale_ids: list[Any], now: Any) -> None:
    """Upsert scored matches and delete the stale ones (by id), in one transaction."""
    with transaction.atomic():
        if rows:
            (_copy_upsert if _is_postgres() else _orm_upsert)(rows, now)
        for chunk in chunks(stale_ids):
            CandidateMatch.objects.filter(pk__in=chunk).delete()


def _orm_upsert(rows: list[ScoredRow], now: Any) -> None:
    for chunk in chunks(rows):
        CandidateMatch.objects.bulk_create(
            [
                CandidateMatch(
                    candidate_id=cand_id,
                    job_id=job_id,
                    overall=s.overall,
                    skills_score=s.skills,
                    experience_score=s.experience,
                    education_score=s.education,
                    location_score=s.location,
                    matching_skills=s.matching_skills,
                    missing_skills=s.missing_skills,
                    explanation=s.explanation,
                    tier=s.tier,
                    computed_at=now,
                    candidate_version=cand_v,
                    job_version=job_v,
                )
                for cand_id, job_id, s, cand_v, job_v in chunk
            ],
            update_conflicts=True,
            unique_fields=["candidate", "job"],
            update_fields=list(UPDATE_COLUMNS),
        )


def _copy_upsert(rows: list[ScoredRow], now: Any) -> None:
    table = CandidateMatch._meta.db_table
    columns = ", ".join(INSERT_COLUMNS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in UPDATE_COLUMNS)
    dumps = json.dumps
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS matching_upsert "
            f"(LIKE {table} INCLUDING DEFAULTS)"
        )
        # psycopg 3's COPY: one round trip for all rows, values encoded in C.
        with cursor.cursor.copy(f"COPY matching_upsert ({columns}) FROM STDIN") as copy:
            for cand_id, job_id, s, cand_v, job_v in rows:
                copy.write_row(
                    (
                        uuid.uuid4(),
                        cand_id,
                        job_id,
                        True,
                        s.overall,
                        s.skills,
                        s.experience,
                        s.education,
                        s.location,
                        dumps(s.matching_skills),
                        dumps(s.missing_skills),
                        s.explanation,
                        s.tier,
                        now,
                        cand_v,
                        job_v,
                    )
                )
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM matching_upsert "  # noqa: S608
            f"ON CONFLICT (candidate_id, job_id) DO UPDATE SET {updates}"
        )
        cursor.execute("TRUNCATE matching_upsert")
