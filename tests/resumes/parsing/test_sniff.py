"""sniff_type decides the real type from the bytes and rejects everything else."""

from __future__ import annotations

import io
import zipfile

import pytest

from resumes.parsing import ResumeFileError, sniff_type
from tests.resumes.helpers import BAD, resume_file


def _sniff_path(path) -> str:
    with path.open("rb") as fh:
        return sniff_type(fh)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("random.pdf", "unsupported_type"),
        ("program.docx", "unsupported_type"),
        ("elf.pdf", "unsupported_type"),
        ("plain.doc", "unsupported_type"),
        ("resume.txt", "unsupported_type"),
        ("resume.rtf", "unsupported_type"),
        ("empty.pdf", "empty"),
        ("not-word.docx", "unsupported_type"),
    ],
)
def test_hostile_files_are_rejected_with_a_code_and_message(name: str, code: str) -> None:
    with pytest.raises(ResumeFileError) as err:
        _sniff_path(BAD / "files" / name)
    assert err.value.code == code
    assert err.value.message.endswith(".")


def test_pdf_named_docx_is_recognised_as_pdf() -> None:
    assert _sniff_path(BAD / "files" / "pdf-named.docx") == "pdf"


@pytest.mark.parametrize("kind", ["pdf", "docx", "doc"])
def test_fixture_resumes_are_recognised_by_content(kind: str) -> None:
    assert _sniff_path(resume_file(kind)) == kind


def test_stream_is_rewound_after_sniffing() -> None:
    stream = io.BytesIO(resume_file("docx").read_bytes())
    sniff_type(stream)
    assert stream.tell() == 0


def test_pdf_header_after_leading_junk_is_still_a_pdf() -> None:
    stream = io.BytesIO(b"\x00" * 100 + b"%PDF-1.4\n" + b"x" * 100)
    assert sniff_type(stream) == "pdf"


def test_zip_bomb_is_rejected_from_the_central_directory_alone() -> None:
    with pytest.raises(ResumeFileError) as err:
        _sniff_path(BAD / "files" / "zip-bomb.docx")
    assert err.value.code == "zip_bomb"


def test_damaged_zip_is_reported_as_corrupt() -> None:
    data = resume_file("docx").read_bytes()[:300]
    with pytest.raises(ResumeFileError) as err:
        sniff_type(io.BytesIO(data))
    assert err.value.code == "corrupt"


def test_zip_without_word_document_is_not_a_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ResumeFileError) as err:
        sniff_type(buf)
    assert err.value.code == "unsupported_type"
