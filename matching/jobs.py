"""Skills of a job: canonical names through the resume parser's taxonomy, and skills read from
a job description (required vs. "nice to have"). Pure: no Django import.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAX_SKILLS = 60
MAX_SKILL_LENGTH = 100

_DATA = Path(__file__).resolve().parent / "data" / "job_text.json"
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@functools.cache
def _preferred_cues() -> re.Pattern[str]:
    cues = json.loads(_DATA.read_text("utf-8"))["preferred_cues"]
    words = sorted(cues, key=len, reverse=True)
    return re.compile(r"\b(?:{})\b".format("|".join(re.escape(w) for w in words)), re.IGNORECASE)


def _taxonomy() -> Any:
    from resumes.parsing.taxonomy import get_taxonomy

    return get_taxonomy()


def skill_key(name: str) -> str:
    """The key two spellings of one skill share (the taxonomy's comparison key)."""
    from resumes.parsing.taxonomy import skill_key as taxonomy_key

    return taxonomy_key(_taxonomy().normalize(name))


def clean_skills(names: Iterable[Any], *, exclude: Iterable[str] = ()) -> list[str]:
    """Canonical names for a user's skill list: aliases merged, blanks and repeats dropped."""
    tax = _taxonomy()
    seen = {skill_key(n) for n in exclude}
    out: list[str] = []
    for raw in names:
        if not isinstance(raw, str):
            continue
        name = tax.normalize(raw)[:MAX_SKILL_LENGTH]
        key = skill_key(name) if name else ""
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(name)
        if len(out) >= MAX_SKILLS:
            break
    return out


def suggest_skills(description: str) -> list[str]:
    """Canonical names of every taxonomy skill mentioned in a job description, in order."""
    return _taxonomy().find_in_text(description or "")[:MAX_SKILLS]


def skills_from_description(description: str) -> tuple[list[str], list[str]]:
    """(required, preferred) skills from a description: sentences or sections that say
    "nice to have", "a plus", "preferred" and the like hold the preferred ones."""
    cues = _preferred_cues()
    required: list[str] = []
    preferred: list[str] = []
    in_preferred_section = False
    for line in (description or "").splitlines():
        text = line.strip()
        if not text:
            continue
        if text.endswith(":"):
            # A heading such as "Nice to have:" sets the kind of the lines below it.
            in_preferred_section = bool(cues.search(text))
            continue
        for sentence in _SENTENCE_END.split(text):
            found = suggest_skills(sentence)
            if in_preferred_section or cues.search(sentence):
                preferred += found
            else:
                required += found
    required = clean_skills(required)
    return required, clean_skills(preferred, exclude=required)
