"""Rematching: score candidates against jobs in bulk and keep the stored matches current.

Candidate generation goes through the skills index: a candidate is plausible for a job when it
shares a required or preferred skill (any alias) or a skill of the same taxonomy category (the
scorer gives those partial credit). On PostgreSQL that is a GIN-indexed ``skill_keys @> '["x"]'``
per key; elsewhere the same test runs in Python. A job that lists no skills is not matched: its
skills part would be neutral for everyone, ranking the whole database alike. Both directions
(one job vs. all candidates, one candidate vs. all open jobs) apply the same rule, so they store
the same matches.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from candidates.models import CandidateProfile
from matching import store
from matching.models import CandidateMatch, Job, JobStatus
from matching.scoring import (
    CandidateFacts,
    JobFacts,
    PreparedJob,
    Weights,
    prepare_job,
    score_prepared,
)

logger = logging.getLogger(__name__)

_CACHE_LIMIT = 20_000
# Each cached job memoises location scores per candidate location text; a worker that sees
# thousands of places would grow every cached job's memo, so memos are cut back after use.
_MEMO_KEEP = 64
# (job id, version, weights) -> prepared job and the candidate skill keys that make it plausible
_prepared_cache: dict[tuple[Any, int, Weights], _Target] = {}

JOB_COLUMNS = (
    "id",
    "version",
    "required_skills",
    "preferred_skills",
    "min_years",
    "education_level",
    "location",
    "remote_policy",
)


@dataclass(frozen=True)
class _Target:
    prepared: PreparedJob
    keys: frozenset[str]  # empty: the job lists no skills, so no candidate is plausible


def current_weights() -> Weights:
    """The component weights from settings.MATCH_WEIGHTS."""
    w = settings.MATCH_WEIGHTS
    return Weights(
        skills=float(w.get("skills", 0.5)),
        experience=float(w.get("experience", 0.2)),
        education=float(w.get("education", 0.1)),
        location=float(w.get("location", 0.2)),
    )


def _taxonomy() -> Any:
    from resumes.parsing.taxonomy import get_taxonomy

    return get_taxonomy()


@functools.lru_cache(maxsize=20_000)
def _keys_of_skill(name: str) -> tuple[frozenset[str], str | None]:
    """Lower-cased spellings of one skill (name and aliases) and its category."""
    skill = _taxonomy().get(name)
    if skill is None:
        return frozenset({name.strip().lower()}), None
    forms = {form.strip().lower() for form in skill.forms} | {name.strip().lower()}
    return frozenset(forms), skill.category


@functools.cache
def _keys_of_category(category: str) -> frozenset[str]:
    return frozenset(n.lower() for n in _taxonomy().skills_in_category(category))


def plausible_keys(required: Iterable[str], preferred: Iterable[str]) -> frozenset[str]:
    """Lower-cased skill keys a candidate needs one of to be worth scoring for a job."""
    keys: set[str] = set()
    categories: set[str] = set()
    for name in (*required, *preferred):
        if not isinstance(name, str) or not name.strip():
            continue
        forms, category = _keys_of_skill(name)
        keys |= forms
        if category is not None:
            categories.add(category)
    for category in categories:
        keys |= _keys_of_category(category)
    return frozenset(keys)


def _target(row: tuple, weights: Weights) -> _Target:
    """Prepared job for a JOB_COLUMNS row, cached by (id, version, weights) in-process."""
    job_id, version, required, preferred, min_years, education, location, remote = row
    cache_key = (job_id, version, weights)
    target = _prepared_cache.get(cache_key)
    if target is None:
        required = tuple(s for s in (required or ()) if isinstance(s, str))
        preferred = tuple(s for s in (preferred or ()) if isinstance(s, str))
        facts = JobFacts(
            required_skills=required,
            preferred_skills=preferred,
            min_years=min_years,
            education_level=education or None,
            location=location or None,
            remote_policy=remote or "onsite",
        )
        target = _Target(prepare_job(facts, weights), plausible_keys(required, preferred))
        if len(_prepared_cache) >= _CACHE_LIMIT:
            _prepared_cache.clear()
        _prepared_cache[cache_key] = target
    return target


def _trim(target: _Target) -> None:
    memo = target.prepared.location_memo
    if len(memo) > _MEMO_KEEP:
        memo.clear()


def _facts(row: tuple, skill_years: dict[str, float] | None = None) -> CandidateFacts:
    _, _, keys, years, education, location = row[:6]
    return CandidateFacts(
        skills=tuple(keys or ()),
        total_years=years,
        education_level=education or None,
        location=location or None,
        skill_years=skill_years or {},
    )


def _skill_years(skills: Any) -> dict[str, float]:
    """Per-skill years from a profile's skills list (used only when total years are unknown)."""
    out: dict[str, float] = {}
    for item in skills or ():
        if not isinstance(item, dict) or not item.get("name"):
            continue
        years = item.get("years")
        if isinstance(years, int | float) and not isinstance(years, bool):
            out[str(item["name"])] = float(years)
    return out


