"""Word 97-2003 (.doc) text extraction in pure Python through the FIB's piece table."""

from __future__ import annotations

import io
import logging
import re
import struct

import olefile

from resumes.parsing.errors import ResumeFileError
from resumes.parsing.sniff import ENCRYPTED_WORD

log = logging.getLogger(__name__)

_FIELD = re.compile(r"\x13[^\x13\x14\x15]*\x14([^\x13\x14\x15]*)\x15|\x13[^\x13\x14\x15]*\x15")
# Word's in-text control characters and what they mean for plain text.
_CONTROL_MAP = {
    "\r": "\n",
    "\x07": "\n",  # cell end: one cell per line, so a cell never merges with its neighbour
    "\x0b": "\n",
    "\x0c": "\n",
    "\x0e": "\n",
    "\x1e": "-",
    "\x1f": "",
    "\x01": "",
    "\x08": "",
    "\x02": "",
    "\x05": "",
}


def extract_doc(data: bytes, max_chars: int) -> str:
    """Returns the text of a legacy Word document; raises ResumeFileError when it cannot be read."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, IndexError, TypeError) as exc:
        raise ResumeFileError("corrupt") from exc
    try:
        if not ole.exists("WordDocument"):
            raise ResumeFileError("unsupported_type")
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x200 or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
            raise ResumeFileError("corrupt")
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise ResumeFileError("encrypted", ENCRYPTED_WORD)
        table_name = "1Table" if flags & 0x0200 else "0Table"
        table = ole.openstream(table_name).read() if ole.exists(table_name) else b""
    except ResumeFileError:
        raise
    except (OSError, ValueError, IndexError, struct.error) as exc:
        raise ResumeFileError("corrupt") from exc
    finally:
        ole.close()
    try:
        text = _piece_table_text(word, table, max_chars)
    except (ValueError, IndexError, struct.error) as exc:
        log.warning("DOC piece table unreadable, using heuristic text: %s", exc)
        text = _heuristic_text(word)
    return _clean(text)


def _fib_layout(word: bytes) -> tuple[list[int], int]:
    """Returns (FibRgLw values, offset of FibRgFcLcb) by walking the variable-size FIB."""
    pos = 32
    csw = struct.unpack_from("<H", word, pos)[0]
    pos += 2 + csw * 2
    cslw = struct.unpack_from("<H", word, pos)[0]
    pos += 2
    rglw = list(struct.unpack_from(f"<{cslw}i", word, pos))
    pos += cslw * 4
    pos += 2  # cbRgFcLcb
    return rglw, pos


def _piece_table_text(word: bytes, table: bytes, max_chars: int) -> str:
    """Decodes the main story and headers through CLX/PlcPcd (8-bit cp1252 and UTF-16 pieces)."""
    rglw, fclcb = _fib_layout(word)
    ccp_text, ccp_ftn, ccp_hdd = rglw[3], rglw[4], rglw[5]
    fc_clx, lcb_clx = struct.unpack_from("<II", word, fclcb + 33 * 8)
    if not lcb_clx or fc_clx + lcb_clx > len(table):
        raise ValueError("no CLX")
    clx = table[fc_clx : fc_clx + lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise ValueError("no Pcdt")
    lcb = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + lcb]
    n = (len(plc) - 4) // 12
    if n <= 0:
        raise ValueError("empty piece table")
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    wanted_end = ccp_text + ccp_ftn + ccp_hdd
    chars: list[str] = []
    total = 0
    for i in range(n):
        cp_start, cp_end = cps[i], cps[i + 1]
        if cp_start >= wanted_end or total > max_chars:
            break
        fc_raw = struct.unpack_from("<I", plc, (n + 1) * 4 + i * 8 + 2)[0]
        count = min(cp_end, wanted_end) - cp_start
        if fc_raw & 0x40000000:
            start = (fc_raw & 0x3FFFFFFF) // 2
            piece = word[start : start + count].decode("cp1252", errors="replace")
        else:
            start = fc_raw & 0x3FFFFFFF
            piece = word[start : start + 2 * count].decode("utf-16-le", errors="replace")
        chars.append(piece)
        total += len(piece)
    text = "".join(chars)
    main, headers = text[:ccp_text], text[ccp_text + ccp_ftn :]
    return main + "\n" + headers


def _heuristic_text(word: bytes) -> str:
    """Last resort: the longest runs of printable cp1252 text in the WordDocument stream."""
    body = word[0x200:]
    # Text is stored either as 8-bit cp1252 or as UTF-16; take whichever yields more.
    narrow = [r.decode("cp1252") for r in re.findall(rb"[\x20-\x7e\r\t\x80-\xff]{20,}", body)]
    wide = [
        r.decode("utf-16-le", errors="replace")
        for r in re.findall(
            rb"(?:[\x20-\x7e\r\t\x0b\x07\xa0-\xff]\x00|[\x00-\xff][\x01-\x05\x20]){20,}", body
        )
    ]
    wide = [w for w in wide if sum(c.isalpha() for c in w) > len(w) / 2]
    best = max((narrow, wide), key=lambda runs: sum(len(r) for r in runs))
    return "\n".join(best)


def _clean(text: str) -> str:
    """Keeps field results (hyperlink text), drops field codes, maps Word control characters."""
    for _ in range(3):  # nested fields unwrap from the inside out
        text = _FIELD.sub(lambda m: m.group(1) or "", text)
    text = text.replace("\x07\x07", "\n").replace("\r\x07", "\n")
    for ch, rep in _CONTROL_MAP.items():
        text = text.replace(ch, rep)
    return text
