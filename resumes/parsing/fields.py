"""Shared line classifiers: header-like lines, separators, title/company/location pieces."""

from __future__ import annotations

import re
from functools import cache

from resumes.parsing.data_files import load_data
from resumes.parsing.geo import city_country, is_location, split_trailing_location

STRONG_SEP = re.compile(r"\s+[|–—·•]\s+|\s+-\s+|\s*\|\s*|\s*\t\s*|\s{3,}")
AT_SEP = re.compile(r"^(?P<title>.+?)\s+(?:at|@|chez|bei)\s+(?P<rest>\S.*)$")


@cache
def _words() -> dict[str, set[str]]:
    lex = load_data("lexicon")
    return {
        "titles": {w.lower() for w in lex["title_words"]},
        "companies": {w.lower() for w in lex["company_words"]},
        "connectors": {w.lower() for w in lex["connectors"]},
        "employment": {w.lower() for w in lex["employment_types"]},
    }


def strip_bullet(line: str) -> str:
    """Drops a leading list marker."""
    return re.sub(r"^\s*(?:•|\*|-(?=\s))\s*", "", line).strip()


def is_bullet(line: str) -> bool:
    """True for lines that start with a list marker."""
    return bool(re.match(r"^\s*(?:•|\*\s|-\s)", line))


def is_header_like(line: str, max_words: int = 12) -> bool:
    """True for short, mostly capitalised lines without a sentence end: names, titles, places."""
    text = strip_bullet(line)
    if not text or (
        text.endswith(".") and not re.search(r"\b(?:Inc|Ltd|Co|Corp|Jr|Sr|S\.A)\.$", text)
    ):
        return False
    words = list(re.findall(r"[^\W\d_][\w'’.&-]*", text))
    if not words or len(words) > max_words:
        return False
    connectors = _words()["connectors"]
    content = [w for w in words if w.lower() not in connectors]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w.isupper())
    return capitalised / len(content) >= 0.75


def title_score(text: str) -> int:
    """How many job-title words a piece holds."""
    return sum(
        1
        for w in re.findall(r"[\w'-]+\.?", text.lower())
        if w in _words()["titles"] or w.rstrip(".") in _words()["titles"]
    )


def company_score(text: str) -> int:
    """How many company-name markers (Inc, GmbH, Labs, University...) a piece holds."""
    return sum(
        1
        for w in re.findall(r"[\w'-]+\.?", text.lower())
        if w in _words()["companies"] or w.rstrip(".") in _words()["companies"]
    )


def clean_piece(text: str) -> str:
    """Trims separators, stray punctuation and empty brackets around a field."""
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    prev = None
    while prev != text:
        prev = text
        text = text.strip(" ,;:|–—-•·")
        # Brackets go only when unbalanced or wrapping the whole field: "(PMP)" inside stays.
        if text.startswith(("(", "[")) and (text.count("(") + text.count("[")) > (
            text.count(")") + text.count("]")
        ):
            text = text[1:]
        if text.endswith((")", "]")) and (text.count(")") + text.count("]")) > (
            text.count("(") + text.count("[")
        ):
            text = text[:-1]
        if re.fullmatch(r"\([^()]*\)|\[[^\[\]]*\]", text):
            text = text[1:-1]
    return text.strip()


@cache
def _field_labels() -> dict[str, str]:
    labels = load_data("lexicon")["field_labels"]
    return {label: kind for kind, names in labels.items() for label in names}


def field_label(line: str) -> tuple[str, str] | None:
    """Reads "Company: Acme" style lines as (field, value): company, title, loc or dates."""
    m = re.match(r"^\s*([A-Za-z][A-Za-z ]{1,20}?)\s*[:：](?:\s+(.*)|\s*$)", strip_bullet(line))
    if not m:
        return None
    kind = _field_labels().get(m.group(1).strip().lower())
    return (kind, (m.group(2) or "").strip()) if kind else None


