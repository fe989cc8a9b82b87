"""PDF text extraction with pypdf, reordering side-by-side columns into whole blocks."""

from __future__ import annotations

import io
import itertools
import logging
import re
from dataclasses import dataclass

import pypdf
from pypdf.errors import FileNotDecryptedError, PdfReadError
from pypdf.generic import FloatObject

from resumes.parsing.dates import cut_span, find_date_ranges
from resumes.parsing.errors import ResumeFileError

log = logging.getLogger(__name__)

# pypdf raises a wide range of low-level errors on damaged files; all mean "corrupt" to us.
_BROKEN = (
    PdfReadError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    OSError,
    AssertionError,
    RecursionError,
    ZeroDivisionError,
)


@dataclass
class _Frag:
    x: float
    y: float
    size: float
    text: str


def extract_pdf(data: bytes, max_pages: int) -> str:
    """Returns the text of a PDF, one column after another; raises ResumeFileError on bad files."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Owner-password-only PDFs open with the empty user password; those are fine.
            try:
                opened = reader.decrypt("")
            except Exception as exc:
                # Unsupported ciphers and missing crypto backends all mean: cannot open it.
                log.info("PDF decryption failed: %s", exc)
                raise ResumeFileError("encrypted") from exc
            if not opened:
                raise ResumeFileError("encrypted")
        n_pages = len(reader.pages)
    except ResumeFileError:
        raise
    except FileNotDecryptedError as exc:
        raise ResumeFileError("encrypted") from exc
    except _BROKEN as exc:
        raise ResumeFileError("corrupt") from exc
    if n_pages == 0:
        raise ResumeFileError("corrupt")
    if n_pages > max_pages:
        raise ResumeFileError(
            "too_many_pages",
            f"This document has {n_pages} pages; resumes are limited to {max_pages} pages.",
        )
    pages = []
    for page in reader.pages:
        try:
            pages.append(_page_text(page))
        except FileNotDecryptedError as exc:
            raise ResumeFileError("encrypted") from exc
        except _BROKEN as exc:
            # A damaged page among good ones: keep what is readable.
            log.warning("skipping unreadable PDF page: %s", exc)
    return "\n\n".join(p for p in _drop_running_lines(pages) if p.strip())


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Removes page headers/footers: edge lines repeated on several pages (digits aside)."""
    if len(pages) < 2:
        return pages

    def edges(text: str) -> list[str]:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        return lines[:1] + lines[-1:]

    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())

    counts: dict[str, int] = {}
    for page in pages:
        for key in {shape(ln) for ln in edges(page)}:
            counts[key] = counts.get(key, 0) + 1
    running = {k for k, n in counts.items() if n >= 2}
    if not running:
        return pages
    out = []
    for page in pages:
        lines = page.split("\n")
        edge = set(edges(page))
        out.append("\n".join(ln for ln in lines if not (ln in edge and shape(ln) in running)))
    return out


def _page_text(page: pypdf.PageObject) -> str:
    """Extracts one page; when a sidebar sits beside the main column, emits each as a block."""
    frags: list[_Frag] = []

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(cm[3]) or 1.0
        frags.append(_Frag(x, y, (size or 10.0) * scale, text))

    plain = page.extract_text(visitor_text=visit, visitor_operand_before=_widen_word_gaps)
    lines = _lines(frags)
    try:
        width = float(page.mediabox.width)
    except _BROKEN:
        width = 612.0
    split = _column_split(lines, width)
    if split is None:
        rows = [_row(ln) for ln in lines]
        return "\n".join(_reading_order(rows)) if _out_of_order(rows) else plain
    return _reorder(lines, split)


# TJ offsets are thousandths of an em; kerning stays well under this, word gaps exceed it.
WORD_GAP = 130


def _widen_word_gaps(operator: bytes, operands: list, cm: list, tm: list) -> None:
    """Makes TJ word gaps unmistakable to pypdf.

    LaTeX justifies text with TJ offsets instead of space glyphs, and pypdf only sees a space
    when the offset exceeds half the font's space width, which for many embedded fonts is too
    wide, gluing words together ("DevOpsEngineer"). Widening real gaps fixes that.
    """
    if operator != b"TJ" or not operands or not isinstance(operands[0], list):
        return
    arr = operands[0]
    for i, op in enumerate(arr):
        if isinstance(op, (int, float)) and not isinstance(op, bool) and op <= -WORD_GAP:
            arr[i] = FloatObject(-2000)


def _lines(frags: list[_Frag]) -> list[list[_Frag]]:
    """Cuts the visitor stream into pypdf's own lines, each a list of positioned pieces."""
    lines: list[list[_Frag]] = [[]]
    for f in frags:
        parts = f.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part.strip():
                # Later lines of one fragment have no position of their own: step down a line.
                lines[-1].append(_Frag(f.x, f.y - i * f.size * 1.2, f.size, part))
    return [ln for ln in lines if ln]


def _est_end(f: _Frag) -> float:
    """Estimates where a piece of text ends (average glyph ≈ half an em)."""
    return f.x + 0.48 * f.size * len(f.text.strip())


