"""Splits resume text into sections by recognising heading lines in many styles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from resumes.parsing.data_files import load_data

MAX_HEADING_WORDS = 6
# A line drawn with one repeated character ("=====", "-----", "_____") underlines a heading
# or separates blocks; it is never content.
RULE_LINE = re.compile(r"^\s*([=\-_~*#─━═·.])\1{2,}\s*$")


@dataclass
class Section:
    """A run of lines under one heading; `kind` is "header" for the lines before any heading."""

    kind: str
    title: str
    lines: list[str] = field(default_factory=list)


@cache
def _qualifiers() -> set[str]:
    return set(load_data("headings")["qualifiers"])


@cache
def _heading_index() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    variants: dict[str, str] = {}
    keywords: list[tuple[re.Pattern[str], str]] = []
    for kind, spec in load_data("headings")["sections"].items():
        for v in spec["variants"]:
            variants[_key(v)] = kind
        for k in spec["keywords"]:
            keywords.append((re.compile(rf"\b{re.escape(_key(k))}\b"), kind))
    return variants, keywords


def _key(text: str) -> str:
    """Heading text reduced to lowercase words ("Skills & Tools:" -> "skills and tools")."""
    t = text.lower().replace("&", " and ").replace("+", " and ")
    t = re.sub(r"[^\w\s']", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def _unspace(text: str) -> str:
    """Joins letter-spaced headings ("E X P E R I E N C E") back into words."""
    if re.fullmatch(r"(?:\S ){3,}\S(?:\s{2,}(?:\S ){2,}\S)*", text.strip()):
        return " ".join(w.replace(" ", "") for w in re.split(r"\s{2,}", text.strip()))
    return text


def heading_kind(line: str) -> str | None:
    """Returns the section kind a line announces on its own, or None if it is not a heading."""
    bulleted = line.lstrip().startswith(("•", "*", "- "))
    # Decoration around headings: numbering ("01."), icon glyphs, rules ("____", "———").
    text = re.sub(r"^\s*(?:\d{1,2}[.)]\s+|(?:[^\w\s(]|_)+\s*)", "", line.strip())
    text = re.sub(r"(?:\s*(?:[^\w\s)&]|_)+)+$", "", text)
    text = _unspace(text.strip())
    if not text or len(text) > 60 or text.count(" ") >= MAX_HEADING_WORDS:
        return None
    if re.search(r"\d|@|https?:|\.\s|,", text) or line.rstrip().endswith("."):
        return None
    variants, keywords = _heading_index()
    key = _key(text)
    if key in variants:
        return variants[key]
    # "Work Experiences": the plural of a listed heading.
    if key.endswith("s") and key[:-1] in variants:
        return variants[key[:-1]]
    # "Publications & Presentations": a compound whose parts are all headings takes the
    # kind of its first part, or "skills", whose parser also reads the other lists.
    parts = [p.strip() for p in key.split(" and ")]
    if len(parts) == 2 and all(p in variants for p in parts):
        kinds = [variants[p] for p in parts]
        return "skills" if "skills" in kinds else kinds[0]
    # Unlisted headings ("Relevant Work Experience") count when styled as a heading and made
    # of a section keyword plus qualifier words only, so a skill like "Special Education" is not.
    words = text.split()
    styled = text.isupper() or all(
        w[:1].isupper() or w.lower() in {"and", "of", "&"} for w in words
    )
    if bulleted or not styled or len(words) > 4:
        return None
    for kw, kind in keywords:
        if kw.search(key):
            others = kw.sub(" ", key).split()
            if all(w in _qualifiers() for w in others):
                return kind
    return None


def inline_heading(line: str) -> tuple[str, str] | None:
    """Recognises "Skills: Python, Go" style lines; returns (kind, rest) or None."""
    m = re.match(r"^\s*(?:•\s*)?([^:|]{2,40}?)\s*[:|]\s*(\S.*)$", line)
    if not m:
        return None
    kind = heading_kind(m.group(1))
    return (kind, m.group(2).strip()) if kind else None


def split_sections(text: str) -> list[Section]:
    """Cuts the text into sections in reading order; repeated kinds stay separate sections."""
    lines = text.split("\n")
    sections = [Section("header", "")]
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if RULE_LINE.match(line):
            line = ""
        kind = heading_kind(line) if line else None
        if line and i + 1 < len(lines) and re.search(r"(?:&|\band)$", line):
            # A heading wrapped in a narrow column: "Licenses &" / "Certifications".
            joined = f"{line} {lines[i + 1].strip()}"
            kind = heading_kind(joined)
            if kind:
                sections.append(Section(kind, joined))
                i += 2
                continue
        if kind:
            sections.append(Section(kind, line))
        else:
            inline = inline_heading(line) if line else None
            if inline and not _is_list_inside_skills(sections[-1].kind, inline):
                sections.append(Section(inline[0], line, [inline[1]]))
            else:
                sections[-1].lines.append(line)
        i += 1
    return sections


def _is_list_inside_skills(current: str, inline: tuple[str, str]) -> bool:
    """Inside a skills section, "Languages: Python, Go" is a skill category, not a new section."""
    kind, rest = inline
    if current != "skills":
        return False
    if kind == "languages":
        natural = {n.lower() for n in load_data("lexicon")["natural_languages"]}
        items = [re.sub(r"\(.*?\)", "", i).strip().lower() for i in re.split(r"[,;|•]", rest)]
        return not all(i in natural for i in items if i)
    return kind in ("skills", "languages")
