"""Finding a person by a few typed letters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from netui.domain.text import match_key


def fold(text: str) -> str:
    """A name as a search key: match_key without accents (`Zoë` finds `zoe`)."""
    decomposed = unicodedata.normalize("NFKD", match_key(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def rank_names(query: str, keys: Sequence[str], limit: int = 8) -> list[int]:
    """Indexes into ``keys`` (each made by ``fold``) that match ``query``, best first.

    Exact, then a word starting with what was typed, then every typed word somewhere,
    then the typed letters in order (`adlv` finds `ada lovelace`). Ties keep the order of ``keys``.
    """
    q = fold(query)
    if not q:
        return []
    words = q.split()
    letters = q.replace(" ", "")
    loose = re.compile(".*?".join(re.escape(ch) for ch in letters))
    tiers: tuple[list[int], ...] = ([], [], [], [])
    for i, key in enumerate(keys):
        if key == q:
            tiers[0].append(i)
        elif key.startswith(q) or f" {q}" in key:
            tiers[1].append(i)
        elif all(w in key for w in words):
            tiers[2].append(i)
        elif loose.search(key):
            tiers[3].append(i)
        if len(tiers[0]) + len(tiers[1]) >= limit:
            break
    return [i for tier in tiers for i in tier][:limit]
