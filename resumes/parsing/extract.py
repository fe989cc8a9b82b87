"""Turns resume bytes of a known kind into normalised plain text, within safety limits."""

from __future__ import annotations

from dataclasses import dataclass

from resumes.parsing.doc_text import extract_doc
from resumes.parsing.docx_text import extract_docx
from resumes.parsing.errors import ResumeFileError
from resumes.parsing.normalize import normalize_text
from resumes.parsing.pdf import extract_pdf


@dataclass(frozen=True)
class ExtractionLimits:
    """Caps that keep one hostile upload from exhausting a worker."""

    max_pages: int = 50
    max_text_chars: int = 200_000
    max_member_bytes: int = 50 * 2**20


# A page of a real resume holds far more than this; less means images or blank pages.
MIN_TEXT_CHARS = 20


def extract_text(data: bytes, kind: str, limits: ExtractionLimits = ExtractionLimits()) -> str:
    """Returns the normalised text of a "pdf", "docx" or "doc" file; raises ResumeFileError."""
    if not data:
        raise ResumeFileError("empty")
    if kind == "pdf":
        raw = extract_pdf(data, limits.max_pages)
    elif kind == "docx":
        raw = extract_docx(data, limits.max_member_bytes)
    elif kind == "doc":
        raw = extract_doc(data, limits.max_text_chars)
    else:
        raise ResumeFileError("unsupported_type")
    text = normalize_text(raw[: limits.max_text_chars * 2])[: limits.max_text_chars]
    if sum(ch.isalnum() for ch in text) < MIN_TEXT_CHARS:
        raise ResumeFileError("no_text")
    return text
