"""Resume parsing: sniff the file type, extract text, parse it into the contract of DESIGN.md.

Pure Python with no Django import, so it can be tested and benchmarked on its own.
"""

from __future__ import annotations

from resumes.parsing.errors import ResumeFileError
from resumes.parsing.extract import ExtractionLimits, extract_text
from resumes.parsing.parser import parse_text
from resumes.parsing.quality import assess_quality
from resumes.parsing.sniff import sniff_type

PARSER_NAME = "rules"
PARSER_VERSION = "1.0.0"

__all__ = [
    "PARSER_NAME",
    "PARSER_VERSION",
    "ExtractionLimits",
    "ResumeFileError",
    "assess_quality",
    "extract_text",
    "parse_document",
    "parse_text",
    "sniff_type",
]


def parse_document(
    data: bytes,
    kind: str,
    *,
    limits: ExtractionLimits = ExtractionLimits(),  # noqa: B008 - frozen, safe to share
    default_region: str = "US",
) -> tuple[str, dict]:
    """Extracts and parses one file of a sniffed `kind`; returns (text, contract dict)."""
    text = extract_text(data, kind, limits)
    return text, parse_text(text, default_region=default_region)
