"""Paths to the shared fixture files and small helpers the resumes tests share."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
RESUMES = FIXTURES / "resumes"
BAD = FIXTURES / "bad"


def resume_file(kind: str, index: int = 0) -> Path:
    """The index-th labeled fixture resume of a format ("pdf", "docx", "doc")."""
    return sorted((RESUMES / "files").glob(f"*.{kind}"))[index]


def label_for(path: Path) -> dict:
    """The labeled contract of a fixture resume."""
    return json.loads((RESUMES / "labels" / f"{path.stem}.json").read_text())
