"""Untrusted text: what a user typed or a file held.

Two rules, kept apart on purpose:

* ``clean_input`` runs on the way *in* (forms, command line, imports): it drops
  control characters and bidirectional overrides so they never reach the
  database, and folds line breaks in one-line fields.
* ``displayable`` runs on the way *out*: whatever is stored (perhaps by an older
  version or another tool) becomes text that is safe to put on a terminal, with
  every control character replaced by a visible placeholder.

Markup is not this module's concern: the UI never parses stored text as markup.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embeddings, overrides and isolates: they can reorder what the
# user sees (a name that reads differently from what is stored).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Zero-width non-joiner and joiner: they spell words (Persian, Hindi) and hold emoji
# sequences together (👩‍💻), and reorder nothing. Kept on the way in, everywhere.
JOINERS = frozenset("\u200c\u200d")
LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")

_REPLACEMENT = "\ufffd"

# Every character ``displayable`` changes (controls, which include the tab and every line
# break but two, the two Unicode line breaks, bidi controls): text with none is shown as it is.
_CHANGED_ON_DISPLAY = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]"
)


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F


def _placeholder(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return _REPLACEMENT


def displayable(value: object, *, multiline: bool = False) -> str:
    """Text that is safe to show on a terminal, with controls made visible.

    Tabs become a space; line breaks are kept only when ``multiline``.
    """
    if value is None:
        return ""
    text = str(value)
    if _CHANGED_ON_DISPLAY.search(text) is None:
        return text
    out: list[str] = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif ch == "\n" and multiline:
            out.append(ch)
        elif ch in LINE_BREAKS:
            out.append("\n" if multiline and ch in "\r\u2028\u2029" else " " if ch != "\r" else "")
        elif _is_control(ch):
            out.append(_placeholder(ch))
        elif ch in BIDI_CONTROLS:
            out.append(_REPLACEMENT)
        else:
            out.append(ch)
    return "".join(out)


def clean_input(value: str | None, *, multiline: bool = False) -> str:
    """Text fit to store: no control characters, no bidi overrides, trimmed.

    One-line fields have their line breaks folded into single spaces, so a
    pasted paragraph is kept, not cut off at its first line.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for ch in text:
        if ch == "\n" and multiline:
            out.append(ch)
        elif ch in LINE_BREAKS or ch == "\t":
            out.append(" ")
        elif _is_control(ch) or ch in BIDI_CONTROLS:
            continue
        else:
            out.append(ch)
    cleaned = "".join(out)
    if multiline:
        return "\n".join(line.rstrip() for line in cleaned.split("\n")).strip("\n")
    return " ".join(cleaned.split())


def without_controls(value: str | None) -> str:
    """One-line text with control characters and bidi overrides dropped and line
    breaks turned into spaces, but otherwise untouched (no trimming): what a text
    field may hold while the user is still typing in it."""
    if not value:
        return ""
    out: list[str] = []
    for ch in value:
        if ch in LINE_BREAKS or ch == "\t":
            out.append(" ")
        elif not (_is_control(ch) or ch in BIDI_CONTROLS):
            out.append(ch)
    return "".join(out)


# Characters json.dumps(ensure_ascii=False) leaves raw although a terminal may act on
# them: DEL, the C1 controls (0x9b is a one-byte CSI), bidi controls, line separators.
_JSON_RAW = frozenset(chr(c) for c in range(0x7F, 0xA0)) | BIDI_CONTROLS | frozenset("\u2028\u2029")


_JSON_RAW_RE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_JSON_RAW)) + "]")


def json_safe(document: str) -> str:
    """JSON text with every such character written as a ``\\uXXXX`` escape.

    Exact: ``json.loads`` gives back the same values. They can only occur inside
    strings, where an escape means the same character. One regular-expression pass:
    a 100 MB export is scanned in a fraction of a second (a character loop took 5 s)."""
    return _JSON_RAW_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


# Characters that render as nothing: used to compare names the way a reader sees them.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def match_key(name: str) -> str:
    """A key under which names that look the same to a reader compare equal."""
    if name.isascii() and name.isprintable():  # most names: nothing to clean or normalise (10x faster)
        return " ".join(name.casefold().split())
    text = unicodedata.normalize("NFKC", clean_input(name))
    text = "".join(ch for ch in text if ch not in _INVISIBLE)
    return " ".join(text.casefold().split())


def has_control_characters(value: str) -> bool:
    return any(_is_control(ch) and ch not in "\n" or ch in BIDI_CONTROLS for ch in value)


def sort_key(name: str) -> str:
    """Alphabetical order as a reader expects it: accents and case do not move a name."""
    if name.isascii():  # nothing to decompose
        return name.casefold()
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
