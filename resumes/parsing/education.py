"""Education: degree (with level and field), institution and dates for each entry."""

from __future__ import annotations

import re
from functools import cache

from resumes.parsing.data_files import load_data
from resumes.parsing.dates import cut_span, find_date_ranges
from resumes.parsing.fields import STRONG_SEP, clean_piece, is_header_like, strip_bullet
from resumes.parsing.geo import (
    city_country,
    country_code,
    is_location,
    region_country,
    split_trailing_location,
)

LEVEL_ORDER = ["doctorate", "master", "bachelor", "associate", "high_school", "other"]


def _degree_key(text: str, is_name: bool) -> str:
    """Lookup key of a written degree: names ignore case, abbreviations ignore spacing."""
    text = re.sub(r"['’]", "", text)
    return re.sub(r"\s+", " ", text.lower()) if is_name else re.sub(r"\s+", "", text)


@cache
def _degree_index() -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """One regex for every degree form (longest first, so "Master of Science" beats
    "Master"), and the level of each form."""
    forms: list[tuple[str, bool]] = []
    names: dict[str, str] = {}
    abbrs: dict[str, str] = {}
    for level, spec in load_data("degrees")["levels"].items():
        for n in spec["names"]:
            forms.append((n, True))
            names[_degree_key(n, True)] = level
        for a in spec["abbreviations"]:
            forms.append((a, False))
            abbrs[_degree_key(a, False)] = level
    forms.sort(key=lambda f: len(f[0]), reverse=True)
    parts = []
    for text, is_name in forms:
        body = re.escape(text).replace(r"\ ", r"\s+" if is_name else r"\s*")
        body = body.replace("'", "['’]?")
        parts.append(f"(?i:{body})" if is_name else body)
    pattern = re.compile(r"(?<![\w.])(?:{})(?![\w])".format("|".join(parts)))
    return pattern, names, abbrs


@cache
def _institution_re() -> re.Pattern[str]:
    words = load_data("degrees")["institution_keywords"]
    return re.compile(r"\b(?:{})\b".format("|".join(re.escape(w) for w in words)))


@cache
def _detail_re() -> re.Pattern[str]:
    words = sorted(load_data("degrees")["detail_prefixes"], key=len, reverse=True)
    return re.compile(r"^(?:{})\b".format("|".join(re.escape(w) for w in words)), re.IGNORECASE)


def find_degree(text: str) -> tuple[re.Match[str], str] | None:
    """Returns the first (leftmost, longest) degree mention and its level."""
    pattern, names, abbrs = _degree_index()
    for m in pattern.finditer(text):
        if _is_state_code(text, m):
            continue
        found = m.group(0)
        level = abbrs.get(_degree_key(found, False)) or names.get(_degree_key(found, True))
        if level:
            return m, level
    return None


def _is_state_code(text: str, m: re.Match[str]) -> bool:
    """ "Boston, MA" or "Boston, MA 02115": a two-letter code closing an address, not a degree."""
    if not re.fullmatch(r"[A-Z]{2}", m.group(0)):
        return False
    before = text[: m.start()].rstrip()
    return before.endswith(",") and bool(re.match(r"\s*(?:$|[,|;)]|\d)", text[m.end() :]))


def degree_level(text: str) -> str | None:
    """The level (bachelor, master, ...) of a degree name, or None when none is recognised."""
    found = find_degree(text)
    return found[1] if found else None


def _has_institution(text: str) -> bool:
    return bool(_institution_re().search(text))


def is_education_line(text: str) -> bool:
    """True when a line names a degree or a school."""
    return bool(find_degree(text)) or _has_institution(text)


def _split_line(line: str) -> list[str]:
    pieces = []
    for part in STRONG_SEP.split(line):
        pieces += list(re.split(r"\s*[,;]\s+|\s*;\s*", part))
    return [clean_piece(p) for p in pieces if clean_piece(p)]


def _entry() -> dict:
    return {
        "degree": None,
        "level": None,
        "field": None,
        "institution": None,
        "start": None,
        "end": None,
    }


def parse_education(lines: list[str]) -> list[dict]:
    """Returns one dict per school or degree, in the order written."""
    entries: list[dict] = []
    cur = _entry()

    def flush() -> None:
        nonlocal cur
        cur.pop("_guessed", None)
        if cur["institution"] or cur["degree"]:
            entries.append(cur)
        cur = _entry()

    clean = _join_wrapped([strip_bullet(raw) for raw in lines])
    for idx, line in enumerate(clean):
        if not line:
            continue
        if _detail_re().match(line):
            continue
        ranges = find_date_ranges(line)
        text = line
        for r in reversed(ranges):
            text = cut_span(text, r.span)
        text = re.sub(r"\b(?:GPA|CGPA)\b.*$", "", text, flags=re.I)
        head, _loc = split_trailing_location(clean_piece(text))
        pieces = _split_line(head)
        deg = next((p for p in pieces if find_degree(p)), None)
        inst = next((p for p in pieces if p != deg and _has_institution(_strip_degree(p))), None)
        if inst:
            inst = _with_campus(inst, pieces)
        if (deg and cur["degree"]) or (inst and cur["institution"]):
            flush()
        if deg:
            _set_degree(cur, deg, pieces, school_follows=not inst and _school_follows(clean, idx))
        if inst:
            cur["institution"] = inst
        elif not deg and not ranges and is_header_like(text):
            # A school without "University"/"College" in its name ("Stanford"): it belongs to
            # a degree written just before it, or opens the entry of the degree just after it.
            others = [p for p in pieces if not is_location(p)]
            name = others[0] if others and len(others[0].split()) <= 8 else None
            if name and not cur["institution"]:
                cur["institution"] = name
                cur["_guessed"] = True
            elif name and cur["degree"] and _degree_follows(clean, idx):
                flush()
                cur["institution"] = name
                cur["_guessed"] = True
        if ranges:
            r = ranges[0]
            if r.end or r.current:
                cur["start"], cur["end"] = r.start, r.end
            else:
                cur["end"] = r.start
        if deg and not inst and (not cur["institution"] or cur.get("_guessed")):
            rest = [
                p
                for p in pieces
                if p != deg and not is_location(p) and p not in (cur["field"] or "")
            ]
            if rest and len(rest[-1].split()) <= 8 and rest[-1] != cur["field"]:
                cur["institution"] = rest[-1]
    flush()
    return entries


