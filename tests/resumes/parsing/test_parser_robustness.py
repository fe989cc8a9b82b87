"""The parser never crashes and always returns the full contract, whatever text it gets."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumes.parsing import extract_text, parse_text
from resumes.parsing.schema import validate_contract
from tests.resumes.helpers import RESUMES

KEYS = {
    "contact",
    "headline",
    "summary",
    "skills",
    "experience",
    "education",
    "certifications",
    "languages",
    "total_experience_years",
}

LINE = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "EXPERIENCE",
            "Education",
            "Skills:",
            "Certifications",
            "• ",
            "2019 - Present",
            "Jan 2020 –",
            "(",
            ", MA",
            "Python (Expert, 75 years)",
            "Engineer at Acme",
            "B.S. in Physics, MIT, 2010",
            "+1 415 555 0100",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=30))
def test_arbitrary_text_returns_the_contract(lines: list[str]) -> None:
    data = parse_text("\n".join(lines))
    assert set(data) == KEYS
    assert validate_contract(data) == []
    for job in data["experience"]:
        assert job["start"] is None or job["start"][:4].isdigit()


def test_shuffled_real_resume_lines_still_parse() -> None:
    text = extract_text((RESUMES / "files" / "r001-0001.docx").read_bytes(), "docx")
    lines = text.split("\n")
    rng = random.Random(7)
    for _ in range(20):
        rng.shuffle(lines)
        assert validate_contract(parse_text("\n".join(lines))) == []
