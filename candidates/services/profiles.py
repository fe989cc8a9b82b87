"""Writes to candidate profiles: the upsert from a parse, recruiter corrections, search vector."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from candidates.models import CHANGE, VIEW_CONTACT, Action, CandidateProfile, FieldCorrection
from candidates.redact import redact_contact
from hotgigs.errors import ServiceError

from .membership import add_to_database, grant_self_access, log_activity

# Profile fields a recruiter may correct, mapped to where the parse keeps them.
CORRECTABLE_FIELDS = {
    "full_name": ("contact", "full_name"),
    "email": ("contact", "email"),
    "phone": ("contact", "phone"),
    "location": ("contact", "location"),
    "links": ("contact", "links"),
    "headline": (None, "headline"),
    "summary": (None, "summary"),
    "skills": (None, "skills"),
    "experience": (None, "experience"),
    "education": (None, "education"),
    "certifications": (None, "certifications"),
    "languages": (None, "languages"),
    "years_experience": (None, "total_experience_years"),
}
_LEVEL_ORDER = ["high_school", "associate", "bachelor", "master", "doctorate"]


def _highest_level(education: list[dict]) -> str:
    levels = [e.get("level") for e in education if e.get("level") in _LEVEL_ORDER]
    return max(levels, key=_LEVEL_ORDER.index) if levels else ""


def _skill_keys(skills: list[dict]) -> list[str]:
    return sorted({str(s.get("name", "")).strip().lower() for s in skills if s.get("name")})


def profile_values_from_parse(data: dict) -> dict[str, Any]:
    """Map a parsed-resume contract onto CandidateProfile field values."""
    contact = data.get("contact") or {}
    skills = data.get("skills") or []
    education = data.get("education") or []
    return {
        "full_name": (contact.get("full_name") or "")[:200],
        "email": (contact.get("email") or "").strip().lower()[:254],
        "phone": (contact.get("phone") or "")[:32],
        "location": (contact.get("location") or "")[:200],
        "links": contact.get("links") or [],
        "headline": (data.get("headline") or "")[:300],
        "summary": data.get("summary") or "",
        "years_experience": data.get("total_experience_years"),
        "skills": skills,
        "skill_keys": _skill_keys(skills),
        "experience": data.get("experience") or [],
        "education": education,
        "education_level": _highest_level(education),
        "certifications": data.get("certifications") or [],
        "languages": data.get("languages") or [],
    }


def _apply_corrections(candidate: CandidateProfile, values: dict[str, Any]) -> dict[str, Any]:
    """Recruiter corrections win over the parser: the newest correction per field applies."""
    seen: set[str] = set()
    for correction in candidate.corrections.order_by("-created_at"):
        if correction.field in seen:
            continue
        seen.add(correction.field)
        values[
            "years_experience" if correction.field == "years_experience" else correction.field
        ] = correction.value
        if correction.field == "skills":
            values["skill_keys"] = _skill_keys(correction.value or [])
        if correction.field == "education":
            values["education_level"] = _highest_level(correction.value or [])
    return values


def _find_existing(values: dict[str, Any]) -> CandidateProfile | None:
    if values["email"]:
        found = (
            CandidateProfile.objects.filter(email=values["email"]).order_by("created_at").first()
        )
        if found:
            return found
    if values["phone"]:
        return CandidateProfile.objects.filter(phone=values["phone"]).order_by("created_at").first()
    return None


def refresh_search_vector(candidate_ids: Iterable[Any]) -> None:
    """Recompute the full-text vector (PostgreSQL only; SQLite searches with LIKE)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector
    from django.db.models.functions import Left

    CandidateProfile.objects.filter(pk__in=list(candidate_ids)).update(
        search_vector=SearchVector("full_name", weight="A", config="english")
        + SearchVector("headline", weight="A", config="english")
        + SearchVector("skill_keys", weight="B", config="english")
        + SearchVector(Left("resume_text", 100_000), weight="C", config="english")
    )


@transaction.atomic
def upsert_from_parse(
    data: dict, *, resume: Any, uploader: Any, source: str, text: str = ""
) -> CandidateProfile:
    """Create or update the profile a parse describes and put it in the uploader's database.

    Matches by normalized email, then E.164 phone. Corrections made by recruiters are
    re-applied on top of the new parse, so they survive re-parsing. A candidate user's own
    upload only ever updates their own profile: whatever email a file carries, it can
    neither overwrite nor open up a profile that recruiters hold.
    """
    values = profile_values_from_parse(data)
    if getattr(uploader, "is_candidate", False):
        candidate = CandidateProfile.objects.filter(owner=uploader).order_by("created_at").first()
    else:
        candidate = _find_existing(values)
    if candidate is None:
        candidate = CandidateProfile(source=source)
        if getattr(uploader, "is_candidate", False):
            candidate.owner = uploader
    else:
        candidate = CandidateProfile.objects.select_for_update().get(pk=candidate.pk)
        candidate.profile_version += 1
        # Keep what we knew where the new parse found nothing.
        values = {k: v for k, v in values.items() if v not in ("", None, [])}
    if candidate.pk and not candidate._state.adding:
        values = _apply_corrections(candidate, values)
    for field, value in values.items():
        setattr(candidate, field, value)
    if text:
        # Contact details live in their own, permission-guarded fields; the searchable
        # copy of the text must not reveal them in snippets or to a search.
        candidate.resume_text = redact_contact(text, region=settings.PHONE_DEFAULT_REGION)
    candidate.latest_resume = resume
    candidate.full_clean(exclude=["latest_resume", "owner", "email"])
    candidate.save()
    if getattr(uploader, "is_candidate", False):
        grant_self_access(uploader, candidate)
    else:
        add_to_database(uploader, candidate, source=source)
    log_activity(candidate, Action.UPLOADED, actor=uploader, resume=str(resume.pk), source=source)
    refresh_search_vector([candidate.pk])
    return candidate


