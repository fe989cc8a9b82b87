"""Contact details: name, email, phone (E.164), location, links, and the headline under the name."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import phonenumbers

from resumes.parsing.data_files import load_data
from resumes.parsing.dates import find_date_ranges
from resumes.parsing.geo import is_location, location_country
from resumes.parsing.sections import Section, heading_kind

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])")
URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;<>()\"']+"
    r"|\b(?:linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|behance\.net|dribbble\.com|"
    r"medium\.com|stackoverflow\.com|twitter\.com|x\.com)/[^\s|,;<>()\"']+",
    re.IGNORECASE,
)
BARE_DOMAIN = re.compile(
    r"(?<![@\w.-])([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|dev|me|co|ai|app|design|"
    r"tech|info|xyz|page|site|blog|codes|us|uk|de|ca|in))(/[^\s|,;]*)?(?![\w@.-]*@)\b",
    re.IGNORECASE,
)
PHONE_CANDIDATE = re.compile(r"(?:\(?\+\s?\d{1,3}\)?[\s.-]?)?(?:\(?\d{1,5}\)?[\s./-]?){2,6}\d{2,}")
LABEL = re.compile(
    r"^(?:e-?mail|mail|phone|tel|telephone|mobile|mob|cell|cellphone|ph|fax|address|location|"
    r"linkedin|github|web|website|portfolio|site|home|work|contact|addr|m|t|p|e|a|w)\s*:\s*",
    re.IGNORECASE,
)
NAME_LABEL = re.compile(r"^(?:full\s+)?name\s*:\s*(.+)$", re.IGNORECASE)
# A contact label mid-line ("Jane Roe Email: jane@...") ends the text before it.
INLINE_LABEL = re.compile(
    r"\s+(?:e-?mail|phone|tel|telephone|mobile|cell|linkedin|github|web|website)\s*:", re.I
)
SEPARATORS = re.compile(r"\s+[|•·◆♦⋄∙]\s+|\s*\|\s*|\s{3,}|\t")


def find_email(text: str) -> str | None:
    """Returns the first email address in the text, lower-cased."""
    m = EMAIL.search(text.replace("mailto:", " "))
    return m.group(0).strip(".").lower() if m else None


def find_links(lines: list[str]) -> list[str]:
    """Returns profile and personal-site URLs, normalised to https://, in order of appearance."""
    links: list[str] = []
    for line in lines:
        clean = EMAIL.sub(" ", line)
        found = [m.group(0) for m in URL.finditer(clean)]
        if not found:
            found = [m.group(0) for m in BARE_DOMAIN.finditer(clean)]
        for url in found:
            url = url.rstrip(".,;)")
            if not url.lower().startswith("http"):
                url = "https://" + url
            if url not in links:
                links.append(url)
    return links


def find_phone(text: str, regions: list[str]) -> str | None:
    """Returns the first phone number as E.164, trying each region for national formats."""
    for line in text.split("\n"):
        if EMAIL.fullmatch(line.strip()):
            continue
        for m in PHONE_CANDIDATE.finditer(line):
            raw = m.group(0).strip()
            digits = re.sub(r"\D", "", raw)
            if not 7 <= len(digits) <= 15 or _looks_like_dates(raw):
                continue
            number = _parse_phone(raw, regions)
            if number:
                return number
    return None


def _looks_like_dates(raw: str) -> bool:
    """True for "2019 - 2021" or "03/2019": the dates cover the digits, as no phone's do."""
    if raw.lstrip("(").startswith("+"):
        return False
    ranges = find_date_ranges(raw)
    rest = raw
    for r in reversed(ranges):
        rest = rest[: r.span[0]] + rest[r.span[1] :]
    # "(818) 322-2007" ends in what reads as a year, but most of its digits are left over.
    return bool(ranges) and len(re.sub(r"\D", "", rest)) < 3


def _parse_phone(raw: str, regions: list[str]) -> str | None:
    cleaned = re.sub(r"\(\s*(\+\d{1,3})\s*\)", r"\1", raw)
    fallback = None
    for region in regions if not cleaned.startswith("+") else [None]:
        try:
            num = phonenumbers.parse(cleaned, region)
        except phonenumbers.NumberParseException:
            continue
        e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_valid_number(num):
            return e164
        if fallback is None and phonenumbers.is_possible_number(num):
            fallback = e164
    return fallback


