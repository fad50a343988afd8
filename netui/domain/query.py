"""The query language for lists of people, the same in the app and on the command line.

    ada lovelace            words: each must start a word in the name, company, title,
                            email, tags or notes (case and accents ignored)
    -recruiter              a word that must not
    ring:strategic          on a ring (any unambiguous start: ring:str)
    net:peer                in a network (also network:, and net:none for nobody's)
    tag:hiring              with a tag, what they can help with or what you can offer
    company:acme            at a company (words of its name, any order)
    due                     due to be contacted today
    distant                 distant mentors
    inside / outside        peers inside or outside your company

Several conditions all hold. Anything that is not a condition is a word, so a typo never
fails: it simply matches nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netui.domain.networks import NETWORK_ORDER, Network, PeerSide
from netui.domain.rings import Ring
from netui.domain.text import clean_input

_WORD = re.compile(r"[^\W_]+")  # as SQLite's unicode61 tokenizer splits words
_PREFIXES = {
    "ring": "ring", "r": "ring",
    "net": "network", "network": "network", "n": "network",
    "tag": "tag", "t": "tag",
    "company": "company", "co": "company", "at": "company",
}
_FLAGS = {"due", "distant", "inside", "outside", "unsorted"}


@dataclass(frozen=True)
class PeopleFilter:
    """What a query asks for; empty means everyone."""

    words: tuple[str, ...] = ()  # each must start a word somewhere in the person's text
    without: tuple[str, ...] = ()  # none of these may
    rings: tuple[Ring, ...] = ()
    networks: tuple[Network, ...] = ()
    unsorted: bool = False  # in no network
    tags: tuple[str, ...] = ()
    company: tuple[str, ...] = ()  # words of the company's name
    due: bool = False
    distant: bool = False
    side: PeerSide | None = None
    problems: tuple[str, ...] = field(default=(), compare=False)  # e.g. "ring:hot is not a ring"

    @property
    def active(self) -> bool:
        return self != PeopleFilter()

    def describe(self) -> str:
        """The filter in words, for a title line: what is on."""
        parts = [" ".join(self.words)] if self.words else []
        parts += [f"not {w}" for w in self.without]
        parts += [f"{r.value}" for r in self.rings]
        parts += [f"{n.value}s" for n in self.networks]
        if self.unsorted:
            parts.append("in no network")
        parts += [f"tag {t}" for t in self.tags]
        if self.company:
            parts.append("at " + " ".join(self.company))
        if self.due:
            parts.append("due")
        if self.distant:
            parts.append("distant")
        if self.side:
            parts.append(f"{self.side.value} peers")
        return ", ".join(parts)


def words_of(text: str) -> tuple[str, ...]:
    """The words of ``text`` as the search index sees them (letters and digits)."""
    return tuple(w.casefold() for w in _WORD.findall(clean_input(text)))


def parse_query(text: str) -> PeopleFilter:
    """Read a query (see the module's documentation). Never raises: what cannot be read
    as a condition is kept as words, and ``problems`` says why a condition was odd."""
    words: list[str] = []
    without: list[str] = []
    rings: list[Ring] = []
    networks: list[Network] = []
    tags: list[str] = []
    company: list[str] = []
    problems: list[str] = []
    flags: set[str] = set()
    unsorted = False
    for token in clean_input(text).split():
        lower = token.casefold()
        name, colon, value = lower.partition(":")
        if colon and name in _PREFIXES and value:
            kind = _PREFIXES[name]
            if kind == "ring":
                try:
                    rings.append(Ring.parse(value))
                except ValueError:
                    problems.append(f"{token}: not a ring (cold, lukewarm, strategic, buddy)")
                    words.extend(words_of(value))
            elif kind == "network":
                if value in ("none", "no", "-"):
                    unsorted = True
                    continue
                try:
                    networks.append(Network.parse(value))
                except ValueError:
                    problems.append(f"{token}: not a network (support, peer, mentor, mentee, none)")
                    words.extend(words_of(value))
            elif kind == "tag":
                tags.append(" ".join(clean_input(value).split()))
            else:
                company.extend(words_of(value))
            continue
        if lower in _FLAGS:
            flags.add(lower)
            continue
        if lower.startswith("-") and len(lower) > 1:
            without.extend(words_of(lower[1:]))
            continue
        words.extend(words_of(token))
    side = None
    if "inside" in flags and "outside" not in flags:
        side = PeerSide.INSIDE
    elif "outside" in flags and "inside" not in flags:
        side = PeerSide.OUTSIDE
    return PeopleFilter(
        words=tuple(dict.fromkeys(words)),
        without=tuple(dict.fromkeys(without)),
        rings=tuple(dict.fromkeys(rings)),
        networks=tuple(n for n in NETWORK_ORDER if n in networks),
        unsorted=unsorted or "unsorted" in flags,
        tags=tuple(dict.fromkeys(tags)),
        company=tuple(dict.fromkeys(company)),
        due="due" in flags,
        distant="distant" in flags,
        side=side,
        problems=tuple(problems),
    )
