"""Optional LLM refinement of a rule-based parse through any OpenAI-compatible chat endpoint.

The model sees the resume text and the rule-based parse and answers with structured output
(json_schema, strict) in the contract of DESIGN.md. Its answer is validated, merged over the
rule-based parse where it is valid and grounded in the text, and skill names go through the
taxonomy. Any failure (network, timeout, HTTP error, refusal, invalid JSON or schema) logs a
warning and returns the rule-based parse unchanged: the LLM can improve a resume, never fail it.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import httpx
import openai

from resumes.parsing.schema import CONTRACT_SCHEMA, validate_contract
from resumes.parsing.taxonomy import get_taxonomy

logger = logging.getLogger(__name__)

SCHEMA_NAME = "parsed_resume"

SYSTEM_PROMPT = """You turn resumes into structured data for a recruiting product.
You receive the resume text and a draft parse produced by rules. Return the corrected parse:
- Keep every draft value that the text supports; fix values the text contradicts; add what the
  draft missed. Never invent facts that are not in the text; use null or [] when unknown.
- contact.phone in E.164 (+14155550123) when the country is clear, else as written.
- Dates are "YYYY-MM", or "YYYY" when only the year is written. A current job has end null and
  current true.
- education.level is one of high_school, associate, bachelor, master, doctorate, other.
- skills: one entry per skill the resume lists or clearly uses, with the usual written name
  ("PostgreSQL", "Node.js"); proficiency is beginner, intermediate, advanced or expert only when
  the resume states it; years only when stated.
- summary: two or three factual sentences about the candidate, in the third person, from the
  resume alone.
- total_experience_years counts overlapping jobs once."""


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to call the model; base_url None means the OpenAI API itself."""

    api_key: str
    model: str = "gpt-4o-mini"
    base_url: str | None = None
    timeout: float = 30.0
    max_text_chars: int = 20000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LLMConfig | None:
        """Config from OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_MODEL; None when no key is set."""
        env = os.environ if environ is None else environ
        api_key = env.get("OPENAI_API_KEY", "").strip()
        if not api_key:
            return None
        return cls(
            api_key=api_key,
            model=env.get("OPENAI_MODEL", "").strip() or cls.model,
            base_url=env.get("OPENAI_BASE_URL", "").strip() or None,
        )


class LLMOutputError(ValueError):
    """The model answered, but not with a usable parse."""


def refine_with_llm(
    text: str,
    rule_based: dict,
    config: LLMConfig,
    *,
    http_client: httpx.Client | None = None,
) -> dict:
    """The rule-based parse refined by the LLM, or `rule_based` unchanged if anything fails."""
    try:
        answer = _ask_model(text, rule_based, config, http_client)
        return merge_parses(rule_based, answer, text)
    except Exception as exc:  # any failure falls back: the LLM must never fail a resume
        logger.warning(
            "LLM refinement failed, keeping the rule-based parse: %s: %s",
            type(exc).__name__,
            exc,
        )
        return rule_based


def _ask_model(
    text: str, rule_based: dict, config: LLMConfig, http_client: httpx.Client | None
) -> dict:
    client = openai.OpenAI(
        api_key=config.api_key,
        base_url=config.base_url,
        timeout=config.timeout,
        # A retry would double the worst-case wait; the rule-based parse is a fine answer.
        max_retries=0,
        http_client=http_client,
    )
    payload = {"resume_text": text[: config.max_text_chars], "draft_parse": rule_based}
    completion = client.chat.completions.create(
        model=config.model,
        temperature=0,
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": json.dumps(payload, ensure_ascii=False)},
        ],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": CONTRACT_SCHEMA},
        },
    )
    if not completion.choices:
        raise LLMOutputError("the response has no choices")
    message = completion.choices[0].message
    if getattr(message, "refusal", None):
        raise LLMOutputError(f"the model refused: {message.refusal}")
    if not message.content:
        raise LLMOutputError("the response is empty")
    try:
        answer = json.loads(message.content)
    except json.JSONDecodeError as exc:
        raise LLMOutputError(f"the response is not JSON ({exc})") from exc
    errors = validate_contract(answer)
    if errors:
        raise LLMOutputError("the response breaks the contract: " + "; ".join(errors[:5]))
    return answer


