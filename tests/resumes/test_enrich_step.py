"""The enriching step through the real OpenAI client, answered by an httpx.MockTransport."""

from __future__ import annotations

import io
import json

import httpx
import pytest

from resumes.models import ProcessingJob, ResumeData
from resumes.services import ingest_resume, llm
from tests.resumes.helpers import resume_file

pytestmark = pytest.mark.django_db(transaction=True)

SUMMARY = "Seasoned professional with a record of shipping reliable work for demanding teams."


def _completion(content: str) -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content, "refusal": None},
            }
        ],
    }


@pytest.fixture
def llm_server(settings, monkeypatch):
    """An OpenAI-compatible endpoint that answers the draft parse with a written summary."""
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = "http://llm.test/v1"
    settings.OPENAI_MODEL = "test-model"
    requests: list[httpx.Request] = []
    state = {"status": 200}

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if state["status"] != 200:
            return httpx.Response(state["status"], json={"error": {"message": "down"}})
        body = json.loads(request.content)
        draft = json.loads(body["messages"][1]["content"])["draft_parse"]
        return httpx.Response(200, json=_completion(json.dumps({**draft, "summary": SUMMARY})))

    monkeypatch.setattr(
        llm, "http_client_factory", lambda: httpx.Client(transport=httpx.MockTransport(handler))
    )
    return requests, state


def _process(recruiter) -> ProcessingJob:
    path = resume_file("pdf")
    result = ingest_resume(io.BytesIO(path.read_bytes()), filename=path.name, uploader=recruiter)
    result.job.refresh_from_db()
    return result.job


def test_llm_refinement_writes_the_summary_when_a_key_is_set(recruiter, llm_server):
    requests, _ = llm_server
    job = _process(recruiter)

    assert job.status == ProcessingJob.Status.COMPLETED
    assert len(requests) == 1
    assert requests[0].url == "http://llm.test/v1/chat/completions"
    assert requests[0].headers["authorization"] == "Bearer sk-test"
    assert json.loads(requests[0].content)["model"] == "test-model"
    parse = ResumeData.objects.get(resume=job.resume)
    assert parse.parser_name == "rules+llm"
    assert parse.data["summary"] == SUMMARY
    job.resume.refresh_from_db()
    assert job.resume.candidate.summary == SUMMARY


def test_failing_llm_falls_back_to_the_rule_based_parse(recruiter, llm_server):
    requests, state = llm_server
    state["status"] = 500
    job = _process(recruiter)

    assert job.status == ProcessingJob.Status.COMPLETED
    assert len(requests) == 1
    parse = ResumeData.objects.get(resume=job.resume)
    assert parse.parser_name == "rules"
    assert parse.data["summary"] != SUMMARY


def test_no_key_means_no_llm_call(recruiter, llm_server, settings):
    requests, _ = llm_server
    settings.OPENAI_API_KEY = ""
    job = _process(recruiter)

    assert job.status == ProcessingJob.Status.COMPLETED
    assert requests == []
    assert ResumeData.objects.get(resume=job.resume).parser_name == "rules"
