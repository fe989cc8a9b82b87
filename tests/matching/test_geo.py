"""Offline place resolution (matching.geo): pure, no database."""

from __future__ import annotations

import pytest

from matching.geo import Place, distance_km, haversine_km, resolve


@pytest.mark.parametrize(
    ("text", "city", "region", "country"),
    [
        ("Austin, TX, US", "Austin", "TX", "US"),
        ("Austin, Texas", "Austin", "TX", "US"),
        ("Austin TX", "Austin", "TX", "US"),
        ("Seattle, WA 98101", "Seattle", "WA", "US"),
        ("Berlin, Germany", "Berlin", "16", "DE"),
        ("Toronto, Ontario, Canada", "Toronto", "08", "CA"),
        ("Toronto, ON", "Toronto", "08", "CA"),
        ("London, UK", "London", "ENG", "GB"),
        ("Greater Seattle Area", "Seattle", "WA", "US"),
        ("Bangalore, Karnataka, India", "Bengaluru", "19", "IN"),
        ("São Paulo, Brazil", "São Paulo", "27", "BR"),
        ("Montreal, QC", "Montréal", "10", "CA"),
    ],
)
def test_free_text_locations_resolve_to_city_region_and_country(text, city, region, country):
    place = resolve(text)
    assert place is not None
    assert (place.city, place.region, place.country) == (city, region, country)


def test_ambiguous_city_name_picks_the_most_populous():
    assert resolve("Portland").region == "OR"
    assert resolve("London").country == "GB"


def test_ambiguous_city_name_follows_the_given_region_or_country():
    assert resolve("Portland, ME").region == "ME"
    assert resolve("London, ON").country == "CA"
    assert resolve("Vancouver, WA").country == "US"
    assert resolve("Paris, TX").country == "US"


def test_two_letter_code_after_a_city_reads_as_a_us_state_before_a_country():
    place = resolve("San Diego, CA")
    assert (place.region, place.country) == ("CA", "US")


def test_name_shared_by_a_country_and_a_state_follows_the_city():
    assert resolve("Atlanta, Georgia").country == "US"
    assert resolve("Tbilisi, Georgia").country == "GE"


def test_region_or_country_alone_resolves_without_a_city():
    texas = resolve("Texas")
    assert (texas.city, texas.region, texas.country) == (None, "TX", "US")
    germany = resolve("Germany")
    assert (germany.city, germany.country) == (None, "DE")
    assert resolve("USA").country == "US"


def test_unknown_city_with_a_known_country_keeps_the_country():
    place = resolve("Smallvillezzz, Canada")
    assert (place.city, place.country) == (None, "CA")


@pytest.mark.parametrize("text", ["", "   ", None, "Remote", "xyzzy plugh"])
def test_remote_empty_or_unknown_text_resolves_to_nothing(text):
    assert resolve(text) is None


def test_remote_with_a_country_keeps_the_country():
    assert resolve("Remote, US").country == "US"


def test_distance_between_cities_matches_the_great_circle():
    # Austin-Seattle is about 2,850 km; Austin-Round Rock about 27 km.
    assert 2750 < distance_km(resolve("Austin, TX"), resolve("Seattle, WA")) < 2950
    assert 20 < distance_km(resolve("Austin, TX"), resolve("Round Rock, TX")) < 35
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.1)


def test_distance_is_unknown_without_coordinates():
    assert distance_km(resolve("Texas"), resolve("Austin, TX")) is None


def test_labels_read_like_a_recruiter_writes_them():
    assert resolve("austin, texas, united states").label == "Austin, TX"
    assert resolve("Toronto, Ontario").label == "Toronto, ON"
    assert resolve("Berlin").label == "Berlin, Germany"
    assert resolve("Texas").label == "Texas"
    assert isinstance(resolve("Berlin"), Place)


def test_abbreviated_and_metro_names_resolve_to_a_city():
    assert resolve("Ft. Worth, TX").city == "Fort Worth"
    assert resolve("Dallas-Fort Worth").city == "Dallas"
    assert resolve("Winston-Salem, NC").city == "Winston-Salem"
    assert resolve("Washington D.C.").region == "DC"
