"""The optional LLM refinement step, configured from settings."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from django.conf import settings

from resumes.parsing.llm import LLMConfig, refine_with_llm

# Builds the HTTP client the OpenAI SDK talks through. None lets the SDK build its own;
# a deployment behind a proxy, or a test with an httpx.MockTransport, sets a factory here.
http_client_factory: Callable[[], httpx.Client] | None = None


def llm_config() -> LLMConfig:
    """The LLM endpoint, model and timeout from settings (OPENAI_*)."""
    return LLMConfig(
        api_key=settings.OPENAI_API_KEY,
        model=settings.OPENAI_MODEL,
        base_url=settings.OPENAI_BASE_URL,
        timeout=settings.OPENAI_TIMEOUT,
    )


def refine(text: str, data: dict) -> dict:
    """Refine a rule-based parse with the configured model; falls back to ``data`` on failure."""
    client = http_client_factory() if http_client_factory is not None else None
    try:
        return refine_with_llm(text, data, llm_config(), http_client=client)
    finally:
        if client is not None:
            client.close()
