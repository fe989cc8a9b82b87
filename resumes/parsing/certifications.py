"""Certifications and licences: name, issuer and date for each item."""

from __future__ import annotations

import re
from functools import cache

from resumes.parsing.data_files import load_data
from resumes.parsing.dates import find_dates
from resumes.parsing.fields import clean_piece, company_score, is_bullet, strip_bullet

ISSUER_SEP = re.compile(r"\s+[–—|·]\s+|\s+-\s+|\s*\|\s*")
EXPIRY_BEFORE = re.compile(
    r"\b(?:exp\.?|expires?|expiry|expiration|valid\s+(?:until|through|thru)|renew(?:s|ed|al)?)"
    r"\s*:?\s*(?:on\s+)?$",
    re.I,
)
ISSUED_BY = re.compile(r"\b(?:issued by|by|from|issuer:?)\s+(.+)$", re.I)


def _items(lines: list[str]) -> list[str]:
    """Groups a section's lines into items; wrapped lines rejoin the item they continue."""
    bulleted = any(is_bullet(ln) for ln in lines)
    items: list[str] = []
    joinable = False
    for raw in lines:
        line = raw.strip()
        if not line:
            joinable = False
            continue
        text = strip_bullet(line)
        continues = (
            items
            and joinable
            and (
                (bulleted and not is_bullet(line) and not _complete(items[-1], text))
                or re.search(r"[–—,(&:-]$|\b(?:of|and|for|in)$", items[-1])
                or re.match(r"^[a-z(]|^[–—-]\s|^[\d\s-]+$", text)
                or _detail_line(text)
            )
        )
        if continues:
            items[-1] = f"{items[-1]} {text}"
        else:
            items.append(text)
        joinable = True
    # "PMP • CSM • ITIL Foundation" or "PMP; CSM": several certifications on one line.
    parts = [part for item in items for part in re.split(r"\s+•\s+|;\s+", item) if part.strip()]
    # A wrapped "- Issuer (2024)" can pass for a bullet of its own: it completes the item
    # before it when that one has no date yet.
    merged: list[str] = []
    for part in parts:
        dates = find_dates(part)
        rest = part
        for _, (s, e) in reversed(dates):
            rest = rest[:s] + rest[e:]
        if (
            merged
            and not find_dates(merged[-1])
            and ((dates and len(clean_piece(rest).split()) <= 3) or _issuer_line(rest, merged[-1]))
        ):
            merged[-1] = f"{merged[-1]} – {part}"
        else:
            merged.append(part)
    return merged


def _detail_line(text: str) -> bool:
    """A wrapped tail of the item above: "Credential ID 123", "Issued May 2021", or a lone
    "Certificate" / "Associate" that ends its name."""
    if re.match(
        r"^(?:credential|licen[cs]e\s+(?:no|number|#)|issued|expires|expiry|valid)\b", text, re.I
    ):
        return True
    words = _words(text)
    known = _cert_words()["certification_words"] | _cert_words()["certification_levels"]
    return 0 < len(words) <= 2 and all(w in known for w in words)


def _issuer_line(line: str, item: str) -> bool:
    """ "Scrum Alliance" under "Certified ScrumMaster (CSM)": an organisation alone on its
    line, after an item that names no issuer yet, is that item's issuer."""
    text = clean_piece(line)
    return (
        0 < len(text.split()) <= 6
        and not ISSUER_SEP.search(item)
        and "," not in item
        and _issuer_score(text, item) > 0
    )


def _complete(item: str, nxt: str) -> bool:
    """An item ending in a date or bracket is finished; a line opening with a date is new."""
    ends = bool(re.search(r"\)$", item)) or bool(find_dates(item[-12:]))
    opens_with_date = bool(re.match(r"^\W*(?:\d|[A-Z][a-z]{2,8}\.?\s+\d{4})", nxt))
    return ends or (opens_with_date and bool(find_dates(nxt[:15])))


