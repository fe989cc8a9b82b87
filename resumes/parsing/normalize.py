"""Text clean-up shared by every extractor: one canonical form for the parser to read."""

from __future__ import annotations

import re
import unicodedata

# Glyphs that resume templates use as list markers; all become "• ".
BULLETS = "•◦▪▫■□●○◆◇►▸▹‣\u2043∙➢➤➔→✓✔❖⦿⚫⚬\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\x7f"
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BULLET_AT_START = re.compile(rf"^\s*[{re.escape(BULLETS)}]\s*")
_BULLET_INLINE = re.compile(rf"\s*[{re.escape(BULLETS)}]\s*")
_DASH_BULLET = re.compile(r"^\s*[-*]\s+(?=\S)")
_MULTI_SPACE = re.compile(r" {2,}")


def normalize_text(text: str) -> str:
    """Returns NFC text with unified spaces, dashes, ligatures and bullets, one line per line."""
    text = unicodedata.normalize("NFC", text)
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A soft hyphen at a line end joins a broken word; elsewhere (LaTeX fonts) it is a real dash.
    text = re.sub("\u00ad\n", "", text).replace("\u00ad", "-")
    text = _ZERO_WIDTH.sub("", text)
    lines = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw.replace("\t", " ")) if "\t" not in raw else _tabs(raw)
        line = _CONTROL.sub("", line)
        if _BULLET_AT_START.match(line) or _DASH_BULLET.match(line):
            line = "• " + _DASH_BULLET.sub("", _BULLET_AT_START.sub("", line))
        line = _MULTI_SPACE.sub(" ", line.replace("\x7f", "•")).strip()
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _tabs(raw: str) -> str:
    """Keeps a tab as a visible column gap (" | ") so cells on one line stay apart."""
    parts = [_SPACES.sub(" ", p).strip() for p in raw.split("\t")]
    return " | ".join(p for p in parts if p)


def split_inline_bullets(line: str) -> list[str]:
    """Splits "a • b • c" into its items; a line without inline bullets comes back alone."""
    parts = [p.strip() for p in _BULLET_INLINE.split(line)]
    return [p for p in parts if p]
