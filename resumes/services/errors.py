"""The domain error of the resumes app."""

from __future__ import annotations

from hotgigs.errors import ServiceError


class IngestError(ServiceError):
    """An upload or processing request refused with a message a recruiter understands."""
