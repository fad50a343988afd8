"""vCard 3.0 and 4.0 (``.vcf``), read with ``vobject``: one or many cards per file.

netui uses FN (or N), ORG, TITLE, EMAIL, TEL, URL, NOTE, CATEGORIES (as "can help
with" tags), BDAY and ANNIVERSARY (as the person's birthday and anniversary, with or
without the year: ``1987-03-14``, ``19870314``, ``--0314``, ``--03-14``, and Apple's
``X-APPLE-OMIT-YEAR``). Everything else on a card (addresses, photos, a second email,
other apps' ``X-`` properties) is kept verbatim in ``person.extra["vcard"]`` and
written back on export, so a round trip through netui loses nothing. So are the
original lines of the properties netui reads: while the person's field still holds
what was read, the export writes the line as it was (with its TYPE and other
parameters); once you change the field, netui writes the new value instead.

Export adds the ring and networks as ``X-NETUI-`` properties and as CATEGORIES, and
netui's named dates as ``X-NETUI-DATE:<date>;<yearly|once>;<days ahead>;<label>``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vobject
from vobject.base import ParseError, VObjectError

from netui.domain.dates import DateError, When, check_when
from netui.domain.models import Membership, Person
from netui.domain.occasions import DateDraft, DateKind, PersonDate, date_draft
from netui.domain.networks import NETWORK_ORDER
from netui.domain.rings import Ring
from netui.domain.validation import check_cadence, parse_tags
from netui.io.common import (
    FormatError,
    Incoming,
    Parsed,
    Progress,
    Skip,
    check_incoming_name,
    checked_email,
    cleaned,
    extra_part,
    read_text,
    without_controls,
)
from netui.io.csvfile import _networks, network_cell
from netui.store.db import Database
from netui.store.exports import export_people

EXTRA_KEY = "vcard"
# Properties whose value becomes a netui field: their original line is remembered
# together with the value it gave, and written back while the field still holds it.
MAPPED = ("FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "NOTE")
NETUI = ("X-NETUI-RING", "X-NETUI-NETWORKS", "X-NETUI-HELP", "X-NETUI-OFFER", "X-NETUI-LOCATION",
         "X-NETUI-PURPOSE", "X-NETUI-KEEP-IN-TOUCH")
# Dates: the line read is remembered with the date it gave, like MAPPED, and written back
# while the person's date is still that one.
DATES = {"BDAY": DateKind.BIRTHDAY, "ANNIVERSARY": DateKind.ANNIVERSARY}
NETUI_DATE = "X-NETUI-DATE"
# Never kept: they frame the card, and the export writes its own.
FRAME = ("BEGIN", "END", "VERSION")

_DECODED = frozenset(("VERSION", "CATEGORIES", *DATES, *MAPPED, *NETUI))
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")


# RFC 6350 ends a content line with CRLF; files written on Unix use LF. Nothing else ends
# a line: U+2028, NEL, VT, FF and FS/GS/RS inside a value are characters of that value.
_PHYSICAL_LINE_END = re.compile(r"\r?\n")
# What must never reach a written card: every character some reader takes as a line end.
_LINE_BREAKING = re.compile("\r\n|[\r\n\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e]")


@dataclass
class _Split:
    cards: list[tuple[int, list[str]]] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[Skip] = field(default_factory=list)


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, unfolded content line), in linear time.

    A line starting with a space or tab continues the one before it (RFC 6350 folding); a
    vCard 2.1 quoted-printable value ending in ``=`` continues on the next line (soft break).
    """
    parts: list[str] = []
    start = 0
    quoted_printable = False
    for number, raw in enumerate(_PHYSICAL_LINE_END.split(text), start=1):
        if parts and raw[:1] in (" ", "\t"):
            parts.append(raw[1:])
            continue
        if parts and quoted_printable and parts[-1].endswith("="):
            parts[-1] = parts[-1][:-1]
            parts.append(raw)
            continue
        if parts:
            yield start, "".join(parts)
        parts, start = [raw], number
        head = raw.split(":", 1)[0].upper()
        quoted_printable = "QUOTED-PRINTABLE" in head
    if parts:
        yield start, "".join(parts)


