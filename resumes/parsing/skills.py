"""Skills (canonical names via the taxonomy, with proficiency and years) and spoken languages."""

from __future__ import annotations

import re
from functools import cache

from resumes.parsing.data_files import load_data
from resumes.parsing.fields import is_bullet, strip_bullet

ITEM_SEP = re.compile(r"\s*[,;|•·▪●/]\s+|\s*[,;|•]\s*|\s{3,}|\t")
YEARS = re.compile(
    r"(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?\.?|y)\b(?:\s+(?:of\s+)?experience)?", re.I
)
MAX_SKILL_WORDS = 5
MAX_SKILL_YEARS = 60  # anything more is a misreading, not a career


@cache
def _proficiency() -> tuple[dict[str, str], re.Pattern[str]]:
    table = {
        w.lower(): level
        for level, words in load_data("lexicon")["proficiency"].items()
        for w in words
    }
    words = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    # Only a bracketed or separated level counts, so "Machine Learning" keeps its "Learning".
    pat = re.compile(
        rf"(?:[(\[]\s*|\s+[–—-]\s+|:\s*|,\s*|\s+(?=[★☆●○\d]))({words})(?=\s*(?:$|[)\],;]))", re.I
    )
    return table, pat


def _taxonomy():
    from resumes.parsing.taxonomy import get_taxonomy

    return get_taxonomy()


def _skill_items(lines: list[str]) -> list[tuple[str, str | None]]:
    """Turns a skills section into (item, level) pairs, rejoining items a narrow column wrapped."""
    tax = _taxonomy()
    bulleted = any(is_bullet(ln) for ln in lines)
    rows: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            rows.append("")
            continue
        prev = rows[-1] if rows else ""
        label = re.match(r"^[^,:]{1,30}:\s", line)
        if prev and not is_bullet(line) and not label and _continues(prev, line, bulleted, tax):
            rows[-1] = f"{prev} {line}"
        else:
            rows.append(strip_bullet(line))
    table, _ = _proficiency()
    items: list[tuple[str, str | None]] = []
    # "Expert: Go, Rust; Intermediate: C" holds two labelled groups in one row.
    groups = [g for row in rows for g in re.split(r";\s*(?=[^,:;]{1,30}:\s)", row)]
    for group in groups:
        if not group:
            continue
        level = None
        row = group
        # "Cloud: AWS, GCP" names a category; "Expert: Go, Rust" gives every item a level.
        m = re.match(r"^([^,:()]{1,40}):\s*(.+)$", row)
        if m and m.group(2).strip().lower() not in table:
            level = table.get(m.group(1).strip().lower())
            row = m.group(2)
        for item in _split_items(row):
            if not item:
                continue
            # A table row "Python | Expert | 8 years": level and years belong to the skill.
            if items and _is_attribute(item):
                name, old_level = items[-1]
                items[-1] = (f"{name} ({item})", old_level)
            else:
                items.append((item, level))
    return items


def _is_attribute(item: str) -> bool:
    """True for a cell that is only a level or a number of years."""
    table, _ = _proficiency()
    text = item.strip().lower()
    return text in table or bool(YEARS.fullmatch(text))


def _continues(prev: str, line: str, bulleted: bool, tax: object) -> bool:
    """True when `line` carries on the last item of `prev` (a wrap, not a new row)."""
    if re.search(r"[,;|:]$", prev.rstrip()):
        return False
    if bulleted or re.match(r"^[a-z(&]", line):
        return True
    last = _split_items(prev)[-1]
    first = _split_items(line)[0]
    if tax.canonical(f"{last} {first}"):
        return True
    if tax.canonical(last) or tax.canonical(first):
        return False
    return len(prev) >= 20 and ("," in prev or "," in line)


def _split_items(row: str) -> list[str]:
    # Keep commas inside parentheses ("Python (Django, Flask)") with their item.
    parts, depth, buf = [], 0, ""
    for ch in row:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth == 0 and ch in ",;|•·":
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return [p.strip(" .") for p in parts]


