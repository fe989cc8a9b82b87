"""Decides a resume's real type from its bytes, never from its name."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

import olefile

from resumes.parsing.errors import ResumeFileError

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Readers accept a PDF header anywhere in the first kilobyte (some generators prepend junk).
PDF_HEADER_WINDOW = 1024
# Central-directory sanity limits: a resume's document.xml is a few MB at most.
MAX_DECLARED_MEMBER_BYTES = 50 * 2**20
MAX_COMPRESSION_RATIO = 200
ENCRYPTED_WORD = (
    "This Word document is password-protected. Remove the password and upload it again."
)


def sniff_type(fileobj: BinaryIO) -> str:
    """Returns "pdf", "docx" or "doc" from the bytes of `fileobj`; else raises ResumeFileError.

    The stream is left at position 0.
    """
    try:
        fileobj.seek(0)
        head = fileobj.read(PDF_HEADER_WINDOW)
        if not head:
            raise ResumeFileError("empty")
        if PDF_MAGIC in head:
            return "pdf"
        if head.startswith(ZIP_MAGIC):
            _check_docx_zip(fileobj)
            return "docx"
        if head.startswith(OLE_MAGIC):
            _check_word_ole(fileobj)
            return "doc"
        raise ResumeFileError("unsupported_type")
    finally:
        fileobj.seek(0)


def _check_docx_zip(fileobj: BinaryIO) -> None:
    """Accepts a zip only when it is a Word document and its directory does not announce a bomb."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ResumeFileError("corrupt") from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise ResumeFileError(
            "unsupported_type",
            "This file is a zip archive but not a Word document. Upload a PDF, DOCX or DOC.",
        )
    check_zip_infos(infos, MAX_DECLARED_MEMBER_BYTES)


def check_zip_infos(infos: list[zipfile.ZipInfo], max_member_bytes: int) -> None:
    """Raises ResumeFileError("zip_bomb") when the zip directory shows absurd sizes or ratios."""
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > max_member_bytes:
            raise ResumeFileError("zip_bomb")
        # Small members compress wildly (runs of spaces); only large ones can hurt.
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 2**20 and ratio > MAX_COMPRESSION_RATIO:
            raise ResumeFileError("zip_bomb")
    if total > 4 * max_member_bytes:
        raise ResumeFileError("zip_bomb")


def _check_word_ole(fileobj: BinaryIO) -> None:
    """Accepts an OLE2 compound file only when it holds a WordDocument stream."""
    fileobj.seek(0)
    try:
        ole = olefile.OleFileIO(fileobj)
    except (OSError, ValueError, IndexError, TypeError) as exc:
        raise ResumeFileError("corrupt") from exc
    try:
        if ole.exists("EncryptedPackage"):
            # A password-protected DOCX is stored inside an OLE2 container.
            raise ResumeFileError("encrypted", ENCRYPTED_WORD)
        if not ole.exists("WordDocument"):
            raise ResumeFileError(
                "unsupported_type",
                "This Office file is not a Word document. Upload a PDF, DOCX or DOC.",
            )
    finally:
        ole.close()