_TEXT_LIMITS = {"full_name": 200, "location": 200, "headline": 300, "summary": 20_000}
_LIST_OF_TEXT = {"links", "languages"}
_LIST_OF_OBJECTS = {"skills", "experience", "education", "certifications"}
_CONTACT_FIELDS = {"email", "phone", "links"}


def clean_correction(field: str, value: Any) -> Any:
    """Validate a corrected value and put it in the shape the profile stores."""
    if field in _TEXT_LIMITS:
        if not isinstance(value, str):
            raise ServiceError(f"{field} must be text.", code="invalid_value")
        return value.strip()[: _TEXT_LIMITS[field]]
    if field == "email":
        email = str(value or "").strip().lower()
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise ServiceError(
                    f"{email!r} is not an email address.", code="invalid_value"
                ) from exc
        return email
    if field == "phone":
        return _e164(str(value or "").strip())
    if field == "years_experience":
        if value in (None, ""):
            return None
        try:
            years = float(value)
        except (TypeError, ValueError) as exc:
            raise ServiceError(
                "Years of experience must be a number.", code="invalid_value"
            ) from exc
        if not 0 <= years <= 80:
            raise ServiceError(
                "Years of experience must be between 0 and 80.", code="invalid_value"
            )
        return years
    if not isinstance(value, list):
        raise ServiceError(f"{field} must be a list.", code="invalid_value")
    if field in _LIST_OF_TEXT:
        return [str(v).strip() for v in value if str(v).strip()]
    if not all(isinstance(v, dict) for v in value):
        raise ServiceError(f"Every item of {field} must be an object.", code="invalid_value")
    if field == "skills" and not all(str(v.get("name") or "").strip() for v in value):
        raise ServiceError("Every skill needs a name.", code="invalid_value")
    return value


def _e164(raw: str) -> str:
    if not raw:
        return ""
    import phonenumbers

    region = getattr(settings, "PHONE_DEFAULT_REGION", "US")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise ServiceError(f"{raw!r} is not a phone number.", code="invalid_value") from exc
    if not phonenumbers.is_possible_number(number):
        raise ServiceError(f"{raw!r} is not a phone number.", code="invalid_value")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parsed_value(candidate: CandidateProfile, field: str) -> Any:
    """What the parser found for a field in the newest parse of the latest resume (or None)."""
    if field not in CORRECTABLE_FIELDS or candidate.latest_resume_id is None:
        return None
    from resumes.models import ResumeData

    parse = (
        ResumeData.objects.filter(resume_id=candidate.latest_resume_id)
        .order_by("-parsed_at", "-pk")
        .first()
    )
    if parse is None or not isinstance(parse.data, dict):
        return None
    section, key = CORRECTABLE_FIELDS[field]
    container = parse.data.get(section) if section else parse.data
    return container.get(key) if isinstance(container, dict) else None


@transaction.atomic
def correct_field(
    user: Any,
    candidate: CandidateProfile,
    field: str,
    value: Any,
    *,
    ip: str | None = None,
    user_agent: str = "",
) -> FieldCorrection:
    """Overwrite one parsed field with a recruiter's value; it survives every later re-parse."""
    from .activity import require_permission

    if field not in CORRECTABLE_FIELDS:
        raise ServiceError(
            f"{field!r} cannot be corrected; choose from {', '.join(CORRECTABLE_FIELDS)}.",
            code="invalid_field",
        )
    require_permission(user, candidate, CHANGE)
    if field in _CONTACT_FIELDS:
        require_permission(user, candidate, VIEW_CONTACT)
    cleaned = clean_correction(field, value)
    correction = FieldCorrection.objects.create(
        candidate=candidate,
        field=field,
        parser_value=parsed_value(candidate, field),
        value=cleaned,
        author=user if getattr(user, "pk", None) else None,
    )
    candidate = CandidateProfile.objects.select_for_update().get(pk=candidate.pk)
    setattr(candidate, field, cleaned)
    update = [field, "profile_version", "updated_at"]
    if field == "skills":
        candidate.skill_keys = _skill_keys(cleaned)
        update.append("skill_keys")
    if field == "education":
        candidate.education_level = _highest_level(cleaned)
        update.append("education_level")
    candidate.profile_version += 1
    candidate.save(update_fields=update)
    refresh_search_vector([candidate.pk])
    # The field name only: the activity log is read by holders who may not see contact data.
    log_activity(candidate, Action.CORRECTED, actor=user, ip=ip, user_agent=user_agent, field=field)
    return correction