def _column_split(lines: list[list[_Frag]], width: float) -> float | None:
    """Finds an x where two independent columns meet, or None for a single-flow page."""
    frags = [f for ln in lines for f in ln]
    starts = sorted({round(f.x) for f in frags})
    best: tuple[int, float] | None = None
    for a, b in itertools.pairwise(starts):
        if b - a < 0.06 * width:
            continue
        x = (a + b) / 2
        if not 0.2 * width <= x <= 0.8 * width:
            continue
        left = [f for f in frags if f.x < x]
        right = [f for f in frags if f.x >= x]
        if len(left) < 4 or len(right) < 4:
            continue
        crossing = sum(1 for f in left if _est_end(f) > b + 0.03 * width)
        if crossing > 0.1 * len(left):
            continue
        rows: dict[int, set[str]] = {}
        for f in frags:
            rows.setdefault(round(f.y / 3), set()).add("L" if f.x < x else "R")
        only_l = sum(1 for r in rows.values() if r == {"L"})
        only_r = sum(1 for r in rows.values() if r == {"R"})
        # Right-aligned dates or places share rows with titles; a real column has lines of
        # its own or at least a common left edge. A column of dates (or of one-word levels)
        # beside the text it qualifies belongs with it, so never split those off.
        if not (only_r >= 2 or _left_aligned(right)):
            continue
        if _mostly_dates(left) or _mostly_dates(right) or _mostly_single_words(right):
            continue
        if _dates_beside_text(frags, x):
            continue
        score = only_l + only_r + min(len(left), len(right))
        if best is None or score > best[0]:
            best = (score, x)
    return None if best is None else best[1]


def _dates_beside_text(frags: list[_Frag], x: float) -> bool:
    """A gutter of dates, not a sidebar: where both sides share a row, the left side is
    mostly a date (jobs indented beside their dates, under headings at the margin)."""
    rows: dict[int, list[_Frag]] = {}
    for f in frags:
        rows.setdefault(round(f.y / 3), []).append(f)
    shared = [r for r in rows.values() if any(f.x < x for f in r) and any(f.x >= x for f in r)]
    if len(shared) < 2:
        return False
    dated = sum(1 for r in shared if _is_date_cell(" ".join(f.text for f in r if f.x < x)))
    return dated * 10 >= len(shared) * 6


def _left_aligned(frags: list[_Frag]) -> bool:
    """True when most pieces start at one x, as a column's lines do (right-aligned do not)."""
    xs = [round(f.x) for f in frags]
    modal = max(set(xs), key=xs.count)
    return sum(1 for x in xs if abs(x - modal) <= 3) >= 0.6 * len(xs)


def _mostly_single_words(frags: list[_Frag]) -> bool:
    multi = sum(1 for f in frags if len(f.text.split()) >= 2)
    return multi < 0.3 * len(frags)


def _mostly_dates(frags: list[_Frag]) -> bool:
    dated = sum(1 for f in frags if _is_date_cell(f.text))
    return dated * 2 >= len(frags)


def _is_date_cell(text: str) -> bool:
    """ "Jan 2019 – Mar 2021 · 2 yrs 2 mos" or "Berlin | 2019 – 2021": dates with little else."""
    ranges = find_date_ranges(text)
    if not ranges:
        return False
    # Durations after the dates ("· 3 yr 0 mo") go with them; what is left must be short.
    return len(cut_span(text, ranges[0].span, " ").split()) <= 3


@dataclass
class _Row:
    x: float
    y: float
    size: float
    text: str


def _row(frags: list[_Frag]) -> _Row:
    return _Row(frags[0].x, frags[0].y, frags[0].size, "".join(f.text for f in frags).strip())


def _out_of_order(rows: list[_Row]) -> bool:
    """True when the content stream jumps back up the page several times (drawn out of
    reading order), so positions, not the stream, must decide the order."""
    jumps = sum(1 for a, b in itertools.pairwise(rows) if b.y > a.y + max(a.size, b.size) * 1.5)
    return jumps >= 3


def _reading_order(rows: list[_Row]) -> list[str]:
    """Lines top to bottom; pieces on the same baseline join left to right."""
    if not _out_of_order(rows):
        return [r.text for r in rows if r.text]
    out: list[list[_Row]] = []
    for r in sorted(rows, key=lambda r: (-r.y, r.x)):
        if out and abs(out[-1][0].y - r.y) <= r.size * 0.4:
            out[-1].append(r)
        else:
            out.append([r])
    return [" ".join(p.text for p in sorted(group, key=lambda p: p.x) if p.text) for group in out]


def _reorder(lines: list[list[_Frag]], split: float) -> str:
    """Emits the left column's lines, then the right column's, each top to bottom."""
    left: list[_Row] = []
    right: list[_Row] = []
    for ln in lines:
        lpart = [f for f in ln if f.x < split]
        rpart = [f for f in ln if f.x >= split]
        if lpart:
            left.append(_row(lpart))
        if rpart:
            right.append(_row(rpart))
    return "\n".join([*_reading_order(left), "", *_reading_order(right)])