def parse_skill_item(item: str) -> tuple[str, str | None, float | None]:
    """Splits "PostgreSQL (Expert, 6 years)" into ("PostgreSQL", "expert", 6)."""
    table, pat = _proficiency()
    years = None
    ym = YEARS.search(item)
    if ym:
        years = float(ym.group(1))
        years = int(years) if years.is_integer() else years
        years = years if years <= MAX_SKILL_YEARS else None
        item = item[: ym.start()] + item[ym.end() :]
    level = None
    pm = pat.search(item)
    if pm and pm.start() > 0:
        level = table[pm.group(1).lower()]
        item = item[: pm.start(1)] + item[pm.end(1) :]
    name = re.sub(r"\(\s*[,;]?\s*\)|\[\s*\]", "", item)
    name = re.sub(r"[\s:–—-]+$", "", name).strip(" ,;:()-–—")
    name = re.sub(r"\s*\(\s*$", "", name)
    return name, level, years


def _has_filler_words(name: str) -> bool:
    """True for phrases like "Proficient in Python" (lower-case words around a skill)."""
    words = name.split()[1:]
    return any(w[:1].islower() and w.lower() not in {"of", "&"} for w in words)


def _looks_like_skill_name(name: str) -> bool:
    """A short noun phrase ("Quantum Basket Weaving", "UX writing"), not a sentence."""
    words = name.split()
    if not words or len(words) > MAX_SKILL_WORDS or re.search(r"[.!?]$", name):
        return False
    lowercase = [w for w in words[1:] if w[:1].islower() and w.lower() not in {"of", "and", "&"}]
    return len(words) <= 2 or len(lowercase) <= 1


def parse_skills(section_lines: list[str], full_text: str) -> list[dict]:
    """Skills from the skills section (all of them), else taxonomy hits across the text."""
    tax = _taxonomy()
    out: dict[str, dict] = {}

    def add(name: str, level: str | None = None, years: float | None = None) -> None:
        if not any(ch.isalnum() for ch in name):
            return  # a stray quote or dash left over from a list is not a skill
        key = name.casefold()
        if key in out:
            out[key]["proficiency"] = out[key]["proficiency"] or level
            out[key]["years"] = out[key]["years"] or years
        else:
            out[key] = {"name": name, "proficiency": level, "years": years}

    if section_lines:
        for item, row_level in _skill_items(section_lines):
            name, level, years = parse_skill_item(item)
            level = level or row_level
            if not name or len(name) > 60:
                continue
            canonical = tax.canonical(name)
            if canonical:
                add(canonical, level, years)
                continue
            # "Proficient in Python and SQL" names skills inside a phrase: keep those only.
            found = tax.find_in_text(name)
            if found and (len(found) >= 2 or _has_filler_words(name)):
                for skill in found:
                    add(skill, level, years)
            elif _looks_like_skill_name(name):
                add(tax.normalize(name), level, years)
    else:
        for found in tax.find_in_text(full_text):
            add(found)
    return list(out.values())


@cache
def _languages() -> tuple[dict[str, str], set[str]]:
    lex = load_data("lexicon")
    return (
        {n.lower(): n for n in lex["natural_languages"]},
        {w.lower() for w in lex["language_levels"]},
    )


def parse_languages(lines: list[str]) -> list[str]:
    """Spoken languages, without their levels ("English (Native)" -> "English")."""
    names, levels = _languages()
    out: list[str] = []
    for raw in lines:
        line = strip_bullet(raw)
        for item in ITEM_SEP.split(line):
            item = re.sub(r"\(.*?\)|\[.*?\]", "", item)
            item = re.split(r"\s*[:–—-]\s*|\s+\d", item)[0].strip(" .")
            words = item.split()
            while words and words[-1].lower() in levels:
                words.pop()
            item = " ".join(words)
            if not item or len(words) > 3:
                continue
            name = names.get(item.lower(), item if item[0].isupper() else None)
            if name and item.lower() not in levels and name not in out:
                out.append(name)
    return out
