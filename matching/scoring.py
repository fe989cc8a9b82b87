"""Pure candidate-to-job scoring: overall 0-100, a per-component breakdown and an explanation.

No Django import. The Django side builds CandidateFacts/JobFacts from models, passes the weights
from settings, and stores the MatchScore. For rematching many candidates against one job, call
prepare_job() once and score_prepared() per candidate: all job-side work happens up front.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from matching import geo

# Partial credit for a missing skill when the candidate has another skill of the same category.
RELATED_CREDIT = 0.3
REQUIRED_SHARE = 0.75  # share of the skills component for required skills when both kinds exist
NEUTRAL_SKILLS = 50  # job lists no skills at all
UNKNOWN_EXPERIENCE = 30  # candidate years unknown: low, but not a disqualification
UNKNOWN_EDUCATION = 50
EDUCATION_BY_GAP = {1: 60, 2: 25}  # levels below the requirement -> score; further below -> 0
UNKNOWN_LOCATION = 40
UNPLACEABLE_JOB_LOCATION = 50
LOCATION_SAME_CITY = 100  # also a town within commuting reach, or anywhere in a job's region
LOCATION_NEARBY = 90  # within geo.NEARBY_KM
LOCATION_REGION = 80
LOCATION_COUNTRY = 60
LOCATION_ABROAD = 20
TIER_HIGH = 75
TIER_MEDIUM = 50
_MAX_NAMES_IN_EXPLANATION = 4
_SKILL_CACHE_LIMIT = 200_000
_LOCATION_MEMO_LIMIT = 50_000

_EDUCATION = json.loads(
    (Path(__file__).resolve().parent / "data" / "education_levels.json").read_text("utf-8")
)
_EDUCATION_RANK: dict[str, int] = {level: i for i, level in enumerate(_EDUCATION["order"])}
_EDUCATION_LABEL: dict[str, str] = _EDUCATION["labels"]
_REGION_WORD = {"US": "state", "CA": "province", "AU": "state", "IN": "state", "DE": "state"}
_EMPTY_YEARS: Mapping[str, float] = MappingProxyType({})


@dataclass(frozen=True)
class Weights:
    """Relative weight of each component in the overall score (normalised to sum 1)."""

    skills: float = 0.5
    experience: float = 0.2
    education: float = 0.1
    location: float = 0.2


@dataclass(frozen=True)
class CandidateFacts:
    """What scoring needs to know about a candidate; skills as parsed, any spelling."""

    skills: tuple[str, ...]
    total_years: float | None
    education_level: str | None  # highest: high_school|associate|bachelor|master|doctorate|other
    location: str | None  # free text: "Austin, TX, US", "Berlin, Germany", "Remote"
    skill_years: Mapping[str, float] = field(default_factory=lambda: _EMPTY_YEARS)


@dataclass(frozen=True)
class JobFacts:
    """What scoring needs to know about a job."""

    required_skills: tuple[str, ...]
    preferred_skills: tuple[str, ...]
    min_years: float | None
    education_level: str | None
    location: str | None
    remote_policy: str = "onsite"  # onsite|hybrid|remote


@dataclass(frozen=True)
class MatchScore:
    """The result of scoring one candidate against one job."""

    overall: int
    skills: int
    experience: int
    education: int
    location: int
    matching_skills: list[str]
    missing_skills: list[str]
    explanation: str
    tier: str  # "high" | "medium" | "low"

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON fields and API responses."""
        return {
            "overall": self.overall,
            "skills": self.skills,
            "experience": self.experience,
            "education": self.education,
            "location": self.location,
            "matching_skills": list(self.matching_skills),
            "missing_skills": list(self.missing_skills),
            "explanation": self.explanation,
            "tier": self.tier,
        }


def tier_for(overall: float) -> str:
    """Tier of an overall score: "high" at 75 and above, "medium" at 50 and above, else "low"."""
    if overall >= TIER_HIGH:
        return "high"
    if overall >= TIER_MEDIUM:
        return "medium"
    return "low"


def _round(value: float) -> int:
    """Round half up (Python's round() goes to even, which reads oddly in explanations)."""
    return int(value + 0.5)


def _number(value: float) -> str:
    """7.5 -> "7.5", 5.0 -> "5"."""
    return f"{value:.1f}".removesuffix(".0")


def _years(value: float) -> str:
    """7.5 -> "7.5 years", 5.0 -> "5 years", 1.0 -> "1 year"."""
    number = _number(value)
    return f"{number} year" if number == "1" else f"{number} years"