def _cards(text: str) -> _Split:
    """The cards in the file (line of BEGIN:VCARD, the card's unfolded lines) and what was wrong
    with the rest: a card with no END:VCARD, a BEGIN:VCARD inside a card, text outside any card."""
    out = _Split()
    current: list[str] | None = None
    start = 0
    outside: int | None = None
    for number, line in _logical_lines(text):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            if current is not None:
                out.skipped.append(Skip(start, f"a BEGIN:VCARD on line {number:,} starts before this card's END:VCARD"))
            current, start = [], number
        elif word == "END:VCARD":
            if current is None:
                out.warnings.append(Skip(number, "END:VCARD with no card open: ignored"))
            else:
                out.cards.append((start, current))
                current = None
        elif current is not None:
            if line.strip():
                current.append(line)
        elif line.strip() and outside is None:
            outside = number
            out.warnings.append(Skip(number, "text outside any BEGIN:VCARD … END:VCARD: ignored"))
    if current is not None:
        out.skipped.append(Skip(start, "no END:VCARD: the file ends inside this card"))
    return out


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return _LINE_BREAKING.sub("\\\\n", text)


def _one_line(line: str) -> str:
    """A line written as read (kept, or as_read): whatever it holds, it stays one line."""
    return _LINE_BREAKING.sub("", line)


def fold(line: str, limit: int = 75) -> str:
    """A content line folded the vCard way: at most ``limit`` octets a line, never inside a character."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n".join(out) + "\r\n"


def _prop_name(line: str) -> str:
    found = _NAME.match(line)
    return found.group(1).upper() if found else ""


def _is_pref(prop: Any) -> bool:
    params = {k.upper(): [str(v).lower() for v in vs] for k, vs in prop.params.items()}
    return "pref" in params.get("TYPE", []) or "PREF" in params and params["PREF"][:1] == ["1"]


def _choose(props: list[Any], prefer: Any = None) -> int:
    """Index of the property netui takes as *the* email, phone or URL: a preferred one, else the first."""
    for i, prop in enumerate(props):
        if _is_pref(prop):
            return i
    if prefer is not None:
        for i, prop in enumerate(props):
            if prefer(prop):
                return i
    return 0


_BDAY = re.compile(r"^(\d{4}-?\d{2}-?\d{2}|--\d{2}-?\d{2}|\d{4}-\d{2}|\d{4}|---\d{2})(T.*)?$")


def _bday_ok(value: str, params: dict[str, list[str]]) -> bool:
    if any(v.lower() == "text" for v in params.get("VALUE", [])):
        return True  # vCard 4.0 allows "BDAY;VALUE=text:circa 1800"
    found = _BDAY.match(value.strip())
    if not found:
        return False
    digits = found.group(1).replace("-", "")
    if len(digits) == 8:
        month, day = int(digits[4:6]), int(digits[6:8])
    elif len(digits) == 4 and found.group(1).startswith("--"):
        month, day = int(digits[:2]), int(digits[2:])
    else:
        return True
    return 1 <= month <= 12 and 1 <= day <= 31


_DATE_VALUE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$")
_NO_YEAR_VALUE = re.compile(r"^--(\d{2})-?(\d{2})$")


def vcard_when(value: str, params: dict[str, list[str]]) -> When | None:
    """The date a BDAY or ANNIVERSARY gives: ``1987-03-14``, ``19870314``, ``1987-03-14T…``,
    ``--0314``, ``--03-14``; Apple's ``X-APPLE-OMIT-YEAR=1604`` on ``1604-03-14`` means no year.
    None for what is not a whole day (``VALUE=text``, a year alone) or not a real date."""
    if any(v.lower() == "text" for v in params.get("VALUE", [])):
        return None
    text = value.strip()
    try:
        if found := _NO_YEAR_VALUE.match(text):
            return check_when(None, int(found.group(1)), int(found.group(2)), text)
        if found := _DATE_VALUE.match(text):
            year, month, day = (int(g) for g in found.groups())
            omit = params.get("X-APPLE-OMIT-YEAR", [])
            if omit and omit[0].strip() == found.group(1):
                return check_when(None, month, day, text)
            return check_when(year, month, day, text, any_year=True)
    except DateError:
        return None
    return None


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _split_escaped(text: str, sep: str, parts: int) -> list[str]:
    """``text`` split on ``sep`` where not escaped, into at most ``parts`` pieces (still escaped)."""
    out, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if ch == sep and len(out) < parts - 1:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    out.append("".join(current))
    return out


def netui_date(line: str) -> DateDraft | None:
    """netui's own named date, ``X-NETUI-DATE:2016-03-20;yearly;;Started at Acme``."""
    value = line.split(":", 1)[1] if ":" in line else ""
    pieces = _split_escaped(value, ";", 4)
    if len(pieces) != 4:
        return None
    when_text, repeat, lead, label = pieces
    when = vcard_when(when_text, {})
    if when is None or repeat not in ("yearly", "once") or (lead and not lead.isdigit()):
        return None
    try:
        return date_draft(cleaned(_unescape(label)), when, yearly=repeat == "yearly", lead_days=int(lead) if lead else None)
    except DateError:
        return None


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if str(v).strip())
    return "" if value is None else str(value)


