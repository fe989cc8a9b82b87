"""Education entries: degree, level, field, institution and dates in several layouts."""

from __future__ import annotations

import pytest

from resumes.parsing import parse_text
from resumes.parsing.education import degree_level


@pytest.mark.parametrize(
    ("degree", "level"),
    [
        ("Bachelor of Science in Computer Science", "bachelor"),
        ("B.S. in Nursing", "bachelor"),
        ("BSc Finance", "bachelor"),
        ("B.A., Economics", "bachelor"),
        ("B.Tech in Electronics", "bachelor"),
        ("Master of Science (M.Sc.) in Marketing", "master"),
        ("MBA", "master"),
        ("M.Eng. Computer Science", "master"),
        ("Ph.D. in Physics", "doctorate"),
        ("Doctor of Philosophy in Education", "doctorate"),
        ("Associate of Applied Science in Accounting", "associate"),
        ("A.A.S. Graphic Design", "associate"),
        ("High School Diploma", "high_school"),
        ("GED", "high_school"),
        ("Abitur", "high_school"),
        ("Postgraduate Diploma in Law", "other"),
    ],
)
def test_degree_levels(degree: str, level: str) -> None:
    assert degree_level(degree) == level


def _edu(body: str) -> list[dict]:
    return parse_text("Pat Doe\npat@example.com\nEducation\n" + body)["education"]


def test_degree_comma_school_comma_year() -> None:
    (e,) = _edu("Bachelor of Arts in Information Systems, Boston University, 2020\n")
    assert (e["degree"], e["level"], e["field"], e["institution"], e["end"]) == (
        "Bachelor of Arts in Information Systems",
        "bachelor",
        "Information Systems",
        "Boston University",
        "2020",
    )


def test_school_then_degree_then_years() -> None:
    entries = _edu(
        "Santa Monica College\nB.S. in Computer Science\n2010 — 2014\n"
        "Riverside High School\nHigh School Diploma\n2006 - 2010\n"
    )
    assert [(e["institution"], e["level"], e["start"], e["end"]) for e in entries] == [
        ("Santa Monica College", "bachelor", "2010", "2014"),
        ("Riverside High School", "high_school", "2006", "2010"),
    ]


def test_abbreviated_degree_with_field_after_comma() -> None:
    (e,) = _edu("B.A., Economics, McGill University, 2015\n")
    assert (e["degree"], e["field"], e["institution"]) == (
        "B.A., Economics",
        "Economics",
        "McGill University",
    )


def test_school_with_campus_keeps_it_but_drops_a_street_address() -> None:
    entries = _edu(
        "M.S. in Statistics, University of California, Berkeley, 2012\n"
        "B.S. in Mathematics, Boston University, Boston, MA, 2010\n"
    )
    assert [e["institution"] for e in entries] == [
        "University of California, Berkeley",
        "Boston University",
    ]


def test_school_and_place_on_one_line_then_degree_and_dates() -> None:
    (e,) = _edu(
        "• Georgia Institute of Technology Atlanta, GA\n"
        "Master of Science in Computer Science; GPA: 4.00 Aug 2012 – Dec 2013\n"
    )
    assert (e["institution"], e["level"], e["start"], e["end"]) == (
        "Georgia Institute of Technology",
        "master",
        "2012-08",
        "2013-12",
    )


def test_state_code_after_a_city_is_not_a_masters_degree() -> None:
    (e,) = _edu("Northeastern University, Boston, MA\nB.S. in Biology, 2011\n")
    assert e["level"] == "bachelor"


@pytest.mark.parametrize(
    "body",
    [
        "Stanford\nMBA\n2015\nHarvard\nBA Economics\n2011\n",
        "MBA\nStanford\n2015\nBA Economics\nHarvard\n2011\n",
        "Stanford, MBA, 2015\nMagna Cum Laude\nHarvard, BA Economics, 2011\n",
    ],
)
def test_schools_without_a_school_word_pair_with_their_degrees(body: str) -> None:
    assert [(e["institution"], e["level"]) for e in _edu(body)] == [
        ("Stanford", "master"),
        ("Harvard", "bachelor"),
    ]
