"""The one error type raised for files that cannot be read as a resume."""

from __future__ import annotations

# Messages a recruiter can act on, keyed by the machine-readable code.
MESSAGES: dict[str, str] = {
    "unsupported_type": (
        "This file is not a PDF, DOCX or DOC document. Upload one of those formats."
    ),
    "empty": "This file is empty. Upload the resume again.",
    "corrupt": "This file is damaged and cannot be opened. Save it again and re-upload it.",
    "encrypted": "This PDF is password-protected. Remove the password and upload it again.",
    "no_text": (
        "This document has no readable text (it may be a scanned image). "
        "Upload a text-based PDF or a Word document."
    ),
    "too_many_pages": "This document has too many pages to be a resume.",
    "zip_bomb": "This Word document expands to an unsafe size and was not opened.",
    "too_large": "This file is too large to process as a resume.",
}


class ResumeFileError(Exception):
    """A resume file that cannot be read; `code` is stable, `message` is for people."""

    def __init__(self, code: str, message: str | None = None) -> None:
        self.code = code
        self.message = message or MESSAGES.get(code, "This file could not be read as a resume.")
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"ResumeFileError({self.code!r}, {self.message!r})"
