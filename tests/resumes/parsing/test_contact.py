"""Contact details: name, email, phone in E.164 across countries, location, links."""

from __future__ import annotations

import pytest

from resumes.parsing import parse_text


def _contact(text: str, region: str = "US") -> dict:
    return parse_text(text, default_region=region)["contact"]


@pytest.mark.parametrize(
    ("phone_line", "location", "expected"),
    [
        ("(415) 555-0123", "Austin, TX", "+14155550123"),
        ("+1 416-844-4968", "Toronto, ON, Canada", "+14168444968"),
        ("0151 85758771", "Berlin, Germany", "+4915185758771"),
        ("07800 441657", "London, UK", "+447800441657"),
        ("+49 30 4818824", "Munich, Germany", "+49304818824"),
        ("74341 53710", "Pune, Maharashtra, India", "+917434153710"),
        ("(+82) 10-9030-1843", "Seoul, South Korea", "+821090301843"),
        ("+33 6 12 34 56 78", "Paris, France", "+33612345678"),
    ],
)
def test_phones_from_several_countries_become_e164(phone_line, location, expected) -> None:
    text = f"Jane Roe\njane.roe@example.com | {phone_line}\n{location}\nExperience\n"
    assert _contact(text)["phone"] == expected


def test_national_number_without_location_uses_default_region() -> None:
    text = "Jane Roe\njane@example.com\n030 4818824\n"
    assert _contact(text, region="DE")["phone"] == "+49304818824"


def test_labelled_contact_lines_are_read() -> None:
    text = "Sourabh Bajaj Email: sb@example.com\nexample.com Mobile: +1-123-456-7890\nEducation\n"
    c = _contact(text)
    assert c["full_name"] == "Sourabh Bajaj"
    assert c["email"] == "sb@example.com"
    assert c["phone"] == "+11234567890"
    assert "https://example.com" in c["links"]


def test_upper_case_name_is_title_cased_and_location_found() -> None:
    text = "MARÍA GARCÍA-LÓPEZ\nData Analyst\nmaria@example.es • +34 612 345 678 • Madrid, Spain\n"
    c = _contact(text)
    assert c["full_name"] == "María García-López"
    assert c["location"] == "Madrid, Spain"
    assert c["phone"] == "+34612345678"


def test_name_found_in_main_column_after_sidebar() -> None:
    text = (
        "CONTACT\nli.wei@example.com\n+1 206 555 0100\nSeattle, WA\nSKILLS\nPython, SQL\n\n"
        "Li Wei\nData Engineer\nEXPERIENCE\nData Engineer at Contoso\nJan 2020 - Present\n"
    )
    data = parse_text(text)
    assert data["contact"]["full_name"] == "Li Wei"
    assert data["headline"] == "Data Engineer"
    assert "Li Wei" not in [s["name"] for s in data["skills"]]


def test_links_are_normalised_to_https() -> None:
    text = "Ann Lee\nann@example.com | linkedin.com/in/annlee | github.com/annlee\n"
    assert _contact(text)["links"] == [
        "https://linkedin.com/in/annlee",
        "https://github.com/annlee",
    ]


@pytest.mark.parametrize("name", ["Tom Baker", "Sarah Cook", "Li Porter", "Ada Judge"])
def test_family_names_that_are_also_jobs_are_still_names(name: str) -> None:
    assert _contact(f"{name}\nSoftware Engineer\nme@example.com\n")["full_name"] == name


def test_job_title_line_is_not_taken_for_a_name() -> None:
    assert _contact("Lead Designer\nme@example.com\n")["full_name"] is None


@pytest.mark.parametrize("first_line", ["John Smith Resume", "CV - John Smith", "JOHN SMITH"])
def test_document_title_around_the_name_is_dropped(first_line: str) -> None:
    assert _contact(f"{first_line}\njs@example.com\n")["full_name"] == "John Smith"


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Address: 12 Main St, Springfield, IL 62701", "Springfield, IL 62701"),
        ("San Francisco Bay Area", "San Francisco Bay Area"),
        ("Flat 4, 22 Baker Street, London, UK", "London, UK"),
    ],
)
def test_location_from_addresses_and_metro_areas(line: str, place: str) -> None:
    assert _contact(f"Pat Doe\n{line}\npat@example.com\n")["location"] == place


def test_name_set_over_two_lines() -> None:
    data = parse_text("JANE\nDOE\nData Analyst\njane@doe.com\nExperience\n")
    assert data["contact"]["full_name"] == "Jane Doe"
    assert data["headline"] == "Data Analyst"


def test_headline_on_the_name_line() -> None:
    data = parse_text("Jane Doe | Senior Data Analyst\njane@doe.com\n")
    assert (data["contact"]["full_name"], data["headline"]) == ("Jane Doe", "Senior Data Analyst")