def _names(names: list[str]) -> str:
    """Comma-separated names, cut after a few so the explanation stays readable."""
    if len(names) <= _MAX_NAMES_IN_EXPLANATION:
        return ", ".join(names)
    shown = ", ".join(names[:_MAX_NAMES_IN_EXPLANATION])
    return f"{shown} and {len(names) - _MAX_NAMES_IN_EXPLANATION} more"


# --- skills -------------------------------------------------------------------------------

_taxonomy_instance: Any = None
# raw skill text -> (comparison key, display name, category); shared by all jobs.
_skill_cache: dict[str, tuple[str, str, str | None]] = {}
# Flat views of the same memo for the hot path: raw text -> key, key -> category.
_key_of: dict[str, str] = {}
_category_of: dict[str, str | None] = {}


def _taxonomy() -> Any:
    global _taxonomy_instance
    if _taxonomy_instance is None:
        # Imported lazily: the taxonomy loads its data file on first use, not at import.
        from resumes.parsing.taxonomy import get_taxonomy

        _taxonomy_instance = get_taxonomy()
    return _taxonomy_instance


def _key(name: str) -> str:
    """Comparison key: case and separators ignored, so unknown skills written "Patient-Care"
    and "patient care" still meet; "+", "#", "/" and "&" matter ("C", "C++", "C#")."""
    return "".join(ch for ch in name.casefold() if ch.isalnum() or ch in "+#/&")


def _skill(raw: str) -> tuple[str, str, str | None]:
    """Canonicalise one skill through the taxonomy, memoised: aliases share one key."""
    entry = _skill_cache.get(raw)
    if entry is None:
        display = " ".join(raw.split())
        if display:
            tax = _taxonomy()
            display = tax.canonical(display) or display
            entry = (_key(tax.normalize(display)), display, tax.category(display))
        else:
            entry = ("", "", None)  # never equal to a job skill: job lists skip blanks
        if len(_skill_cache) >= _SKILL_CACHE_LIMIT:
            _skill_cache.clear()
            _key_of.clear()
            _category_of.clear()
        _skill_cache[raw] = entry
        _key_of[raw] = entry[0]
        _category_of[entry[0]] = entry[2]
    return entry


def _job_skills(
    names: tuple[str, ...], exclude: set[str]
) -> tuple[tuple[str, str, str | None], ...]:
    """Canonical, de-duplicated job skills, dropping keys already listed in `exclude`."""
    out = []
    for raw in names:
        if not raw or not raw.strip():
            continue
        entry = _skill(raw)
        if entry[0] not in exclude:
            exclude.add(entry[0])
            out.append(entry)
    return tuple(out)


# --- the prepared job -------------------------------------------------------------------


class PreparedJob:
    """Job facts with everything precomputed once: canonical skills, weights, resolved place."""

    __slots__ = (
        "education_rank",
        "has_categories",
        "job",
        "location_memo",
        "min_years",
        "place",
        "preferred",
        "required",
        "skill_keys",
        "weights",
    )

    def __init__(self, job: JobFacts, weights: Weights) -> None:
        total = weights.skills + weights.experience + weights.education + weights.location
        if min(weights.skills, weights.experience, weights.education, weights.location) < 0:
            raise ValueError("Match weights cannot be negative.")
        if total <= 0:
            raise ValueError("At least one match weight must be positive.")
        self.job = job
        self.weights = (
            weights.skills / total,
            weights.experience / total,
            weights.education / total,
            weights.location / total,
        )
        seen: set[str] = set()
        self.required = _job_skills(job.required_skills, seen)
        self.preferred = _job_skills(job.preferred_skills, seen)
        self.skill_keys = frozenset(seen)
        self.min_years = None if job.min_years is None else float(job.min_years)
        self.has_categories = any(cat for _, _, cat in self.required + self.preferred)
        self.education_rank = _EDUCATION_RANK.get(job.education_level or "")
        self.place = geo.resolve(job.location) if job.location else None
        # candidate location text -> (score, phrase); most candidates share a few cities.
        self.location_memo: dict[str | None, tuple[int, str]] = {}


def prepare_job(job: JobFacts, weights: Weights = Weights()) -> PreparedJob:
    """Precompute the job side once, for scoring many candidates with score_prepared()."""
    return PreparedJob(job, weights)


