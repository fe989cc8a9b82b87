"""The rule-based resume parser: plain text in, the parsed-resume contract (DESIGN.md) out."""

from __future__ import annotations

import re
from datetime import date

from resumes.parsing.certifications import parse_certifications
from resumes.parsing.contact import (
    EMAIL,
    find_email,
    find_links,
    find_location,
    find_name,
    find_phone,
    is_title_like,
    phone_regions,
)
from resumes.parsing.education import degree_level, is_education_line, parse_education
from resumes.parsing.experience import parse_experience, total_years
from resumes.parsing.fields import is_header_like
from resumes.parsing.normalize import normalize_text
from resumes.parsing.sections import Section, split_sections
from resumes.parsing.skills import parse_languages, parse_skills

CONTACT_KINDS = ("header", "contact")


def parse_text(text: str, *, default_region: str = "US", today: date | None = None) -> dict:
    """Parses resume text into the contract dict; deterministic for a given `today`."""
    today = today or date.today()
    # Extractors already normalise; text pasted or typed in arrives with raw bullets and tabs.
    text = normalize_text(text)
    sections = split_sections(text)
    name, name_si, name_li = find_name(sections, find_email(text))
    headline, headline_li = _headline(sections, name_si, name_li)
    contact_lines = _contact_lines(sections, name_si, name_li)
    # The name and headline may sit inside a sidebar section; keep them out of its items.
    if name_si >= 0:
        drop = {name_li, headline_li}
        sec = sections[name_si]
        sec.lines = [ln if i not in drop else "" for i, ln in enumerate(sec.lines)]
    by_kind = _lines_by_kind(sections)
    location = find_location(contact_lines)
    regions = phone_regions(location, default_region)
    phone = find_phone("\n".join(contact_lines), regions) or find_phone(text, regions)
    loose = by_kind.get("header", [])
    # Without headings, jobs and degrees are still recognisable by their dates and degree names.
    exp_lines = by_kind.get("experience") or [ln for ln in loose if not is_education_line(ln)]
    edu_lines = by_kind.get("education") or [ln for ln in loose if degree_level(ln)]
    experience = parse_experience(exp_lines)
    return {
        "contact": {
            "full_name": name,
            "email": find_email("\n".join(contact_lines)) or find_email(text),
            "phone": phone,
            "location": location,
            "links": find_links(contact_lines),
        },
        "headline": headline,
        "summary": _summary(by_kind, sections),
        "skills": parse_skills(by_kind.get("skills", []), text),
        "experience": experience,
        "education": parse_education(edu_lines),
        "certifications": parse_certifications(by_kind.get("certifications", [])),
        "languages": parse_languages(by_kind.get("languages", [])),
        "total_experience_years": total_years(experience, today) if experience else None,
    }


def _lines_by_kind(sections: list[Section]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for sec in sections:
        bucket = out.setdefault(sec.kind, [])
        if bucket:
            bucket.append("")
        bucket.extend(sec.lines)
    return out


def _headline(sections: list[Section], si: int, li: int) -> tuple[str | None, int]:
    """The short job-title line right under the name, if there is one."""
    if si < 0:
        return None, -1
    lines = sections[si].lines
    # "Jane Doe | Data Analyst": the title shares the name's line.
    same_line = re.split(r"\s+[|•·–—]\s+", lines[li].strip())[1:2]
    if same_line and _is_headline(same_line[0]):
        return same_line[0].strip(), -1
    for j in range(li + 1, min(li + 3, len(lines))):
        line = lines[j].strip()
        if not line:
            continue
        first = re.split(r"\s+[|•·]\s+", line)[0].strip()
        if _is_headline(first):
            return first, j if first == line else -1
        return None, -1
    return None, -1


def _is_headline(text: str) -> bool:
    return (
        is_title_like(text)
        and is_header_like(text)
        and len(text.split()) <= 8
        and not EMAIL.search(text)
        and not re.search(r"\d{3}", text)
    )


def _contact_lines(sections: list[Section], si: int, li: int) -> list[str]:
    """Lines that may hold contact details: page top, contact sections, lines under the name."""
    lines: list[str] = []
    for sec in sections:
        if sec.kind in CONTACT_KINDS:
            lines.extend(sec.lines)
    if si >= 0 and sections[si].kind not in CONTACT_KINDS:
        lines.extend(sections[si].lines[li : li + 6])
    return lines


def _summary(by_kind: dict[str, list[str]], sections: list[Section]) -> str | None:
    lines = [ln.strip() for ln in by_kind.get("summary", []) if ln.strip()]
    if not lines:
        # No heading: a paragraph of prose at the top of the page is the summary.
        lines = [
            ln.strip() for ln in sections[0].lines if len(ln.split()) >= 12 and not EMAIL.search(ln)
        ]
    text = " ".join(lines).strip()
    return text or None
