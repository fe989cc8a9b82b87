"""End to end: the labeled fixture resumes parse to the quality bar, per format."""

from __future__ import annotations

import importlib.util
import json

import pytest

from resumes.parsing import (
    PARSER_NAME,
    PARSER_VERSION,
    assess_quality,
    parse_document,
    parse_text,
    sniff_type,
)
from resumes.parsing.schema import validate_contract
from tests.resumes.helpers import FIXTURES, RESUMES

BAR = {
    "full_name": 0.95,
    "email": 0.99,
    "phone": 0.95,
    "skills": 0.85,
    "experience": 0.80,
    "education": 0.85,
    "certifications": 0.75,
}


def _scorer():
    spec = importlib.util.spec_from_file_location("score_resumes", FIXTURES / "score_resumes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report() -> dict:
    scorer = _scorer()
    manifest = {m["id"]: m["format"] for m in json.loads((RESUMES / "manifest.json").read_text())}
    tallies: dict[str, object] = {}
    for path in sorted((RESUMES / "files").iterdir()):
        with path.open("rb") as fh:
            kind = sniff_type(fh)
            data = fh.read()
        _text, parsed = parse_document(data, kind)
        label = json.loads((RESUMES / "labels" / f"{path.stem}.json").read_text())
        for key in ("overall", manifest[path.stem]):
            scorer.score_one(tallies.setdefault(key, scorer.Tally()), label, parsed)
    return {key: scorer.summarize(t) for key, t in tallies.items()}


@pytest.mark.parametrize("group", ["overall", "pdf", "docx", "doc"])
def test_fixture_resumes_meet_the_quality_bar(report: dict, group: str) -> None:
    for field, minimum in BAR.items():
        value = report[group][field]
        value = value["f1"] if isinstance(value, dict) else value
        assert value >= minimum, (group, field, value)


def test_parse_document_returns_text_and_the_full_contract() -> None:
    data = (RESUMES / "files" / "r001-0021.pdf").read_bytes()
    text, parsed = parse_document(data, "pdf")
    assert "Mateo" in text
    assert set(parsed) == {
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
    assert set(parsed["contact"]) == {"full_name", "email", "phone", "location", "links"}
    assert json.loads(json.dumps(parsed)) == parsed
    assert PARSER_NAME == "rules" and PARSER_VERSION


def test_good_parse_has_no_quality_warnings() -> None:
    data = (RESUMES / "files" / "r001-0021.pdf").read_bytes()
    text, parsed = parse_document(data, "pdf")
    assert assess_quality(text, parsed) == []


def test_weak_parse_explains_what_is_missing() -> None:
    text = "hello world"
    reasons = assess_quality(text, parse_text(text))
    assert reasons == [
        "no name found",
        "no email or phone found",
        "no sections recognised",
        "very little text",
    ]


def test_every_fixture_parse_satisfies_the_contract_schema() -> None:
    for path in sorted((RESUMES / "files").iterdir()):
        with path.open("rb") as fh:
            kind = sniff_type(fh)
            data = fh.read()
        _text, parsed = parse_document(data, kind)
        assert validate_contract(parsed) == [], path.name