def _join_wrapped(lines: list[str]) -> list[str]:
    """Rejoins names a narrow column wrapped: "Associate of Applied Science in" / "Nursing",
    "McGill" / "University", "Technical University" / "of Munich"."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if prev and line and _is_wrapped(prev, line):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def _is_wrapped(prev: str, line: str) -> bool:
    if find_date_ranges(prev) or _detail_re().match(line):
        return False
    if re.search(r"\b(?:in|of|and|for|de|&)$", prev) or re.match(r"(?:of|de|and|for|in)\b", line):
        return True
    # "B.Tech — McGill" over "University, 2010": a school word opening a line finishes the
    # name the line above ended with.
    tail = re.split(r"\s+[–—|-]\s+", prev)[-1]
    if (
        re.match(r"(?:{})(?:,|\s+of\b|$)".format("|".join(_school_words())), line)
        and tail != prev
        and 0 < len(tail.split()) <= 3
        and tail[:1].isupper()
        and not (_has_institution(prev) or find_degree(tail) or is_location(tail))
    ):
        return True
    # A bare word or two over a line that starts with the school word they belong to.
    return (
        len(prev.split()) <= 2
        and not find_degree(prev)
        and not _has_institution(prev)
        and not is_location(prev)
        and bool(re.match(r"(?:{})\b".format("|".join(_school_words())), line))
    )


@cache
def _school_words() -> tuple[str, ...]:
    return tuple(re.escape(w) for w in load_data("degrees")["institution_keywords"])


def _school_follows(lines: list[str], idx: int) -> bool:
    """True when the next non-empty line names a school."""
    for line in lines[idx + 1 :]:
        if line:
            return _has_institution(line)
    return False


def _degree_follows(lines: list[str], idx: int) -> bool:
    """True when the next non-empty line names a degree."""
    for line in lines[idx + 1 :]:
        if line:
            return bool(find_degree(line))
    return False


def _with_campus(inst: str, pieces: list[str]) -> str:
    """Keeps the campus in "University of California, Berkeley": a lone city after an
    "X of Y" name belongs to it, unless a region follows (then it is an address)."""
    i = pieces.index(inst)
    if " of " not in inst or i + 1 >= len(pieces):
        return inst
    nxt = pieces[i + 1]
    after = pieces[i + 2] if i + 2 < len(pieces) else ""
    # "University of Melbourne, Melbourne" repeats the place (an address, not a campus), and
    # "Institute of Technology Bombay, Mumbai" names a place only after a subject.
    named_for = inst.rsplit(" of ", 1)[1]
    place = is_location(named_for) or region_country(named_for) or country_code(named_for)
    if inst.lower().endswith(nxt.lower()) or not place:
        return inst
    if city_country(nxt) and not (country_code(after) or region_country(after)):
        return f"{inst}, {nxt}"
    return inst


def _strip_degree(text: str) -> str:
    found = find_degree(text)
    return text if not found else text[: found[0].start()] + text[found[0].end() :]


def _set_degree(cur: dict, deg: str, pieces: list[str], *, school_follows: bool = False) -> None:
    m, level = find_degree(deg)
    cur["level"] = level
    after = deg[m.end() :].strip(" .,")
    field = None
    fm = re.search(r"\b(?:in|of|en|in the field of)\s+(.+)$", after, re.I)
    if fm:
        field = fm.group(1)
    elif after and not after.startswith("("):
        field = after
    elif after.startswith("("):
        fm = re.search(r"\)\s*(?:in|of)?\s*(.+)$", after)
        field = fm.group(1) if fm else None
    degree = deg
    idx = pieces.index(deg)
    prev = pieces[idx - 1] if idx else ""
    # "Computer Science, B.S." over the school's line: a bare degree closing the line names
    # its field before it ("Stanford, MBA" with no school after it names the school).
    if (
        school_follows
        and not field
        and prev
        and idx + 1 == len(pieces)
        and m.start() == 0
        and not (_has_institution(prev) or is_location(prev) or find_degree(prev))
    ):
        field = prev
        degree = f"{prev}, {deg}"
    if not field and idx + 1 < len(pieces):
        nxt = pieces[idx + 1]
        # "B.A., Economics, McGill University": the piece after a bare degree is its field.
        if not _has_institution(nxt) and not is_location(nxt) and not find_degree(nxt):
            field = nxt
            degree = f"{deg}, {nxt}"
    cur["degree"] = clean_piece(degree)
    cur["field"] = clean_piece(field) if field else None