def split_pieces(text: str) -> list[tuple[str, str]]:
    """Splits a header line into typed pieces: ("title"|"loc"|"text", value)."""
    field = field_label(text)
    text = clean_piece(strip_bullet(text))
    if not text:
        return []
    if field:
        kind, value = field
        return [] if kind == "dates" or not clean_piece(value) else [(kind, clean_piece(value))]
    out: list[tuple[str, str]] = []
    m = AT_SEP.match(text)
    if m and title_score(m.group("title")):
        out.append(("title", clean_piece(m.group("title"))))
        text = m.group("rest")
    for piece in STRONG_SEP.split(text):
        piece = clean_piece(piece)
        if not piece:
            continue
        if "," in piece:
            head, loc = split_trailing_location(piece, guess=False)
            if loc and head:
                out.extend(_typed(head))
                out.append(("loc", loc))
                continue
        if is_location(piece):
            out.append(("loc", piece))
            continue
        if "," in piece:
            parts = [p.strip() for p in piece.split(",")]
            for i in range(1, len(parts)):
                tail = ", ".join(parts[i:])
                if is_location(tail):
                    out.extend(_comma_pieces(parts[:i]))
                    out.append(("loc", tail))
                    break
            else:
                head, loc = split_trailing_location(piece)
                if loc:
                    out.extend(_typed(head))
                    out.append(("loc", loc))
                else:
                    out.extend(_comma_pieces(parts))
            continue
        out.extend(_typed(piece))
    return [(k, v) for k, v in out if v]


def _ends_in_role(text: str) -> int:
    """1 when a piece ends in a role noun ("Mathematics Teacher"), as English titles do;
    activity words ("Redwood Civil Engineering", "Marketing") name firms and departments too."""
    words = re.findall(r"[\w'-]+", text.lower())
    last = words[-1] if words else ""
    return int(last in _words()["titles"] and not last.endswith(("ing", "ment", "ion")))


def _comma_pieces(parts: list[str]) -> list[tuple[str, str]]:
    """ "Software Engineer, Google" is two fields; "Acme, Inc." is one."""
    merged: list[str] = []
    for p in parts:
        if merged and ((company_score(p) and len(p.split()) == 1) or not p):
            merged[-1] = f"{merged[-1]}, {p}" if p else merged[-1]
        else:
            merged.append(p)
    out: list[tuple[str, str]] = []
    for p in merged:
        out.extend(_typed(p))
    return out


def _typed(piece: str) -> list[tuple[str, str]]:
    piece = clean_piece(piece)
    return [("text", piece)] if piece else []


def assign_title_company(
    pieces: list[tuple[str, str]], *, bracketed_employer: bool = True
) -> tuple[str | None, str | None, str | None]:
    """Chooses (title, company, location) among a job header's pieces; with
    `bracketed_employer`, "Engineer (Acme Ltd)" alone yields the company too."""
    loc = next((v for k, v in pieces if k == "loc"), None)
    title = next((v for k, v in pieces if k == "title"), None)
    labelled_company = next((v for k, v in pieces if k == "company"), None)
    texts = [v for k, v in pieces if k == "text"]
    if labelled_company:
        return title or (texts[0] if texts else None), labelled_company, loc
    if title is None and texts:
        titled = [
            (title_score(t) - company_score(t) + _ends_in_role(t), title_score(t), -i, t)
            for i, t in enumerate(texts)
            if title_score(t)
        ]
        if titled:
            title = max(titled)[3]
        elif len(texts) >= 2:
            # No title words anywhere: the first text that is not a company is the title.
            plain = [t for t in texts if not company_score(t)]
            title = plain[0] if plain else texts[0]
    rest = [t for t in texts if t != title]
    company = None
    if rest:
        company = max(rest, key=lambda t: (company_score(t) - title_score(t), -rest.index(t)))
    if company is None and loc and title and "," in loc:
        # "Deloitte, New York": with a title but no company, an unknown first part of a
        # place is the employer, not a town.
        head, _, tail = loc.partition(",")
        if not city_country(head) and len(head.split()) <= 4:
            company, loc = head.strip(), tail.strip()
    if company is None and title and bracketed_employer:
        # "DevOps Engineer (Acme Ltd)": the employer in brackets after the title.
        m = re.fullmatch(r"(?P<title>.+?)\s*\((?P<org>[^()]+)\)", title)
        org = m.group("org").strip() if m else ""
        if (
            m
            and title_score(m.group("title"))
            and not _ends_in_role(org)
            and org.lower() not in _words()["employment"]
            and not is_location(org)
            and not re.fullmatch(r"[A-Z0-9&.-]{2,6}", org)
        ):
            title, company = m.group("title").strip(), org
    return title, company, loc
