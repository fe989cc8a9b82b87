"""Flags parses that look too weak to trust without a human (or LLM) look."""

from __future__ import annotations

MIN_WORDS = 60


def assess_quality(text: str, data: dict) -> list[str]:
    """Reasons the parse looks weak; an empty list when it looks fine."""
    reasons = []
    contact = data.get("contact") or {}
    if not contact.get("full_name"):
        reasons.append("no name found")
    if not contact.get("email") and not contact.get("phone"):
        reasons.append("no email or phone found")
    if not any(data.get(k) for k in ("experience", "education", "skills", "certifications")):
        reasons.append("no sections recognised")
    if len(text.split()) < MIN_WORDS:
        reasons.append("very little text")
    return reasons