def _count_matches(
    wanted: tuple[tuple[str, str, str | None], ...], keys: set[str], categories: set[str | None]
) -> tuple[float, list[str], list[str], list[str]]:
    """Credit for the wanted skills: (credit, matched names, missing names, related names)."""
    credit = 0.0
    matched: list[str] = []
    missing: list[str] = []
    related: list[str] = []
    for key, name, category in wanted:
        if key in keys:
            credit += 1.0
            matched.append(name)
        else:
            missing.append(name)
            if category is not None and category in categories:
                credit += RELATED_CREDIT
                related.append(name)
    return credit, matched, missing, related


def _candidate_keys(skills: tuple[str, ...]) -> set[str]:
    """Comparison keys of a candidate's skills; a set comprehension over the memo when warm."""
    try:
        return {_key_of[raw] for raw in skills}
    except KeyError:
        return {_skill(raw)[0] for raw in skills}


def _skills_part(job: PreparedJob, candidate: CandidateFacts) -> tuple[int, list, list, str]:
    if not job.required and not job.preferred:
        return NEUTRAL_SKILLS, [], [], "the job lists no skills, so this part is neutral"
    keys = _candidate_keys(candidate.skills)
    # Only skills the job did not ask for stand in for missing ones: knowing Docker earns
    # Docker's credit once, not partial credit for every other DevOps tool as well.
    categories = (
        {_category_of[key] for key in keys - job.skill_keys} if job.has_categories else set()
    )
    req_credit, req_hit, req_miss, req_rel = _count_matches(job.required, keys, categories)
    pref_credit, pref_hit, pref_miss, pref_rel = _count_matches(job.preferred, keys, categories)
    n_req, n_pref = len(job.required), len(job.preferred)

    phrases = []
    if n_req:
        text = f"has {len(req_hit)} of {n_req} required skills"
        if req_miss:
            text += f" (missing {_names(req_miss)}"
            text += f"; related experience for {_names(req_rel)})" if req_rel else ")"
        phrases.append(text)
    if n_pref:
        text = (
            f"{len(pref_hit)} of {n_pref} preferred"
            if n_req
            else (f"has {len(pref_hit)} of {n_pref} preferred skills (no required skills listed)")
        )
        if pref_rel:
            text += f" (related experience for {_names(pref_rel)})"
        phrases.append(text)

    if n_req and n_pref:
        fraction = REQUIRED_SHARE * req_credit / n_req + (1 - REQUIRED_SHARE) * pref_credit / n_pref
    elif n_req:
        fraction = req_credit / n_req
    else:
        fraction = pref_credit / n_pref
    return _round(100 * fraction), req_hit + pref_hit, req_miss + pref_miss, " and ".join(phrases)


# --- experience, education, location -------------------------------------------------------


def _experience_part(job: PreparedJob, candidate: CandidateFacts) -> tuple[int, str]:
    minimum = job.min_years
    # float(): database rows may carry Decimal, which does not mix with float arithmetic.
    years = None if candidate.total_years is None else float(candidate.total_years)
    if not minimum or minimum <= 0:
        known = f" ({_years(years)})" if years is not None else ""
        return 100, f"the job sets no minimum{known}"
    if years is None:
        estimate = _years_with_job_skills(job, candidate.skill_years)
        if estimate is None:
            return UNKNOWN_EXPERIENCE, (
                f"years of experience unknown ({_number(minimum)} required)"
            )
        value = max(UNKNOWN_EXPERIENCE, _round(100 * min(1.0, estimate / minimum)))
        return value, (
            f"about {_years(estimate)} with the job's skills (total unknown) "
            f"vs {_number(minimum)} required"
        )
    if years >= minimum:
        return 100, f"{_years(years)} vs {_number(minimum)} required"
    return _round(100 * max(0.0, years) / minimum), (
        f"{_years(years)} vs {_number(minimum)} required"
    )


def _years_with_job_skills(job: PreparedJob, skill_years: Mapping[str, float]) -> float | None:
    """Longest per-skill experience among the job's skills, when total years are unknown."""
    if not skill_years:
        return None
    wanted = {key for key, _, _ in job.required + job.preferred}
    best = [float(y) for raw, y in skill_years.items() if y and _skill(raw)[0] in wanted]
    return max(best) if best else None


