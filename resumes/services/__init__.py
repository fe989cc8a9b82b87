"""Writes of the resumes app: ingestion, bulk batches, processing, retry and re-parse."""

from __future__ import annotations

from .batches import BulkIngestResult, Rejection, bulk_ingest
from .downloads import open_for_download
from .errors import IngestError
from .ingest import (
    IngestResult,
    check_declared_size,
    ingest_resume,
    reparse_resume,
    retry_resume,
    sanitize_filename,
)
from .processing import process_resume

__all__ = [
    "BulkIngestResult",
    "IngestError",
    "IngestResult",
    "Rejection",
    "bulk_ingest",
    "check_declared_size",
    "ingest_resume",
    "open_for_download",
    "process_resume",
    "reparse_resume",
    "retry_resume",
    "sanitize_filename",
]
