"""extract_text: hostile files fail with the right code; real layouts come out readable."""

from __future__ import annotations

import io
import re
import resource
import shutil
import struct
import time
import zipfile
from pathlib import Path

import docx
import olefile
import pypdf
import pytest
from docx.oxml import parse_xml

from resumes.parsing import ExtractionLimits, ResumeFileError, extract_text
from resumes.parsing.normalize import normalize_text
from tests.resumes.helpers import BAD, RESUMES, resume_file


def _bad(name: str) -> bytes:
    return (BAD / "files" / name).read_bytes()


def _code(data: bytes, kind: str, limits: ExtractionLimits | None = None) -> str:
    with pytest.raises(ResumeFileError) as err:
        extract_text(data, kind, limits or ExtractionLimits())
    return err.value.code


def test_password_protected_pdf_fails_with_clear_error() -> None:
    with pytest.raises(ResumeFileError) as err:
        extract_text(_bad("encrypted.pdf"), "pdf")
    assert err.value.code == "encrypted"
    assert "password" in err.value.message


def test_pdf_encrypted_with_empty_user_password_is_read() -> None:
    reader = pypdf.PdfReader(io.BytesIO(resume_file("pdf").read_bytes()))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner-secret")
    out = io.BytesIO()
    writer.write(out)
    assert "@" in extract_text(out.getvalue(), "pdf")


def test_scanned_pdf_without_text_fails_with_no_text() -> None:
    assert _code(_bad("scanned.pdf"), "pdf") == "no_text"


def test_pdf_with_too_many_pages_fails_before_extraction() -> None:
    start = time.perf_counter()
    assert _code(_bad("many-pages.pdf"), "pdf") == "too_many_pages"
    assert time.perf_counter() - start < 5


def test_page_limit_is_configurable() -> None:
    data = resume_file("pdf").read_bytes()
    assert _code(data, "pdf", ExtractionLimits(max_pages=0)) == "too_many_pages"


def test_truncated_pdf_fails_as_corrupt() -> None:
    assert _code(_bad("truncated.pdf"), "pdf") == "corrupt"


def test_zip_bomb_fails_fast_without_inflating() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    assert _code(_bad("zip-bomb.docx"), "docx") == "zip_bomb"
    assert time.perf_counter() - start < 2
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100 * 1024