def _education_part(job: PreparedJob, candidate: CandidateFacts) -> tuple[int, str]:
    required = job.education_rank
    if required is None:
        return 100, "no degree required"
    req_label = _EDUCATION_LABEL[job.job.education_level or ""]
    have = _EDUCATION_RANK.get(candidate.education_level or "")
    if have is None:
        known = candidate.education_level and _EDUCATION_LABEL.get(candidate.education_level)
        what = f"{known} is not ranked" if known else "education level unknown"
        return UNKNOWN_EDUCATION, f"{what} ({req_label} required)"
    have_label = _EDUCATION_LABEL[candidate.education_level or ""]
    gap = required - have
    if gap <= 0:
        return 100, f"{have_label} meets {req_label}"
    levels = "one level" if gap == 1 else f"{gap} levels"
    return EDUCATION_BY_GAP.get(gap, 0), f"{have_label} is {levels} below {req_label}"


def _location_part(job: PreparedJob, candidate: CandidateFacts) -> tuple[int, str]:
    memo = job.location_memo
    text = candidate.location
    hit = memo.get(text)
    if hit is None:
        hit = _location_uncached(job, text)
        if len(memo) >= _LOCATION_MEMO_LIMIT:
            memo.clear()
        memo[text] = hit
    return hit


def _location_uncached(job: PreparedJob, text: str | None) -> tuple[int, str]:
    policy = (job.job.remote_policy or "onsite").strip().lower()
    if policy == "remote":
        return 100, "the job is remote"
    if not job.job.location or not job.job.location.strip():
        return 100, "the job names no location"
    target = job.place
    cand = geo.resolve(text) if text else None
    job_label = target.label if target else job.job.location.strip()
    if cand is None:
        if text and "remote" in text.casefold():
            why = "candidate works remotely, location unknown"
        elif text and text.strip():
            why = f"could not place {text.strip()!r}"
        else:
            why = "candidate location unknown"
        return UNKNOWN_LOCATION, f"{why} (job in {job_label}, {policy})"
    if target is None:
        same = text is not None and text.strip().casefold() == job.job.location.strip().casefold()
        if same:
            return LOCATION_SAME_CITY, f"{cand.label} is the job's location ({policy})"
        return UNPLACEABLE_JOB_LOCATION, (
            f"could not place the job location {job_label!r} to compare ({policy})"
        )

    relation, km = geo.relate(cand, target)
    if relation == "same_city" and cand.city == target.city:
        return LOCATION_SAME_CITY, f"{cand.label} is the job's city ({policy})"
    if relation in ("same_city", "near"):
        points = LOCATION_SAME_CITY if relation == "same_city" else LOCATION_NEARBY
        return points, f"{cand.label} is {round(km or 0)} km from {job_label} ({policy})"
    if relation == "inside":
        # The job names only a region or a country: anywhere inside it is a full match.
        return LOCATION_SAME_CITY, f"{cand.label} is in {job_label} ({policy})"
    if relation == "same_region":
        word = _REGION_WORD.get(target.country or "", "region")
        return LOCATION_REGION, f"{cand.label} is in the same {word} as {job_label} ({policy})"
    if relation == "same_country":
        return LOCATION_COUNTRY, f"{cand.label} is in the same country as {job_label} ({policy})"
    return LOCATION_ABROAD, f"{cand.label} is in another country than {job_label} ({policy})"


# --- the score --------------------------------------------------------------------------

_HEADLINE = {"high": "Strong match", "medium": "Possible match", "low": "Weak match"}


def score_prepared(job: PreparedJob, candidate: CandidateFacts) -> MatchScore:
    """Score one candidate against a prepared job (cheap: call it per candidate in a rematch)."""
    skills, matching, missing, skills_text = _skills_part(job, candidate)
    experience, experience_text = _experience_part(job, candidate)
    education, education_text = _education_part(job, candidate)
    location, location_text = _location_part(job, candidate)
    w_skills, w_experience, w_education, w_location = job.weights
    overall = _round(
        w_skills * skills
        + w_experience * experience
        + w_education * education
        + w_location * location
    )
    overall = min(100, max(0, overall))
    tier = tier_for(overall)
    explanation = (
        f"{_HEADLINE[tier]} ({overall}/100). Skills {skills}: {skills_text}. "
        f"Experience {experience}: {experience_text}. Education {education}: {education_text}. "
        f"Location {location}: {location_text}."
    )
    return MatchScore(
        overall, skills, experience, education, location, matching, missing, explanation, tier
    )


def score(candidate: CandidateFacts, job: JobFacts, weights: Weights = Weights()) -> MatchScore:
    """Score one candidate against one job with the given component weights."""
    return score_prepared(prepare_job(job, weights), candidate)
