"""Fixtures for the resumes tests: real resume files from the shared fixtures."""

from __future__ import annotations

import pytest

from tests.resumes.helpers import resume_file


@pytest.fixture
def pdf_bytes() -> bytes:
    return resume_file("pdf").read_bytes()
