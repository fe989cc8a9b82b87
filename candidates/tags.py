"""Tag normalization (pure, no Django): one spelling per label, so tags merge."""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_TAG_LENGTH = 64
_SPACES = re.compile(r"\s+")


def normalize_tag(raw: str) -> str:
    """Lower-case, trimmed, single-spaced and at most 64 characters; "" when nothing is left."""
    return _SPACES.sub(" ", str(raw)).strip().lower()[:MAX_TAG_LENGTH].strip()


def normalize_tags(raw: Iterable[str]) -> list[str]:
    """Normalize many tags, dropping blanks and duplicates while keeping their first order."""
    seen: dict[str, None] = {}
    for item in raw:
        name = normalize_tag(item)
        if name:
            seen.setdefault(name, None)
    return list(seen)
