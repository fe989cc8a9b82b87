"""LLM refinement: structured request, validated merge, and fallback to the rule-based parse."""

from __future__ import annotations

import copy
import json
import logging

import httpx
import pytest

from resumes.parsing.llm import LLMConfig, refine_with_llm
from resumes.parsing.schema import CONTRACT_SCHEMA, validate_contract

BASE_URL = "http://llm.test/v1"

TEXT = """Jane Q. Doe
Senior Backend Engineer
jane.doe@example.com | (415) 555-0123 | Austin, TX
https://github.com/janedoe

Skills: Python, Postgres, JS, Underwater Basket Weaving, Kubernetes

Experience
Backend Engineer, Acme Corp, Austin, TX   March 2019 - Present
Built billing APIs in Python and PostgreSQL.

Education
B.S. in Computer Science, University of Texas at Austin, 2010 - 2014
"""

RULE_BASED = {
    "contact": {
        "full_name": "Jane Q. Doe",
        "email": "jane.doe@example.com",
        "phone": "+14155550123",
        "location": None,
        "links": ["https://github.com/janedoe"],
    },
    "headline": "Senior Backend Engineer",
    "summary": None,
    "skills": [
        {"name": "Python", "proficiency": None, "years": None},
        {"name": "PostgreSQL", "proficiency": None, "years": None},
    ],
    "experience": [
        {
            "title": "Backend Engineer",
            "company": "Acme Corp",
            "location": None,
            "start": "2019-03",
            "end": None,
            "current": True,
            "description": "Built billing APIs in Python and PostgreSQL.",
        }
    ],
    "education": [],
    "certifications": [],
    "languages": [],
    "total_experience_years": 7.5,
}


def llm_answer(**overrides) -> dict:
    answer = {
        "contact": {
            "full_name": "Jane Q. Doe",
            "email": "jane.doe@example.com",
            "phone": "+14155550123",
            "location": "Austin, TX",
            "links": ["https://github.com/janedoe"],
        },
        "headline": "Senior Backend Engineer",
        "summary": "Backend engineer with billing API experience in Python and PostgreSQL.",
        "skills": [
            {"name": "python", "proficiency": "expert", "years": 6},
            {"name": "JS", "proficiency": None, "years": None},
            {"name": "Underwater  Basket Weaving", "proficiency": None, "years": None},
            {"name": "Rust", "proficiency": None, "years": None},
        ],
        "experience": [
            {
                "title": "Backend Engineer",
                "company": "Acme Corp",
                "location": "Austin, TX",
                "start": "2019-03",
                "end": None,
                "current": True,
                "description": None,
            }
        ],
        "education": [
            {
                "degree": "B.S. in Computer Science",
                "level": "bachelor",
                "field": "Computer Science",
                "institution": "University of Texas at Austin",
                "start": "2010",
                "end": "2014",
            }
        ],
        "certifications": [],
        "languages": ["English"],
        "total_experience_years": 12,
    }
    answer.update(overrides)
    return answer


def completion(content: str | None) -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "test-model",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
    }


def client_returning(response: httpx.Response | Exception, seen: list | None = None):
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        if isinstance(response, Exception):
            raise response
        return response

    return httpx.Client(transport=httpx.MockTransport(handler))


@pytest.fixture
def config() -> LLMConfig:
    return LLMConfig(api_key="test-key", model="test-model", base_url=BASE_URL, timeout=5)


def test_valid_answer_is_requested_with_the_contract_schema_and_merged(config):
    seen: list[httpx.Request] = []
    http = client_returning(httpx.Response(200, json=completion(json.dumps(llm_answer()))), seen)

    merged = refine_with_llm(TEXT, copy.deepcopy(RULE_BASED), config, http_client=http)

    [request] = seen
    assert str(request.url) == f"{BASE_URL}/chat/completions"
    assert request.headers["Authorization"] == "Bearer test-key"
    body = json.loads(request.content)
    assert body["model"] == "test-model"
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    assert body["response_format"]["json_schema"]["schema"] == CONTRACT_SCHEMA
    assert "Underwater Basket Weaving" in body["messages"][-1]["content"]

    assert merged["summary"].startswith("Backend engineer with billing API experience")
    assert merged["contact"]["location"] == "Austin, TX"
    assert merged["experience"][0]["location"] == "Austin, TX"
    # The model's null description does not erase the rule-based one.
    assert merged["experience"][0]["description"] == "Built billing APIs in Python and PostgreSQL."
    assert merged["education"][0]["level"] == "bachelor"
    assert merged["languages"] == ["English"]
    # The rule-based total (overlaps counted once) is kept.
    assert merged["total_experience_years"] == 7.5
    assert validate_contract(merged) == []


def test_skill_names_are_normalised_and_unknown_skills_kept(config):
    http = client_returning(httpx.Response(200, json=completion(json.dumps(llm_answer()))))

    merged = refine_with_llm(TEXT, copy.deepcopy(RULE_BASED), config, http_client=http)

    skills = {skill["name"]: skill for skill in merged["skills"]}
    assert list(skills) == ["Python", "PostgreSQL", "JavaScript", "Underwater Basket Weaving"]
    assert skills["Python"]["proficiency"] == "expert"
    assert skills["Python"]["years"] == 6


def test_skill_the_resume_never_mentions_is_dropped(config):
    http = client_returning(httpx.Response(200, json=completion(json.dumps(llm_answer()))))

    merged = refine_with_llm(TEXT, copy.deepcopy(RULE_BASED), config, http_client=http)

    assert "Rust" not in {skill["name"] for skill in merged["skills"]}


