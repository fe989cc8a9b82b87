"""Skills of a job read from its description and canonicalised (matching.jobs): no database."""

from __future__ import annotations

from matching.jobs import clean_skills, skills_from_description, suggest_skills


def test_description_skills_are_canonical_names():
    found = suggest_skills("Python developer: Django, Postgres and k8s on AWS.")

    assert found[:3] == ["Python", "Django", "PostgreSQL"]
    assert "Kubernetes" in found


def test_nice_to_have_sentence_skills_are_preferred():
    required, preferred = skills_from_description(
        "You will build APIs with Python and Django. Kubernetes experience is a plus."
    )

    assert required == ["Python", "Django"]
    assert preferred == ["Kubernetes"]


def test_nice_to_have_section_makes_its_lines_preferred_until_the_next_heading():
    required, preferred = skills_from_description(
        "Nice to have:\n- React\n- Terraform\nRequirements:\n- Java\n- Spring Boot"
    )

    assert preferred == ["React", "Terraform"]
    assert required == ["Java", "Spring Boot"]


def test_a_skill_named_as_required_and_preferred_stays_required():
    required, preferred = skills_from_description(
        "Must know Python. Python 3.12 and Docker would be a plus."
    )

    assert required == ["Python"]
    assert preferred == ["Docker"]


def test_clean_skills_merges_aliases_and_drops_blanks_and_repeats():
    assert clean_skills(["postgres", "PostgreSQL", " ", "JS", "javascript", 7, "Cobol-ish"]) == [
        "PostgreSQL",
        "JavaScript",
        "Cobol-ish",
    ]


def test_clean_skills_leaves_out_skills_already_listed_elsewhere():
    assert clean_skills(["Docker", "k8s"], exclude=["Kubernetes"]) == ["Docker"]


def test_empty_description_has_no_skills():
    assert skills_from_description("") == ([], [])
    assert suggest_skills("") == []