def _name_from_n(n: Any) -> str:
    parts = [getattr(n, a, "") for a in ("prefix", "given", "additional", "family", "suffix")]
    return " ".join(_text(p) for p in parts if _text(p).strip())


def parse(text: str, source: str = "contacts.vcf", progress: Progress | None = None) -> Parsed:
    parsed = Parsed(source=f"{source} (vCard)", noun="cards")
    split = _cards(text)
    cards = split.cards
    if not cards and not split.skipped:
        raise FormatError(f"{source} holds no vCard (no BEGIN:VCARD … END:VCARD); is it a .vcf file?")
    parsed.skipped.extend(split.skipped)
    parsed.warnings.extend(split.warnings)
    step = max(1, len(cards) // 100)
    for done, (line, lines) in enumerate(cards, start=1):
        if progress and (done % step == 0 or done == len(cards)):
            progress(done, len(cards))
        # vobject decodes only the properties netui reads; the rest (photos, addresses…) is
        # kept as text, so there is no need to spend time decoding it.
        # A lone CR (or U+2028…) inside a value is not a line end: vobject must not take it for one.
        wanted = [_LINE_BREAKING.sub(" ", text) for text in lines if _prop_name(text) in _DECODED]
        try:
            card = vobject.readOne("\r\n".join(["BEGIN:VCARD", *wanted, "END:VCARD"]) + "\r\n")
        except (ParseError, VObjectError, ValueError, TypeError, AttributeError) as exc:
            parsed.skipped.append(Skip(line, f"cannot be read as a vCard ({cleaned(exc)[:80]})"))
            continue
        record = _record(parsed, line, card, lines)
        if record is not None:
            parsed.records.append(record)
    parsed.skipped.sort(key=lambda skip: skip.line)
    parsed.warnings.sort(key=lambda skip: skip.line)
    return parsed


def _record(parsed: Parsed, line: int, card: Any, lines: list[str]) -> Incoming | None:
    contents: dict[str, list[Any]] = {k.upper(): v for k, v in card.contents.items()}
    raw = [(_prop_name(text), _one_line(without_controls(text))) for text in lines]

    def first(name: str) -> Any:
        props = contents.get(name) or []
        return props[0] if props else None

    for prop_name in (*MAPPED, *NETUI, "CATEGORIES"):
        for prop in contents.get(prop_name, []):
            values = prop.value if isinstance(prop.value, list) else [prop.value]
            if any(isinstance(v, (bytes, bytearray)) for v in values):
                parsed.skipped.append(Skip(line, f"{prop_name} is binary data (ENCODING=b), not text"))
                return None

    name_prop = first("FN")
    name = cleaned(_text(name_prop.value)) if name_prop else ""
    if not name and first("N") is not None:
        name = cleaned(_name_from_n(first("N").value))
    reason = check_incoming_name(name)
    if reason:
        parsed.skipped.append(Skip(line, reason))
        return None
    for bday in contents.get("BDAY", []):
        params = {k.upper(): [str(v) for v in vs] for k, vs in bday.params.items()}
        if not _bday_ok(_text(bday.value), params):
            parsed.skipped.append(Skip(line, f"bad date {cleaned(_text(bday.value))!r} in BDAY"))
            return None

    keep: list[str] = []
    as_read: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    dates: list[DateDraft] = []
    chosen: dict[str, int] = {
        "EMAIL": _choose(contents.get("EMAIL", [])),
        "TEL": _choose(contents.get("TEL", [])),
        "URL": _choose(contents.get("URL", []), prefer=lambda p: "linkedin.com" in _text(p.value).lower()),
    }
    seen: dict[str, int] = {}
    for prop_name, text in raw:  # in file order, so kept lines keep their order
        i = seen.get(prop_name, 0)
        seen[prop_name] = i + 1
        if prop_name in FRAME or prop_name in NETUI or prop_name == "CATEGORIES":
            continue
        if prop_name == NETUI_DATE:
            draft = netui_date(text)
            if draft is None or draft.kind != DateKind.OTHER or any(d.label.lower() == draft.label.lower() for d in dates):
                keep.append(text)  # not one netui can read back: kept as it was
            else:
                dates.append(draft)
            continue
        if prop_name in DATES:
            props = contents.get(prop_name, [])
            when = None
            if i == 0 and props:
                params = {k.upper(): [str(v) for v in vs] for k, vs in props[0].params.items()}
                when = vcard_when(_text(props[0].value), params)
            if when is None:
                keep.append(text)  # a second one, or a date netui cannot hold (VALUE=text): kept verbatim
            else:
                dates.insert(0, DateDraft(label=DATES[prop_name].default_label, when=when, kind=DATES[prop_name]))
                as_read[prop_name] = [text, when.iso()]
            continue
        if prop_name not in MAPPED:
            keep.append(text)
            continue
        props = contents.get(prop_name, [])
        if i != chosen.get(prop_name, 0) or i >= len(props):
            keep.append(text)  # a second email, phone, URL or note: kept, not used
            continue
        value = props[i].value
        if prop_name == "ORG":
            parts = value if isinstance(value, list) else [value]
            field_value = cleaned(parts[0] if parts else "")
        elif prop_name == "N":
            field_value = name
        elif prop_name == "FN":
            field_value = name
        elif prop_name == "NOTE":
            field_value = cleaned(_text(value), multiline=True)
        else:
            field_value = cleaned(_text(value))
        # vCard 4.0 may write these as URIs.
        for prop, scheme in (("TEL", "tel:"), ("EMAIL", "mailto:")):
            if prop_name == prop and field_value.lower().startswith(scheme):
                field_value = field_value[len(scheme):]
        values[prop_name] = field_value
        as_read[prop_name] = [text, field_value]

    categories: list[str] = []
    for prop in contents.get("CATEGORIES", []):
        value = prop.value if isinstance(prop.value, list) else [prop.value]
        categories.extend(cleaned(v) for v in value if cleaned(v))

    netui = {name: cleaned(_text(first(name).value)) for name in NETUI if first(name) is not None}
    ring: Ring | None = None
    memberships: tuple[Membership, ...] = ()
    cadence: int | None = None
    try:
        if netui.get("X-NETUI-RING"):
            ring = Ring.parse(netui["X-NETUI-RING"])
        memberships = _networks(netui.get("X-NETUI-NETWORKS", ""))
    except ValueError as exc:
        parsed.skipped.append(Skip(line, str(exc)))
        return None
    if netui.get("X-NETUI-KEEP-IN-TOUCH"):
        cadence, problem = check_cadence(netui["X-NETUI-KEEP-IN-TOUCH"])
        if problem:
            parsed.skipped.append(Skip(line, f"bad keep-in-touch {netui['X-NETUI-KEEP-IN-TOUCH']!r}"))
            return None
    if "X-NETUI-RING" in netui:
        # netui's own card: CATEGORIES also carry the ring and networks; the tags are these.
        help_tags = parse_tags(netui.get("X-NETUI-HELP", ""))
    else:
        help_tags = parse_tags(",".join(c.replace(",", " ") for c in categories))

    if "FN" not in as_read:  # a card with only N: the export writes FN, so remember it as if read
        fn = f"FN:{_escape(name)}"
        as_read = {"FN": [fn, name], **as_read}
    extra: dict[str, Any] = {}
    if keep:
        extra["keep"] = keep
    if as_read:
        extra["as_read"] = as_read
    spelled = [c for c in categories if c.lower() != c and " ".join(c.lower().split()) in help_tags]
    if spelled:
        extra["categories"] = spelled  # original spellings, since tags are stored lower-case
    return Incoming(
        line=line,
        name=name,
        company=values.get("ORG", ""),
        title=values.get("TITLE", ""),
        email=checked_email(parsed, line, values.get("EMAIL", "")),
        phone=values.get("TEL", ""),
        url=values.get("URL", ""),
        notes=values.get("NOTE", ""),
        location=netui.get("X-NETUI-LOCATION", ""),
        purpose=netui.get("X-NETUI-PURPOSE", ""),
        ring=ring,
        memberships=memberships,
        cadence_override=cadence,
        help_tags=help_tags,
        offer_tags=parse_tags(netui.get("X-NETUI-OFFER", "")),
        extra=extra,
        dates=tuple(sorted(dates, key=lambda d: list(DateKind).index(d.kind))),
    )


def parse_file(path: str | Path, progress: Progress | None = None) -> Parsed:
    return parse(read_text(path, "vCard"), Path(path).name, progress)


# ---------------------------------------------------------------- export


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) for a generated N: the last word is taken as the family name."""
    parts = name.split()
    if len(parts) < 2:
        return "", name
    return parts[-1], " ".join(parts[:-1])


def card_for(person: Person) -> str:
    """One person as a vCard 3.0.

    Written line by line rather than through vobject's serializer, so the order is fixed
    (name first, then what netui knows, the kept lines, netui's own properties) and a card
    read back and written again comes out byte for byte the same.
    """
    stored = extra_part(person.extra, EXTRA_KEY)
    as_read: dict[str, list[str]] = stored.get("as_read", {})
    lines = ["BEGIN:VCARD", "VERSION:3.0"]

    def put(prop: str, current: str, fresh: str) -> None:
        entry = as_read.get(prop)
        if entry and len(entry) == 2 and isinstance(entry[0], str) and entry[1] == current:
            lines.append(_one_line(entry[0]))  # as read, parameters and all
        elif current:
            lines.append(f"{prop}:{fresh}")

    name = person.name
    family, given = _split_name(name)
    put("FN", name, _escape(name))
    put("N", name, f"{_escape(family)};{_escape(given)};;;")
    put("ORG", person.company, _escape(person.company))
    put("TITLE", person.title, _escape(person.title))
    put("EMAIL", person.email, _escape(person.email))
    put("TEL", person.phone, _escape(person.phone))
    put("URL", person.url, _escape(person.url))
    put("NOTE", person.notes, _escape(person.notes))
    if not any(_prop_name(line) == "N" for line in lines):
        lines.append(f"N:{_escape(family)};{_escape(given)};;;")  # vCard 3.0 requires N
    for prop, kind in DATES.items():
        found = next((d for d in person.dates if d.kind == kind), None)
        if found is not None:
            put(prop, found.when.iso(), found.when.iso())
    lines.extend(_one_line(line) for line in stored.get("keep", []) if isinstance(line, str))

    spelling = {" ".join(c.lower().split()): c for c in stored.get("categories", [])}
    help_tags, offer_tags = person.help_tags, person.offer_tags
    ring = person.ring.value
    categories = [spelling.get(t, t) for t in help_tags] + [ring] + [ms.network.value for ms in person.memberships]
    lines.append("CATEGORIES:" + ",".join(_escape(c) for c in categories))
    lines.append(f"X-NETUI-RING:{ring}")
    for prop, value in (
        ("X-NETUI-NETWORKS", ", ".join(network_cell(ms) for ms in person.memberships)),
        ("X-NETUI-HELP", ", ".join(help_tags)),
        ("X-NETUI-OFFER", ", ".join(offer_tags)),
        ("X-NETUI-LOCATION", person.location),
        ("X-NETUI-PURPOSE", person.purpose),
        ("X-NETUI-KEEP-IN-TOUCH", str(person.cadence_override or "")),
    ):
        if value:
            lines.append(f"{prop}:{_escape(value)}")
    for d in person.dates:
        if d.kind == DateKind.OTHER:
            lead = "" if d.lead_days is None else str(d.lead_days)
            repeat = "yearly" if d.yearly else "once"
            lines.append(f"{NETUI_DATE}:{d.when.iso()};{repeat};{lead};{_escape(d.label)}")
    lines.append("END:VCARD")
    return "".join(fold(_one_line(line)) for line in lines)


def export(db: Database, ids: Collection[int] | None = None) -> str:
    """Every live person (or those of ``ids``) as one vCard 3.0 each, in name order."""
    return "".join(card_for(person) for person in export_people(db, ids))
