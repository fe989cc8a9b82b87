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


@cache
def _proficiency() -> tuple[dict[str, str], re.Pattern[str]]:
    table = {
        w.lower(): level
        for level, words in load_data("lexicon")["proficiency"].items()
        for w in words
    }
    words = sorted(table, key=len, reverse=True)
    pat = re.compile(
        r"(?:^|[\s(\[:–—-])({})(?=$|[\s)\],;.])".format("|".join(re.escape(w) for w in words)), re.I
    )
    return table, pat


def _taxonomy():
    from resumes.parsing.taxonomy import get_taxonomy

    return get_taxonomy()


def _skill_items(lines: list[str]) -> list[str]:
    """Turns a skills section into raw items, rejoining lists wrapped by a narrow column."""
    rows: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            rows.append("")
            continue
        starts_new = is_bullet(line) or re.match(r"^[^,:]{1,30}:\s", line)
        prev = rows[-1] if rows else ""
        if (
            prev
            and not starts_new
            and not re.search(r"[,;|:]$", prev)
            and "," in prev + line
            and not is_bullet(raw)
            and _wrapped(prev, line)
        ):
            rows[-1] = f"{prev} {line}"
        else:
            rows.append(strip_bullet(line))
    items: list[str] = []
    for row in rows:
        if not row:
            continue
        # "Cloud: AWS, GCP" - the label names a category, not a skill.
        m = re.match(r"^([^,:()]{1,40}):\s*(.+)$", row)
        if m and not _proficiency()[1].fullmatch(" " + m.group(2).strip()):
            row = m.group(2)
        items += [i for i in _split_items(row) if i]
    return items


def _wrapped(prev: str, line: str) -> bool:
    """A continuation line starts mid-item: lower-case, or the previous line stops mid-phrase."""
    return bool(re.match(r"^[a-z(]", line)) or not prev.rstrip().endswith((",", ";", "|"))


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


def parse_skills(section_lines: list[str], full_text: str) -> list[dict]:
    """Skills from the skills section (all of them), else taxonomy hits across the text."""
    tax = _taxonomy()
    out: dict[str, dict] = {}

    def add(name: str, level: str | None = None, years: float | None = None) -> None:
        key = name.casefold()
        if key in out:
            out[key]["proficiency"] = out[key]["proficiency"] or level
            out[key]["years"] = out[key]["years"] or years
        else:
            out[key] = {"name": name, "proficiency": level, "years": years}

    if section_lines:
        for item in _skill_items(section_lines):
            name, level, years = parse_skill_item(item)
            if not name or len(name) > 60:
                continue
            canonical = tax.canonical(name)
            if canonical:
                add(canonical, level, years)
            elif len(name.split()) <= MAX_SKILL_WORDS and not re.search(r"[.!?]$", name):
                add(tax.normalize(name), level, years)
            else:
                for found in tax.find_in_text(name):
                    add(found)
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
