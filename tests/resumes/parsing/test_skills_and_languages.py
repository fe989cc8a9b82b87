"""Skills come from the skills section with canonical names, levels and years."""

from __future__ import annotations

from resumes.parsing import parse_text


def _skills(section: str) -> list[dict]:
    return parse_text("Pat Doe\npat@example.com\nSkills\n" + section)["skills"]


def _names(section: str) -> list[str]:
    return [s["name"] for s in _skills(section)]


def test_comma_list_uses_canonical_names_and_keeps_unknown_skills() -> None:
    names = _names("JS, Postgres, Kubernetes, Quantum Basket Weaving\n")
    assert names[:3] == ["JavaScript", "PostgreSQL", "Kubernetes"]
    assert "Quantum Basket Weaving" in names


def test_category_labels_are_not_skills() -> None:
    names = _names("Languages: Python, Go\nCloud: AWS, GCP\n")
    assert "Languages" not in names and "Cloud" not in names
    assert "Python" in names and "Go" in names


def test_list_wrapped_by_a_narrow_column_is_rejoined() -> None:
    names = _names("Risk Management, Jira,\nMicrosoft Excel, Stakeholder\nManagement, Scrum\n")
    assert "Stakeholder Management" in names
    assert "Stakeholder" not in names


def test_separate_rows_are_not_glued_together() -> None:
    names = _names("Docker, Kubernetes, Terraform\nPython, Django, Flask\n")
    assert "Terraform" in names and "Python" in names


def test_proficiency_and_years_where_written() -> None:
    skills = {s["name"]: s for s in _skills("PostgreSQL (Expert, 6 years), Python - Advanced\n")}
    assert skills["PostgreSQL"]["proficiency"] == "expert"
    assert skills["PostgreSQL"]["years"] == 6
    assert skills["Python"]["proficiency"] == "advanced"


def test_machine_learning_is_not_mistaken_for_a_level() -> None:
    assert "Machine Learning" in _names("Machine Learning, Statistics\n")


def test_without_skills_section_taxonomy_finds_skills_in_text() -> None:
    data = parse_text("Pat Doe\nExperience\nEngineer at Acme\n2019 - 2020\n• Built APIs in Python")
    assert "Python" in [s["name"] for s in data["skills"]]


def test_languages_lose_their_levels() -> None:
    data = parse_text("Pat Doe\nLanguages\nEnglish (Native), Spanish – Fluent, German B2\n")
    assert data["languages"] == ["English", "Spanish", "German"]


def test_skills_written_as_a_sentence_keep_only_the_skills() -> None:
    names = _names("Proficient in Python, Java and SQL. Experienced with React\n")
    assert names == ["Python", "Java", "SQL", "React"]
