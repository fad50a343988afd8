"""vCard 3.0 and 4.0 (``.vcf``), read with ``vobject``: one or many cards per file.

netui uses FN (or N), ORG, TITLE, EMAIL, TEL, URL, NOTE and CATEGORIES (as "can help
with" tags). Everything else on a card (addresses, photos, birthdays, a second email,
other apps' ``X-`` properties) is kept verbatim in ``person.extra["vcard"]`` and
written back on export, so a round trip through netui loses nothing. So are the
original lines of the properties netui reads: while the person's field still holds
what was read, the export writes the line as it was (with its TYPE and other
parameters); once you change the field, netui writes the new value instead.

Export adds the ring and networks as ``X-NETUI-`` properties and as CATEGORIES.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import vobject
from vobject.base import ParseError, VObjectError

from netui.domain.models import Membership, Person
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
# Never kept: they frame the card, and the export writes its own.
FRAME = ("BEGIN", "END", "VERSION")

_DECODED = frozenset(("VERSION", "CATEGORIES", "BDAY", *MAPPED, *NETUI))
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")


def _cards(text: str) -> list[tuple[int, list[str]]]:
    """(line of BEGIN:VCARD, the card's unfolded lines) for each card in the file."""
    cards: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and current:
            current[-1] += raw[1:]  # a folded line continues the one before it
            continue
        line = raw.strip("\r\n")
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            current, start = [], number
        elif word == "END:VCARD" and current is not None:
            cards.append((start, current))
            current = None
        elif current is not None and line.strip():
            current.append(line)
    return cards


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


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


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if str(v).strip())
    return "" if value is None else str(value)


def _name_from_n(n: Any) -> str:
    parts = [getattr(n, a, "") for a in ("prefix", "given", "additional", "family", "suffix")]
    return " ".join(_text(p) for p in parts if _text(p).strip())


def parse(text: str, source: str = "contacts.vcf", progress: Progress | None = None) -> Parsed:
    parsed = Parsed(source=f"{source} (vCard)", noun="cards")
    cards = _cards(text)
    if not cards:
        raise FormatError(f"{source} holds no vCard (no BEGIN:VCARD … END:VCARD); is it a .vcf file?")
    step = max(1, len(cards) // 100)
    for done, (line, lines) in enumerate(cards, start=1):
        if progress and (done % step == 0 or done == len(cards)):
            progress(done, len(cards))
        # vobject decodes only the properties netui reads; the rest (photos, addresses…) is
        # kept as text, so there is no need to spend time decoding it.
        wanted = [text for text in lines if _prop_name(text) in _DECODED]
        try:
            card = vobject.readOne("\r\n".join(["BEGIN:VCARD", *wanted, "END:VCARD"]) + "\r\n")
        except (ParseError, VObjectError, ValueError, TypeError, AttributeError) as exc:
            parsed.skipped.append(Skip(line, f"cannot be read as a vCard ({cleaned(exc)[:80]})"))
            continue
        record = _record(parsed, line, card, lines)
        if record is not None:
            parsed.records.append(record)
    return parsed


def _record(parsed: Parsed, line: int, card: Any, lines: list[str]) -> Incoming | None:
    contents: dict[str, list[Any]] = {k.upper(): v for k, v in card.contents.items()}
    raw = [(_prop_name(text), without_controls(text)) for text in lines]

    def first(name: str) -> Any:
        props = contents.get(name) or []
        return props[0] if props else None

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
        if entry and len(entry) == 2 and entry[1] == current:
            lines.append(entry[0])  # as read, parameters and all
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
    lines.extend(stored.get("keep", []))

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
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def export(db: Database, ids: Collection[int] | None = None) -> str:
    """Every live person (or those of ``ids``) as one vCard 3.0 each, in name order."""
    return "".join(card_for(person) for person in export_people(db, ids))
