"""Builds tiny text PDFs with pypdf alone, placing each string at a given position."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def make_pdf(items: list[tuple[float, float, str]], size: int = 10) -> bytes:
    """A one-page PDF drawing each (x, y, text) in the given content-stream order."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    ops = []
    for x, y, text in items:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm ({escaped}) Tj ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def two_columns(left: list[str], right: list[str], left_x: float, right_x: float) -> bytes:
    """Draws two columns row by row, interleaved in the content stream (the hard case)."""
    items = []
    for i in range(max(len(left), len(right))):
        y = 740 - i * 14
        if i < len(left) and left[i]:
            items.append((left_x, y, left[i]))
        if i < len(right) and right[i]:
            items.append((right_x, y, right[i]))
    return make_pdf(items)