def test_contact_details_missing_from_the_text_are_not_taken(config):
    contact = dict(llm_answer()["contact"], email="someone.else@example.com", phone="+15550009999")
    answer = llm_answer(contact=contact)
    http = client_returning(httpx.Response(200, json=completion(json.dumps(answer))))

    merged = refine_with_llm(TEXT, copy.deepcopy(RULE_BASED), config, http_client=http)

    assert merged["contact"]["email"] == "jane.doe@example.com"
    assert merged["contact"]["phone"] == "+14155550123"


def test_invalid_json_falls_back_to_the_rule_based_parse(config, caplog):
    rule_based = copy.deepcopy(RULE_BASED)
    http = client_returning(httpx.Response(200, json=completion('{"contact": {"full_name": "J')))

    with caplog.at_level(logging.WARNING, logger="resumes.parsing.llm"):
        result = refine_with_llm(TEXT, rule_based, config, http_client=http)

    assert result is rule_based
    assert result == RULE_BASED
    assert "not JSON" in caplog.text


def test_http_500_falls_back_to_the_rule_based_parse(config, caplog):
    rule_based = copy.deepcopy(RULE_BASED)
    http = client_returning(httpx.Response(500, json={"error": {"message": "boom"}}))

    with caplog.at_level(logging.WARNING, logger="resumes.parsing.llm"):
        result = refine_with_llm(TEXT, rule_based, config, http_client=http)

    assert result == RULE_BASED
    assert "InternalServerError" in caplog.text


def test_timeout_falls_back_to_the_rule_based_parse(config, caplog):
    rule_based = copy.deepcopy(RULE_BASED)
    http = client_returning(httpx.ReadTimeout("the model is slow"))

    with caplog.at_level(logging.WARNING, logger="resumes.parsing.llm"):
        result = refine_with_llm(TEXT, rule_based, config, http_client=http)

    assert result == RULE_BASED
    assert "APITimeoutError" in caplog.text


def test_unreachable_server_falls_back_to_the_rule_based_parse(config):
    http = client_returning(httpx.ConnectError("connection refused"))

    assert refine_with_llm(TEXT, copy.deepcopy(RULE_BASED), config, http_client=http) == RULE_BASED


@pytest.mark.parametrize(
    "broken",
    [
        llm_answer(skills=[{"name": "Python", "proficiency": "guru", "years": None}]),
        llm_answer(experience=[dict(llm_answer()["experience"][0], start="March 2019")]),
        llm_answer(total_experience_years="seven"),
        {key: value for key, value in llm_answer().items() if key != "contact"},
        llm_answer(extra_field="surprise"),
    ],
    ids=["bad-proficiency", "bad-date", "years-as-text", "missing-contact", "extra-field"],
)
def test_schema_violating_answer_falls_back_to_the_rule_based_parse(config, caplog, broken):
    http = client_returning(httpx.Response(200, json=completion(json.dumps(broken))))

    with caplog.at_level(logging.WARNING, logger="resumes.parsing.llm"):
        result = refine_with_llm(TEXT, copy.deepcopy(RULE_BASED), config, http_client=http)

    assert result == RULE_BASED
    assert "breaks the contract" in caplog.text


def test_empty_answer_falls_back_to_the_rule_based_parse(config):
    http = client_returning(httpx.Response(200, json=completion(None)))

    assert refine_with_llm(TEXT, copy.deepcopy(RULE_BASED), config, http_client=http) == RULE_BASED


def test_long_resume_text_is_cut_to_the_configured_length():
    seen: list[httpx.Request] = []
    http = client_returning(httpx.Response(200, json=completion(json.dumps(llm_answer()))), seen)
    config = LLMConfig(api_key="k", base_url=BASE_URL, max_text_chars=100)

    refine_with_llm(TEXT + "x" * 50_000, copy.deepcopy(RULE_BASED), config, http_client=http)

    sent = json.loads(json.loads(seen[0].content)["messages"][-1]["content"])
    assert len(sent["resume_text"]) == 100


def test_config_comes_from_the_environment_only_when_a_key_is_set():
    assert LLMConfig.from_env({}) is None
    assert LLMConfig.from_env({"OPENAI_API_KEY": " "}) is None
    config = LLMConfig.from_env(
        {
            "OPENAI_API_KEY": "sk-test",
            "OPENAI_BASE_URL": "http://localhost:8000/v1",
            "OPENAI_MODEL": "llama3",
        }
    )
    assert config == LLMConfig(
        api_key="sk-test", model="llama3", base_url="http://localhost:8000/v1"
    )
    assert LLMConfig.from_env({"OPENAI_API_KEY": "sk-test"}).model == "gpt-4o-mini"


def test_rule_based_output_of_the_parser_satisfies_the_contract_schema():
    assert validate_contract(RULE_BASED) == []


def test_validator_reports_each_problem_with_its_path():
    errors = validate_contract(
        llm_answer(
            skills=[{"name": " ", "proficiency": None, "years": -1}],
            education=[dict(llm_answer()["education"][0], level="phd")],
        )
    )
    assert errors == [
        "$.skills[0].name: ' ' does not match \\S",
        "$.skills[0].years: -1 is below 0",
        "$.education[0].level: 'phd' is not one of "
        "['high_school', 'associate', 'bachelor', 'master', 'doctorate', 'other', None]",
    ]