def test_traversal_member_is_never_written_to_disk(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    evil = Path("/tmp/evil.txt")  # noqa: S108 - the path the hostile zip member names
    existed = evil.exists()
    text = extract_text(_bad("traversal-member.docx"), "docx")
    assert "@" in text
    assert evil.exists() == existed
    assert list(tmp_path.iterdir()) == []


def test_unknown_kind_is_unsupported() -> None:
    assert _code(b"hello", "rtf") == "unsupported_type"


def test_empty_bytes_fail_as_empty() -> None:
    assert _code(b"", "pdf") == "empty"


def test_sidebar_pdf_keeps_sidebar_and_main_column_as_whole_blocks() -> None:
    # r001-0009 has a left sidebar (contact, skills, certifications) beside the main column.
    text = extract_text((RESUMES / "files" / "r001-0009.pdf").read_bytes(), "pdf")
    lines = text.split("\n")
    sidebar = lines.index("Technical Skills")
    main = lines.index("Professional Experience")
    certs = lines.index("Certifications")
    # The whole sidebar comes first, then the whole main column, never interleaved.
    assert sidebar < certs < main
    assert lines.index("Education") > main


def _docx_bytes(doc: docx.document.Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_docx_paragraphs_tables_and_nested_tables_come_in_document_order() -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Header Line"
    doc.sections[0].footer.paragraphs[0].text = "Footer Line"
    doc.add_paragraph("First paragraph")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Left cell"
    inner = table.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Nested cell"
    doc.add_paragraph("Last paragraph")
    text = extract_text(_docx_bytes(doc), "docx")
    order = ["Header Line", "First paragraph", "Left cell", "Nested cell", "Last paragraph"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert text.index("Footer Line") > text.index("Last paragraph")


def test_docx_row_of_one_line_cells_stays_on_one_line() -> None:
    doc = docx.Document()
    row = doc.add_table(rows=1, cols=3).rows[0]
    for cell, value in zip(row.cells, ["Engineer", "Acme", "2020 - 2022"], strict=True):
        cell.text = value
    assert "Engineer | Acme | 2020 - 2022" in extract_text(_docx_bytes(doc), "docx")


def test_doc_text_is_decoded_through_the_piece_table() -> None:
    text = extract_text(resume_file("doc").read_bytes(), "doc")
    assert "@" in text
    assert "\x07" not in text and "\r" not in text
    # Paragraph marks became line breaks: the document has many short lines.
    assert text.count("\n") > 10


def test_damaged_doc_fails_as_corrupt() -> None:
    data = resume_file("doc").read_bytes()[:1000]
    assert _code(data, "doc") == "corrupt"


def test_text_limit_truncates_long_documents() -> None:
    text = extract_text(
        resume_file("docx").read_bytes(), "docx", ExtractionLimits(max_text_chars=100)
    )
    assert len(text) <= 100


def test_normalisation_fixes_soft_hyphens_spaces_ligatures_and_bullets() -> None:
    raw = (
        "Sep. 2023\u00adMar. 2024\nof\ufb01ce\u00a0work\n"
        "\uf0b7 Led team\n\u25aa Built API\nmulti\u00ad\nlingual"
    )
    text = normalize_text(raw)
    assert "Sep. 2023-Mar. 2024" in text
    assert "office work" in text
    assert "• Led team" in text and "• Built API" in text
    assert "multilingual" in text


def _docx_with_lying_sizes(padding: int, declared: int) -> bytes:
    """A DOCX whose document.xml inflates to far more than its zip headers declare."""
    src = zipfile.ZipFile(resume_file("docx"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data += b" " * padding
            out.writestr(info.filename, data)
    raw = bytearray(buf.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo("word/document.xml")
    struct.pack_into("<I", raw, info.header_offset + 22, declared)
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        size = struct.unpack_from("<H", raw, pos + 28)[0]
        if bytes(raw[pos + 46 : pos + 46 + size]) == b"word/document.xml":
            struct.pack_into("<I", raw, pos + 24, declared)
        pos = raw.find(b"PK\x01\x02", pos + 4)
    return bytes(raw)


def test_member_inflating_past_its_declared_size_is_never_fully_read() -> None:
    data = _docx_with_lying_sizes(padding=40 * 2**20, declared=5000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert _code(data, "docx") in {"corrupt", "zip_bomb"}
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 30 * 1024


def test_docx_text_box_content_follows_its_anchor_paragraph() -> None:
    doc = docx.Document()
    doc.add_paragraph("Before box")
    box = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>Inside the text box</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    doc.element.body.insert(1, parse_xml(box))
    doc.add_paragraph("After box")
    lines = [ln for ln in extract_text(_docx_bytes(doc), "docx").split("\n") if ln]
    assert lines == ["Before box", "Inside the text box", "After box"]


def test_doc_with_unreadable_piece_table_falls_back_to_its_text_runs(tmp_path: Path) -> None:
    broken = tmp_path / "broken.doc"
    shutil.copy(resume_file("doc"), broken)
    ole = olefile.OleFileIO(str(broken), write_mode=True)
    table = "1Table" if ole.exists("1Table") else "0Table"
    ole.write_stream(table, b"\x00" * ole.get_size(table))
    ole.close()
    good = extract_text(resume_file("doc").read_bytes(), "doc")
    fallback = extract_text(broken.read_bytes(), "doc")
    assert good.split("\n")[0] in fallback
    assert re.search(r"[\w.+-]+@[\w-]+\.\w+", fallback)