@cache
def _lexicon_sets() -> dict[str, set[str]]:
    lex = load_data("lexicon")
    return {
        "titles": {w.lower() for w in lex["title_words"]},
        "companies": {w.lower() for w in lex["company_words"]},
        "particles": {w.lower() for w in lex["name_particles"]},
        "document_titles": {_fold(w) for w in lex["document_titles"]},
        "surnames": {w.lower() for w in lex["occupational_surnames"]},
    }


def _has_job_word(text: str) -> bool:
    """Job words that are not also family names: "Data Engineer" yes, "Tom Baker" no."""
    words = re.findall(r"[\w'-]+", text.lower())
    sets = _lexicon_sets()
    return any(w in sets["titles"] and w not in sets["surnames"] for w in words)


def is_title_like(text: str) -> bool:
    """True when the text contains a job-title word (Engineer, Manager, Teacher...)."""
    words = re.findall(r"[\w'-]+", text.lower())
    return any(w in _lexicon_sets()["titles"] for w in words)


HONORIFIC = re.compile(r"^(?:dr|mr|mrs|ms|mx|miss|prof|professor|sir|dame)\.?\s+", re.IGNORECASE)
CREDENTIAL = re.compile(r",\s*(?:[A-Z][A-Za-z.]{0,7})$")


def strip_titles(text: str) -> str:
    """Removes "Dr." before and ", MBA, PMP" after a name."""
    text = HONORIFIC.sub("", text.strip())
    while True:
        m = CREDENTIAL.search(text)
        # Post-nominals are abbreviations: several capitals (MBA, Ph.D.) or "Jr."/"Sr.".
        if not m or not (
            sum(c.isupper() for c in m.group(0)) >= 2 or m.group(0).endswith(("Jr.", "Sr."))
        ):
            return text
        text = text[: m.start()].rstrip()


def name_score(line: str) -> float:
    """How much a line looks like a person's name (0 = not at all)."""
    text = re.sub(r"\s+", " ", strip_titles(line.strip().strip(",|")))
    if not text or len(text) > 50 or re.search(r"[\d@/:|•(),;]", text):
        return 0.0
    if heading_kind(text) or is_location(text) or _has_job_word(text):
        return 0.0
    if _fold(text) in _lexicon_sets()["document_titles"]:
        return 0.0
    words = text.split()
    if not 2 <= len(words) <= 5:
        return 0.0
    particles = _lexicon_sets()["particles"]
    ok = 0
    for w in words:
        core = w.strip(".,")
        if core.lower() in particles:
            continue
        if not re.fullmatch(r"[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?", core):
            return 0.0
        if not core[0].isupper():
            return 0.0
        if core.lower() in _lexicon_sets()["companies"]:
            return 0.0
        ok += 1
    if ok < 2:
        return 0.0
    score = 1.0
    if text.isupper():
        score -= 0.1
    return score


def tidy_name(text: str) -> str:
    """Normalises spacing, drops titles around the name, and Title-Cases ALL-CAPS names."""
    text = re.sub(r"\s+", " ", strip_titles(text.strip().strip(",|")))
    if text.isupper():
        text = " ".join(w.capitalize() if len(w) > 2 or "." not in w else w for w in text.split())
        text = re.sub(r"(?<=[-'’])([a-z])", lambda m: m.group(1).upper(), text)
    return text


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if c.isalnum() or c == " "
    )


def _matches_email(candidate: str, email: str | None) -> bool:
    """True when a name's words show up in the email's local part (jane.roe@, jroe@, roej@)."""
    if not email:
        return False
    local = _fold(email.split("@")[0])
    words = [w for w in _fold(candidate).split() if len(w) >= 3]
    return sum(1 for w in words if w in local) >= 1


def _next_text(lines: list[str], li: int) -> str:
    for line in lines[li + 1 : li + 3]:
        if line.strip():
            return line.strip()
    return ""


