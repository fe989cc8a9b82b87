"""Resume parsing: sniff the file type, extract text, parse it into the contract of DESIGN.md.

Pure Python with no Django import, so it can be tested and benchmarked on its own.

Decisions worth knowing:
- The type comes from the bytes (sniff.py); extraction never writes zip members anywhere and
  vets the zip directory (sizes, ratios) before python-docx opens a DOCX.
- PDF pages with two independent columns (a sidebar) are emitted one column after the other;
  right-aligned dates and a column of dates beside jobs are never split off (pdf.py).
- The parser is rule-based and data-driven: headings, degrees, months, places and job words
  live in data/*.json; skills go through the shared taxonomy (taxonomy.py).
- Dates are "YYYY-MM" or "YYYY"; total_experience_years merges overlapping jobs and counts a
  bare year from its middle, an open-ended current job until today.
- parse_text normalises its input itself (bullets, tabs, spaces), so pasted text reads like
  extracted text. tests/resumes/parsing/unseen_corpus.py generates labelled resumes in styles
  the shared fixtures lack (headings, date forms, job/degree/certificate layouts, sidebars,
  heading columns, page footers); its per-field floors guard the rules they needed.
"""

from __future__ import annotations

from resumes.parsing.errors import ResumeFileError
from resumes.parsing.extract import ExtractionLimits, extract_text
from resumes.parsing.parser import parse_text
from resumes.parsing.quality import assess_quality
from resumes.parsing.sniff import sniff_type

PARSER_NAME = "rules"
PARSER_VERSION = "1.1.0"

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
