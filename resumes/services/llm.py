"""The optional LLM refinement step, configured from settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings

# Tests (and deployments behind a proxy) may set an httpx client factory here; None lets
# the OpenAI SDK build its own client.
http_client_factory: Any = None


def refine(text: str, data: dict) -> dict:
    """Refine a rule-based parse with the configured OpenAI-compatible model."""
    from resumes.parsing.llm import LLMConfig, refine_with_llm

    config = LLMConfig(
        api_key=settings.OPENAI_API_KEY,
        model=settings.OPENAI_MODEL,
        base_url=settings.OPENAI_BASE_URL,
        timeout=settings.OPENAI_TIMEOUT,
    )
    return refine_with_llm(text, data, config)