def _without_document_title(text: str) -> str:
    """ "Jane Roe Resume" or "CV - Jane Roe": the document title is not part of the name."""
    titles = _lexicon_sets()["document_titles"]
    words = text.split()
    while words and _fold(words[-1].strip("-–—:|")) in titles | {""}:
        words.pop()
    while words and _fold(words[0].strip("-–—:|")) in titles | {""}:
        words.pop(0)
    return " ".join(words)


def find_name(sections: list[Section], email: str | None = None) -> tuple[str | None, int, int]:
    """Finds the name: a name-like line at the top, at a block start, over a job title,
    or matching the email address. Returns (name, section index, line index)."""
    best: tuple[float, int, int, str] | None = None
    order = 0
    for si, sec in enumerate(sections):
        for li, raw in enumerate(sec.lines):
            line = raw.strip()
            if not line:
                continue
            starts_block = li == 0 or not sec.lines[li - 1].strip()
            in_header = sec.kind in ("header", "contact")
            order += 1
            labelled = NAME_LABEL.match(line)
            candidate = labelled.group(1) if labelled else line
            candidate = SEPARATORS.split(INLINE_LABEL.split(candidate)[0])[0].strip()
            candidate = _without_document_title(candidate)
            score = name_score(candidate)
            if not score and in_header and li + 1 < len(sec.lines):
                # A big two-line name: "JANE" over "DOE".
                joined = f"{candidate} {sec.lines[li + 1].strip()}"
                if (
                    len(candidate.split()) == 1
                    and len(joined.split()) <= 4
                    and candidate == line  # not the rest of "Curriculum Vitae"
                    and name_score(joined)
                ):
                    candidate, score, li = joined, name_score(joined), li + 1
            elif score and in_header and li + 1 < len(sec.lines):
                # "MARÍA JOSÉ" over "GARCÍA": a lone family name in the same type below.
                below = sec.lines[li + 1].strip()
                joined = f"{candidate} {below}"
                if (
                    re.fullmatch(r"[^\W\d_][\w'’-]*", below)
                    and below.isupper() == candidate.isupper()
                    and len(candidate.split()) <= 3
                    and not is_title_like(below)
                    and name_score(joined)
                ):
                    candidate, score, li = joined, name_score(joined), li + 1
            if not score:
                continue
            nxt = _next_text(sec.lines, li)
            over_title = bool(nxt) and is_title_like(nxt) and len(nxt.split()) <= 6
            by_email = _matches_email(candidate, email)
            if not (starts_block or in_header or over_title or by_email):
                continue
            # Earlier and header lines win; evidence from the email or a title below adds up.
            score += (
                (1.0 if labelled else 0.0)
                + (0.5 if in_header else 0.0)
                + (0.3 if starts_block else 0.0)
                + (0.3 if over_title else 0.0)
                + (0.6 if by_email else 0.0)
                - order * 0.01
            )
            if best is None or score > best[0]:
                best = (score, si, li, candidate)
    if best is None:
        return None, -1, -1
    return tidy_name(best[3]), best[1], best[2]


def find_location(lines: list[str]) -> str | None:
    """Returns the first piece of a contact line that reads as a place."""
    for line in lines:
        line = LABEL.sub("", line.strip())
        for piece in SEPARATORS.split(line):
            piece = LABEL.sub("", piece.strip()).strip(" ,;|•·◆♦⋄∙")
            if not piece or EMAIL.search(piece):
                continue
            if is_location(piece):
                return piece
            # A street address: the place is its tail ("12 Main St, Springfield, IL 62701").
            parts = [p.strip() for p in piece.split(",")]
            if len(parts) >= 3 and re.search(r"\d", parts[0]):
                for n in (3, 2):
                    tail = ", ".join(parts[-n:])
                    if len(parts) > n and is_location(tail):
                        return tail
    return None


def phone_regions(location: str | None, default_region: str) -> list[str]:
    """Regions to read national phone formats in: the resume's own country first."""
    regions = []
    country = location_country(location) if location else None
    if country:
        regions.append(country)
    if default_region not in regions:
        regions.append(default_region)
    return regions
