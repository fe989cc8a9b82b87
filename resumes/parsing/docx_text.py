"""DOCX text: body paragraphs and nested tables in order, text boxes, headers, footers."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from resumes.parsing.errors import ResumeFileError
from resumes.parsing.sniff import check_zip_infos

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R = W + "p", W + "tbl", W + "tr", W + "tc", W + "r"
_SKIP = {W + "del", W + "delText", W + "instrText", MC + "Fallback", W + "rPr", W + "pPr"}


def extract_docx(data: bytes, max_member_bytes: int) -> str:
    """Returns the text of a DOCX; the zip directory is vetted before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ResumeFileError("corrupt") from exc
    if "word/document.xml" not in names:
        raise ResumeFileError("unsupported_type")
    # zipfile stops inflating at the declared size (and fails the CRC beyond it), so
    # vetting declared sizes here caps every read python-docx makes afterwards.
    check_zip_infos(infos, max_member_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ResumeFileError("corrupt") from exc
    except Exception as exc:  # lxml syntax errors and friends from a damaged part
        raise ResumeFileError("corrupt") from exc
    lines: list[str] = []
    seen_parts: set[int] = set()
    for section in document.sections:
        for hdr in (section.header, section.first_page_header):
            _story(hdr, lines, seen_parts)
    _block(document.element.body, lines)
    for section in document.sections:
        for ftr in (section.footer, section.first_page_footer):
            _story(ftr, lines, seen_parts)
    return "\n".join(lines)


def _story(part: object, lines: list[str], seen: set[int]) -> None:
    """Adds a header or footer once (sections often share one)."""
    try:
        if part.is_linked_to_previous:
            return
        element = part._element
    except (AttributeError, KeyError, ValueError):
        return
    if id(element) in seen:
        return
    seen.add(id(element))
    _block(element, lines)


def _block(element: object, lines: list[str]) -> None:
    """Walks a container (body, cell, header, text box) in document order."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == _P:
            _paragraph(child, lines)
        elif tag == _TBL:
            _table(child, lines)
        elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"):
            _block(child.find(W + "sdtContent") if tag == W + "sdt" else child, lines)


def _table(tbl: object, lines: list[str]) -> None:
    """A row of one-line cells becomes one line ("a | b"); larger cells stay blocks."""
    for tr in tbl.iterchildren(_TR):
        cells = []
        for tc in tr.iterchildren(_TC):
            cell_lines: list[str] = []
            _block(tc, cell_lines)
            cell_lines = [c for c in cell_lines if c.strip()]
            if cell_lines:
                cells.append(cell_lines)
        if cells and all(len(c) == 1 for c in cells):
            lines.append("\t".join(c[0] for c in cells))
        else:
            for c in cells:
                lines.extend(c)
                lines.append("")


def _paragraph(p: object, lines: list[str]) -> None:
    """Collects a paragraph's text; text boxes anchored in it follow it as their own lines."""
    buf: list[str] = []
    boxes: list[object] = []
    _runs(p, buf, boxes)
    lines.append("".join(buf))
    for box in boxes:
        _block(box, lines)


def _runs(node: object, buf: list[str], boxes: list[object]) -> None:
    for child in node.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            buf.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            buf.append("\t")
        elif tag in (W + "br", W + "cr"):
            buf.append("\n")
        elif tag == W + "noBreakHyphen":
            buf.append("-")
        elif tag == W + "txbxContent":
            boxes.append(child)
        else:
            _runs(child, buf, boxes)