def merge_parses(rule_based: dict, answer: dict, text: str) -> dict:
    """Merges a validated LLM answer over the rule-based parse, field by field."""
    merged = copy.deepcopy(rule_based)
    haystack = text.casefold()

    contact = dict(merged.get("contact") or {})
    theirs = answer["contact"]
    for field in ("full_name", "location"):
        if theirs[field]:
            contact[field] = theirs[field].strip()
    # Contact details are only taken when the text shows them: a wrong email is worse than none.
    if theirs["email"] and theirs["email"].strip().casefold() in haystack:
        contact["email"] = theirs["email"].strip().lower()
    if _phone_in_text(theirs["phone"], text) and (
        not contact.get("phone") or theirs["phone"].startswith("+")
    ):
        contact["phone"] = theirs["phone"].strip()
    contact["links"] = _union(contact.get("links") or [], theirs["links"])
    merged["contact"] = contact

    for field in ("headline", "summary"):
        if answer[field] and answer[field].strip():
            merged[field] = answer[field].strip()

    merged["skills"] = _merge_skills(merged.get("skills") or [], answer["skills"], text)
    merged["experience"] = _merge_entries(
        merged.get("experience") or [], answer["experience"], ("company", "title")
    )
    merged["education"] = _merge_entries(
        merged.get("education") or [], answer["education"], ("institution", "degree")
    )
    merged["certifications"] = _merge_entries(
        merged.get("certifications") or [], answer["certifications"], ("name",)
    )
    merged["languages"] = _union(merged.get("languages") or [], answer["languages"])
    # The rule-based total counts overlapping jobs once from the dates; the model only fills a gap.
    if merged.get("total_experience_years") is None:
        merged["total_experience_years"] = answer["total_experience_years"]
    return merged


def _merge_skills(ours: list[dict], theirs: list[dict], text: str) -> list[dict]:
    taxonomy = get_taxonomy()
    in_text = set(taxonomy.find_in_text(text))
    merged: dict[str, dict] = {}
    for skill in ours:
        merged[skill["name"].casefold()] = dict(skill)
    for skill in theirs:
        name = taxonomy.normalize(skill["name"])
        if not name:
            continue
        mentioned = name in in_text or _word_in_text(name, text)
        key = name.casefold()
        if key in merged:
            entry = merged[key]
            entry["proficiency"] = entry.get("proficiency") or skill["proficiency"]
            if entry.get("years") is None:
                entry["years"] = skill["years"]
        elif mentioned:
            # Only skills the resume shows: models like to add plausible neighbours.
            merged[key] = {
                "name": name,
                "proficiency": skill["proficiency"],
                "years": skill["years"],
            }
    return list(merged.values())


def _entry_key(entry: dict, fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(re.sub(r"\W+", " ", (entry.get(f) or "").casefold()).strip() for f in fields)


def _merge_entries(ours: list[dict], theirs: list[dict], fields: tuple[str, ...]) -> list[dict]:
    # The model's list wins (it may split or join entries the rules got wrong), and its nulls are
    # filled from the rule-based entry with the same identity.
    if not theirs:
        return ours
    by_key = {_entry_key(entry, fields): entry for entry in ours}
    merged = []
    for entry in theirs:
        match = by_key.get(_entry_key(entry, fields), {})
        combined = dict(entry)
        for field, value in match.items():
            if combined.get(field) is None and value is not None:
                combined[field] = value
        merged.append(combined)
    return merged


def _union(first: list[str], second: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in [*first, *second]:
        if isinstance(item, str) and item.strip():
            seen.setdefault(item.strip().casefold(), item.strip())
    return list(seen.values())


def _word_in_text(word: str, text: str) -> bool:
    words = r"\s+".join(re.escape(part) for part in word.split())
    pattern = r"(?<![\w+#])" + words + r"(?![\w+#])"
    return bool(word.strip()) and re.search(pattern, text, re.IGNORECASE) is not None


def _phone_in_text(phone: str | None, text: str) -> bool:
    if not phone:
        return False
    digits = re.sub(r"\D", "", phone)
    # The last seven digits survive every national and international way of writing a number.
    return len(digits) >= 7 and digits[-7:] in re.sub(r"\D", "", text)
