"""Section headings are recognised in many wordings and styles, and only headings are."""

from __future__ import annotations

import pytest

from resumes.parsing.sections import heading_kind, split_sections


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("EXPERIENCE", "experience"),
        ("Work Experience", "experience"),
        ("Professional Experience:", "experience"),
        ("Employment History", "experience"),
        ("RELEVANT WORK EXPERIENCE", "experience"),
        ("E X P E R I E N C E", "experience"),
        ("Career History", "experience"),
        ("Education", "education"),
        ("Academic Background", "education"),
        ("Education & Training", "education"),
        ("Skills", "skills"),
        ("Technical Skills", "skills"),
        ("Core Competencies", "skills"),
        ("Areas of Expertise", "skills"),
        ("Licenses & Certifications", "certifications"),
        ("Certifications and Licences", "certifications"),
        ("Professional Summary", "summary"),
        ("Profile", "summary"),
        ("Objective", "summary"),
        ("Languages", "languages"),
        ("Projects", "projects"),
        ("Honors & Awards", "awards"),
    ],
)
def test_heading_variants_are_recognised(line: str, kind: str) -> None:
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Special Education",
        "• Skills assessment",
        "Led the education team.",
        "Software Engineer",
        "Boston University, 2015",
    ],
)
def test_ordinary_lines_are_not_headings(line: str) -> None:
    assert heading_kind(line) is None


def test_heading_wrapped_in_a_narrow_column_is_joined() -> None:
    sections = split_sections("Jane\nLicenses &\nCertifications\nPMP, 2020")
    assert [s.kind for s in sections] == ["header", "certifications"]
    assert sections[1].lines == ["PMP, 2020"]


def test_inline_heading_starts_a_section_with_its_content() -> None:
    sections = split_sections("Jane\nSkills: Python, Go\nLanguages: English, French")
    kinds = {s.kind: s.lines for s in sections}
    assert kinds["skills"] == ["Python, Go"]
    assert kinds["languages"] == ["English, French"]


def test_programming_languages_line_stays_inside_skills() -> None:
    sections = split_sections("Skills\nLanguages: Python, Go\nTools: Docker")
    assert [s.kind for s in sections] == ["header", "skills"]


@pytest.mark.parametrize(
    "line",
    ["EXPERIENCE ____", "01. Experience", "\uf0b1 EXPERIENCE", "— Experience —", "(Experience)"],
)
def test_decorated_headings_are_recognised(line: str) -> None:
    assert heading_kind(line) == "experience"