def _is_plausible(target: _Target, keys: Iterable[str]) -> bool:
    return not target.keys.isdisjoint(keys or ())


def _is_fresh(existing: tuple | None, cand_v: int, job_v: int, cutoff: Any) -> bool:
    """A stored match computed recently from the same candidate and job versions."""
    if existing is None:
        return False
    _, e_cand_v, e_job_v, computed_at, _ = existing
    return e_cand_v == cand_v and e_job_v == job_v and computed_at >= cutoff


def _stale_id(existing: tuple | None) -> Any:
    """The id of an existing match to delete, unless an admin removed it (kept as a record)."""
    if existing is None:
        return None
    match_id, _, _, _, is_active = existing
    return match_id if is_active else None


def rematch_candidate(candidate: CandidateProfile, *, force: bool = False) -> int:
    """Score one candidate against every open job; return the number of matches written.

    Matches computed within settings.MATCH_RECENT_MINUTES from the same versions are kept
    unless ``force``; scores below settings.MATCH_STORE_FLOOR are not stored (and a stored
    one that fell below is deleted).
    """
    row = (
        CandidateProfile.objects.filter(pk=candidate.pk)
        .values_list(*store.CANDIDATE_COLUMNS, "skills")
        .first()
    )
    if row is None:
        return 0
    cand_v = row[1]
    facts = _facts(row, _skill_years(row[6]) if row[3] is None else None)
    keys = set(row[2] or ())
    weights = current_weights()
    floor = settings.MATCH_STORE_FLOOR
    now = timezone.now()
    cutoff = now - timedelta(minutes=settings.MATCH_RECENT_MINUTES)
    existing = {
        r[0]: r[1:]
        for r in CandidateMatch.objects.filter(candidate_id=candidate.pk).values_list(
            "job_id", "id", "candidate_version", "job_version", "computed_at", "is_active"
        )
    }
    rows: list[store.ScoredRow] = []
    stale: list[Any] = []
    jobs = Job.objects.filter(status=JobStatus.OPEN).values_list(*JOB_COLUMNS)
    for job_row in jobs.iterator(chunk_size=5_000):
        job_id, job_v = job_row[0], job_row[1]
        before = existing.get(job_id)
        target = _target(job_row, weights)
        if not _is_plausible(target, keys):
            stale_id = _stale_id(before)
            if stale_id is not None:
                stale.append(stale_id)
            continue
        if not force and _is_fresh(before, cand_v, job_v, cutoff):
            continue
        result = score_prepared(target.prepared, facts)
        _trim(target)
        if result.overall >= floor:
            rows.append((candidate.pk, job_id, result, cand_v, job_v))
        else:
            stale_id = _stale_id(before)
            if stale_id is not None:
                stale.append(stale_id)
    store.write_matches(rows, stale, now)
    return len(rows)


def _candidate_rows(target: _Target) -> list[tuple]:
    """Candidate rows worth scoring for a job (through the GIN skills index on PostgreSQL)."""
    return store.candidates_with_any_key(target.keys)


def rematch_job(job: Job, *, force: bool = False) -> int:
    """Score every plausible candidate against one open job; return the matches written.

    Same freshness and floor rules as rematch_candidate; a closed job is left as it is.
    """
    job_row = Job.objects.filter(pk=job.pk, status=JobStatus.OPEN).values_list(*JOB_COLUMNS).first()
    if job_row is None:
        return 0
    job_v = job_row[1]
    weights = current_weights()
    target = _target(job_row, weights)
    floor = settings.MATCH_STORE_FLOOR
    now = timezone.now()
    cutoff = now - timedelta(minutes=settings.MATCH_RECENT_MINUTES)
    existing = {
        r[0]: r[1:]
        for r in CandidateMatch.objects.filter(job_id=job.pk).values_list(
            "candidate_id", "id", "candidate_version", "job_version", "computed_at", "is_active"
        )
    }
    candidates = _candidate_rows(target)

    rows: list[store.ScoredRow] = []
    stale: list[Any] = []
    seen: set[Any] = set()
    prepared = target.prepared
    for cand_row in candidates:
        cand_id, cand_v = cand_row[0], cand_row[1]
        seen.add(cand_id)
        before = existing.get(cand_id)
        if not force and _is_fresh(before, cand_v, job_v, cutoff):
            continue
        years = _skill_years(cand_row[6]) if cand_row[3] is None else None
        result = score_prepared(prepared, _facts(cand_row, years))
        if result.overall >= floor:
            rows.append((cand_id, job.pk, result, cand_v, job_v))
        else:
            stale_id = _stale_id(before)
            if stale_id is not None:
                stale.append(stale_id)
    # Stored matches of candidates that are no longer plausible (their skills changed).
    for cand_id, before in existing.items():
        if cand_id not in seen:
            stale_id = _stale_id(before)
            if stale_id is not None:
                stale.append(stale_id)
    _trim(target)
    store.write_matches(rows, stale, now)
    logger.info("Rematched job %s: %d matches written, %d removed", job.pk, len(rows), len(stale))
    return len(rows)