def parse_cert_item(item: str) -> dict:
    """Reads "AWS Certified Developer – Amazon Web Services (May 2021)" into its parts."""
    text = item
    date = None
    dates = find_dates(text)
    if dates:
        # The first date is when it was earned; a later one is usually the expiry, and one
        # written after "expires" or "valid through" is never the date it was earned.
        earned = [d for d, (s, _) in dates if not EXPIRY_BEFORE.search(text[:s])]
        date = earned[0] if earned else None
        for _, (s, e) in reversed(dates):
            text = text[:s] + text[e:]
    # Credential numbers identify the paper, not the certification.
    text = re.sub(
        r"\b(?:credential\s+id|licen[cs]e\s+(?:no\.?|number|#)|id)\s*[:#]?\s*[\w-]*\d[\w-]*"
        r"|\blicen[cs]e\s+#\s*[\w-]*\d[\w-]*",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(
        r"\b(?:issued|obtained|earned|awarded|expires?|expiry|expiration|valid\s+(?:until|through|thru)"
        r"|exp\.(?=\s|$)|exp\b)\s*:?",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"\(\s*[,;]?\s*\)", "", text)
    text = re.sub(r"(?:\s*,)+\s*,", ",", text)  # ", ," left where a number or date was
    text = clean_piece(re.sub(r"\s+", " ", text))
    issuer = None
    m = ISSUED_BY.search(text)
    if m:
        issuer, text = m.group(1), text[: m.start()]
    else:
        paren = re.search(r"\(([^()]+)\)\s*[,.]?\s*$", text)
        if paren and not _is_acronym_of(paren.group(1), text[: paren.start()]):
            issuer, text = paren.group(1), text[: paren.start()]
        else:
            parts = _name_parts(text)
            if len(parts) >= 2:
                # The issuer stands at one end; "Scrum Alliance – Certified ScrumMaster" puts
                # it first, which only the words of the two ends can tell.
                first = _issuer_score(parts[0], parts[-1])
                last = _issuer_score(parts[-1], parts[0])
                # With nothing to tell them apart, the issuer is the shorter end ("ASQ").
                shorter = len(parts[0].split()) < len(parts[-1].split())
                if first > last or (first == last and shorter):
                    issuer, text = parts[0], " – ".join(parts[1:])
                else:
                    issuer, text = parts[-1], " – ".join(parts[:-1])
            elif text.count(",") >= 1:
                head, _, tail = text.rpartition(",")
                if 0 < len(tail.split()) <= 5 and tail.strip()[:1].isupper():
                    if _issuer_score(head, tail) > _issuer_score(tail, head):
                        issuer, text = head, tail
                    else:
                        issuer, text = tail, head
    name = clean_piece(text)
    return {
        "name": name or clean_piece(item),
        "issuer": clean_piece(issuer) if issuer else None,
        "date": date,
    }


@cache
def _cert_words() -> dict[str, set[str]]:
    lex = load_data("lexicon")
    return {
        key: {w.lower() for w in lex[key]}
        for key in ("certification_words", "certification_levels", "issuer_words")
    }


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'+-]+", text.lower())


def _name_parts(text: str) -> list[str]:
    """Splits at issuer separators, keeping a level ("– Associate") with the name before it
    and reading "Name – Level, Issuer" as name and issuer."""
    parts = [p for p in ISSUER_SEP.split(text) if p.strip()]
    if len(parts) >= 2 and "," in parts[-1]:
        head, _, tail = parts[-1].rpartition(",")
        if head.strip() and 0 < len(tail.split()) <= 5 and tail.strip()[:1].isupper():
            parts = [*parts[:-1], head, tail]
    levels = _cert_words()["certification_levels"]
    out: list[str] = []
    for part in parts:
        words = _words(part)
        if out and words and all(w in levels for w in words):
            out[-1] = f"{out[-1]} – {part.strip()}"
        else:
            out.append(part)
    return out


def _issuer_score(part: str, other: str) -> int:
    """How much a piece reads as the issuer rather than the certification's name."""
    words = _words(part)
    cert = sum(1 for w in words if w in _cert_words()["certification_words"])
    # "PRINCE2 Foundation", "Azure Fundamentals": a name ends in its level, an issuer does not.
    cert += bool(words) and words[-1] in _cert_words()["certification_levels"]
    org = sum(1 for w in words if w in _cert_words()["issuer_words"]) + company_score(part)
    acronym = bool(re.search(r"\([A-Z][A-Za-z0-9+&-]{1,9}\)", part))
    # "CompTIA" beside "CompTIA Security+": the brand alone is who issued it.
    brand = _words(other)[: len(words)] == words and len(_words(other)) > len(words)
    return 2 * org + 2 * brand - 3 * cert - 3 * acronym


def _is_acronym_of(short: str, before: str) -> bool:
    """ "(PMP)" after "Project Management Professional" abbreviates it; it is not an issuer."""
    short = short.strip()
    if not re.fullmatch(r"[A-Z0-9&.\- ]{2,10}", short):
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", before) if w[0].isupper())
    letters = re.sub(r"[^A-Z]", "", short)
    if letters and letters in initials:
        return True
    # "Six Sigma Green Belt (ASQ)", "(CSCP) (ASCM)", "SHRM-CP (SHRM)": a body that is not
    # built from the name's capitals, that follows the name's own acronym or repeats a
    # word of the name is who issued it.
    words = {w.upper() for w in re.findall(r"[\w+]+", before)}
    if re.search(r"\([^()]+\)\s*$", before) or short.upper() in words:
        return False
    if re.search(r"\d", short):
        return True  # an exam code: "(SAA-C03)"
    capitals = iter(re.sub(r"[^A-Z]", "", before))
    return bool(letters) and all(ch in capitals for ch in letters)


def parse_certifications(lines: list[str]) -> list[dict]:
    """Returns one dict per certification in the section."""
    out = []
    for item in _items(lines):
        if len(item) < 3 or len(item.split()) > 30:
            continue
        cert = parse_cert_item(item)
        if cert["name"]:
            out.append(cert)
    return out
