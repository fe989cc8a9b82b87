"""Work history in several layouts, and total years with overlapping jobs counted once."""

from __future__ import annotations

from datetime import date

import pytest

from resumes.parsing import parse_text
from resumes.parsing.experience import total_years

TODAY = date(2026, 11, 1)


def _jobs(body: str) -> list[tuple]:
    data = parse_text("Pat Doe\npat@example.com\nExperience\n" + body, today=TODAY)
    return [
        (j["title"], j["company"], j["start"], j["end"], j["current"]) for j in data["experience"]
    ]


LAYOUTS = {
    "title at company, place and dates below": (
        "Senior Developer at Northwind Traders\nChicago, IL | Mar 2019 – Present\n• Built things\n"
        "Developer at Fabrikam Inc.\nChicago, IL | Jan 2015 – Feb 2019\n• Fixed things\n"
    ),
    "company then title with dates": (
        "Northwind Traders — Chicago, IL\nSenior Developer, March 2019 - Current\n• Built things\n"
        "Fabrikam Inc. — Chicago, IL\nDeveloper, January 2015 - February 2019\n• Fixed things\n"
    ),
    "title, company, dates on separate lines": (
        "Senior Developer\nNorthwind Traders, Chicago, IL\n03/2019 — Present\n• Built things\n"
        "Developer\nFabrikam Inc., Chicago, IL\n01/2015 — 02/2019\n• Fixed things\n"
    ),
    "pipe separated one-liners": (
        "Senior Developer | Northwind Traders | 2019-03 – present\nBuilt things for customers.\n"
        "Developer | Fabrikam Inc. | 2015-01 – 2019-02\nFixed things for customers.\n"
    ),
    "dates first": (
        "Mar 2019 – Present\nSenior Developer, Northwind Traders\n• Built things\n"
        "Jan 2015 – Feb 2019\nDeveloper, Fabrikam Inc.\n• Fixed things\n"
    ),
    "company and place, then title and dates (LaTeX)": (
        "• Northwind Traders Chicago, IL\nSenior Developer Mar 2019 – Present\n◦ Built things\n"
        "• Fabrikam Inc. Chicago, IL\nDeveloper Jan 2015 – Feb 2019\n◦ Fixed things\n"
    ),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_jobs_are_read_in_common_layouts(layout: str) -> None:
    jobs = _jobs(LAYOUTS[layout])
    assert jobs == [
        ("Senior Developer", "Northwind Traders", "2019-03", None, True),
        ("Developer", "Fabrikam Inc.", "2015-01", "2019-02", False),
    ]


def test_job_location_and_description_are_kept() -> None:
    data = parse_text(
        "Pat Doe\nExperience\nSenior Developer at Northwind Traders\nChicago, IL | 2019 – 2021\n"
        "• Built the billing system\n• Led 4 engineers\n",
        today=TODAY,
    )
    job = data["experience"][0]
    assert job["location"] == "Chicago, IL"
    assert job["description"] == "Built the billing system\nLed 4 engineers"


def test_overlapping_jobs_are_counted_once() -> None:
    jobs = [
        {"start": "2015-01", "end": "2020-01", "current": False},
        {"start": "2018-01", "end": "2019-01", "current": False},  # inside the first
        {"start": "2019-06", "end": "2021-01", "current": False},  # overlaps its end
    ]
    assert total_years(jobs, TODAY) == 6.0


def test_current_job_runs_until_today() -> None:
    jobs = [{"start": "2024-11", "end": None, "current": True}]
    assert total_years(jobs, TODAY) == 2.0


def test_sentence_with_a_year_is_not_a_job() -> None:
    jobs = _jobs(
        "Engineer at Contoso\n2018 – 2020\n• In 2019 the team migrated everything to the cloud.\n"
    )
    assert len(jobs) == 1


@pytest.mark.parametrize(
    ("header", "company", "place"),
    [
        ("Wingtip Manufacturing — New York, NY", "Wingtip Manufacturing", "New York, NY"),
        ("Initech San Jose, CA", "Initech", "San Jose, CA"),
        ("Tyrell Logistics, Berlin, Germany", "Tyrell Logistics", "Berlin, Germany"),
    ],
)
def test_company_and_place_are_told_apart(header: str, company: str, place: str) -> None:
    data = parse_text(f"Pat Doe\nExperience\n{header}\nData Analyst, Jan 2020 - Present\n")
    job = data["experience"][0]
    assert (job["company"], job["location"]) == (company, place)


def test_labelled_job_fields() -> None:
    jobs = _jobs(
        "Company: Infosys Ltd\nDesignation: Senior Engineer\nDuration: Jan 2019 to Present\n"
        "Responsibilities: built the billing service\n\n"
        "Company: TCS\nDesignation: Engineer\nDuration: Mar 2015 to Dec 2018\n"
    )
    assert jobs == [
        ("Senior Engineer", "Infosys Ltd", "2019-01", None, True),
        ("Engineer", "TCS", "2015-03", "2018-12", False),
    ]
