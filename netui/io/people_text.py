"""People on the command line: lists, one person, likely duplicates and a merge plan, as
plain text that fits 80 columns or as JSON with ids. Every stored string is shown through
``displayable`` (no live terminal controls); JSON goes through ``json_safe``."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from typing import TYPE_CHECKING, Any

from netui.domain.cadence import days_until_due, due_sentence, due_words, effective_cadence
from netui.domain.networks import peer_side
from netui.domain.text import displayable, json_safe

if TYPE_CHECKING:  # `netui people` reads 10,000 rows: only what it uses is imported
    from netui.domain.intro_paths import IntroPath
    from netui.domain.journal import TimelineEntry
    from netui.domain.models import Person, PersonRow

WIDTH = 80


def cells(text: str) -> int:
    """Terminal columns ``text`` takes (wide East Asian characters take two)."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    """``text`` shown safely, cut with … and padded to exactly ``width`` columns."""
    if text.isascii() and text.isprintable():  # most cells: one column a character, nothing to clean
        return text[:width - 1] + "…" if len(text) > width else text.ljust(width)
    text = " ".join(displayable(text).split())
    if cells(text) > width:
        out, used = [], 0
        for ch in text:
            w = cells(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return text + " " * (width - cells(text))


def dumps(value: Any) -> str:
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2))


def dumps_rows(rows: list[dict[str, Any]]) -> str:
    """A JSON array written in one call of json's C encoder (``indent`` would use the Python
    one, ten times slower at 10,000 people); pipe it through ``jq`` to read it."""
    return json_safe(json.dumps(rows, ensure_ascii=False))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


# ---------------------------------------------------------------- lists


def row_dict(row: PersonRow, today: date) -> dict[str, Any]:
    left = row.due_in(today)
    text, overdue = due_words(left, row.last_contact is None, row.distant)
    return {
        "id": row.id, "name": row.name, "company": row.company, "title": row.title, "ring": row.ring.value,
        "networks": [n.value for n in row.networks], "last_contact": _day(row.last_contact),
        "cadence_days": row.cadence_days, "days_until_due": left, "due": text, "overdue": overdue,
        "distant": row.distant, "snoozed_until": _day(row.snoozed_until),
    }


_COLUMNS = ((6, "ID"), (21, "NAME"), (18, "COMPANY"), (9, "RING"), (10, "NETWORKS"), (11, "DUE"))


def _nets(row: PersonRow) -> str:
    short = {"support": "sup", "peer": "peer", "mentor": "ment", "mentee": "mtee"}
    return " ".join(short[n.value] for n in row.networks) or "·"


def people_table(rows: list[PersonRow], today: date) -> str:
    lines = [" ".join(fit(title, w) for w, title in _COLUMNS).rstrip()]
    for r in rows:
        due, _ = due_words(r.due_in(today), r.last_contact is None, r.distant)
        values = (f"#{r.id}", r.name, r.company, r.ring.value, _nets(r), due)
        lines.append(" ".join(fit(v, w) for (w, _), v in zip(_COLUMNS, values)).rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------- one person


def person_dict(
    p: Person, today: date, cadence_table: dict, my_company: str, timeline: list[TimelineEntry], paths: list[IntroPath],
) -> dict[str, Any]:
    cadence = effective_cadence(p.ring, p.cadence_override, p.distant, cadence_table)
    left = days_until_due(p.last_contact, cadence, today, p.snoozed_until)
    due, overdue = due_words(left, p.last_contact is None, p.distant)
    extra: Any = p.extra
    try:
        extra = json.loads(p.extra) if p.extra else {}
    except ValueError:
        pass
    return {
        "id": p.id, "version": p.version, "name": p.name, "company": p.company, "title": p.title, "email": p.email,
        "phone": p.phone, "url": p.url, "location": p.location, "purpose": p.purpose, "notes": p.notes,
        "ring": p.ring.value, "cadence_override": p.cadence_override, "cadence_days": cadence,
        "days_until_due": left, "due": due, "overdue": overdue,
        "last_contact": _day(p.last_contact), "snoozed_until": _day(p.snoozed_until),
        "introduced_by": {"id": p.introduced_by_id, "name": p.introduced_by_name} if p.introduced_by_id else None,
        "met_through": {"id": p.met_through.interaction_id, "date": p.met_through.day.isoformat(),
                        "kind": p.met_through.kind, "summary": p.met_through.summary,
                        "in_trash": p.met_through.in_trash} if p.met_through else None,
        "networks": [
            {"network": ms.network.value, "distant": ms.distant,
             "peer_side": ms.peer_side.value if ms.peer_side else None,
             **({"side": peer_side(p.company, my_company, ms.peer_side).value} if ms.network.value == "peer" else {})}
            for ms in p.memberships
        ],
        "tags": list(p.help_tags), "offers": list(p.offer_tags),
        "dates": [
            {"id": d.id, "kind": d.kind.value, "label": d.label, "when": d.when.iso(), "yearly": d.yearly,
             "lead_days": d.lead_days}
            for d in p.dates
        ],
        "knows": [{"id": k.other_id, "name": k.other_name, "ring": k.other_ring.value, "note": k.note} for k in p.knows],
        "ring_history": [
            {"from": mv.from_ring.value if mv.from_ring else None, "to": mv.to_ring.value,
             "at": mv.moved_at.isoformat() if mv.moved_at else None, "reason": mv.reason}
            for mv in p.ring_history
        ],
        "interactions": [
            {"id": e.id, "date": e.date.isoformat(), "kind": e.kind, "summary": e.summary, "reciprocity": e.reciprocity,
             "follow_up": _day(e.follow_up), "follow_up_done": e.follow_up_done, "with": list(e.others)}
            for e in timeline
        ],
        "intro_paths": [
            {"id": path.person_id, "name": path.name, "ring": path.ring.value, "via": path.via} for path in paths
        ],
        "extra": extra,
        "created_at": p.created_at.isoformat() if p.created_at else None,
        "updated_at": p.updated_at.isoformat() if p.updated_at else None,
    }


def _wrap(label: str, value: str, width: int = WIDTH) -> list[str]:
    """``label`` then ``value``, wrapped at word breaks into ``width`` columns."""
    indent = 16
    head = f"{label:<{indent - 1}} " if label else " " * indent
    words = displayable(value).split()
    lines, line = [], ""
    for word in words:
        while cells(word) > width - indent:  # one very long word (an address): cut it
            room = width - indent - cells(line) - (1 if line else 0)
            if room <= 0:
                lines.append(line)
                line, room = "", width - indent
            piece = fit(word, room).rstrip()[:-1] if room > 1 else word[:1]
            piece = piece or word[:1]
            line = f"{line} {piece}" if line else piece
            word = word[len(piece):]
        if line and cells(line) + 1 + cells(word) > width - indent:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [(head if i == 0 else " " * indent) + text for i, text in enumerate(lines)]


def person_text(doc: dict[str, Any]) -> str:
    out: list[str] = []
    add = out.extend
    add(_wrap("Name", f"{doc['name']} (#{doc['id']})"))
    for label, key in (("Company", "company"), ("Title", "title"), ("Email", "email"), ("Phone", "phone"),
                       ("Profile", "url"), ("Location", "location"), ("Why them", "purpose")):
        if doc[key]:
            add(_wrap(label, doc[key]))
    add(_wrap("Ring", doc["ring"]))
    sentence = due_sentence(doc["days_until_due"], doc["last_contact"] is None,
                            doc["due"] == "distant", doc["cadence_days"])
    add(_wrap("Due", sentence if doc["due"] in ("—", "distant") else f"{doc['due']} — {sentence}"))
    add(_wrap("Last contact", doc["last_contact"] or "never"))
    if doc["introduced_by"]:
        add(_wrap("Introduced by", f"{doc['introduced_by']['name']} (#{doc['introduced_by']['id']})"))
    if doc.get("met_through"):
        met = doc["met_through"]
        what = f"{met['kind']} {met['summary']}" if met["summary"] else met["kind"]
        trash = " (in the trash)" if met["in_trash"] else ""
        add(_wrap("Met through", f"{what}, {met['date']} (#{met['id']}){trash}"))
    nets = []
    for ms in doc["networks"]:
        extra = f" ({ms['side']})" if "side" in ms else " (distant)" if ms["distant"] else ""
        nets.append(ms["network"] + extra)
    add(_wrap("Networks", ", ".join(nets) or "none (unsorted)"))
    add(_wrap("Can help with", ", ".join(doc["tags"]) or "—"))
    add(_wrap("You can offer", ", ".join(doc["offers"]) or "—"))
    if doc["dates"]:
        add(_wrap("Dates", "; ".join(f"{d['label']} {d['when']}{'' if d['yearly'] else ' (once)'}" for d in doc["dates"])))
    add(_wrap("Knows", "; ".join(f"{k['name']} (#{k['id']}, {k['ring']})" + (f": {k['note']}" if k["note"] else "")
                                 for k in doc["knows"]) or "—"))
    add(_wrap("Intro paths", "; ".join(f"{p['name']} (#{p['id']}, {p['ring']}, {p['via']})"
                                       for p in doc["intro_paths"]) or "—"))
    out.append("Ring history")
    for mv in doc["ring_history"]:
        step = f"{mv['from']} -> {mv['to']}" if mv["from"] else f"added as {mv['to']}"
        reason = f" ({mv['reason']})" if mv["reason"] and mv["reason"] != "added" else ""
        add(_wrap("", f"{(mv['at'] or '?')[:10]} {step}{reason}"))
    out.append("Last interactions")
    if not doc["interactions"]:
        add(_wrap("", "none logged yet"))
    for e in doc["interactions"]:
        who = f" (with {', '.join(e['with'])})" if e["with"] else ""
        add(_wrap("", f"{e['date']} {e['kind']}: {e['summary']}{who}"))
    if doc["notes"]:
        out.append("Notes")
        for para in doc["notes"].splitlines():
            add(_wrap("", para) if para.strip() else [""])
    return "\n".join(line.rstrip() for line in out)


# ---------------------------------------------------------------- duplicates and merges


def duplicates_dict(pairs) -> list[dict[str, Any]]:
    return [
        {"people": [{"id": c.id, "name": c.name, "company": c.company, "ring": c.ring.value}
                    for c in (p.first, p.second)],
         "reasons": list(p.reasons)}
        for p in pairs
    ]


def duplicates_text(pairs) -> str:
    lines = []
    for p in pairs:
        a, b = p.first, p.second
        lines.append(fit(f"#{a.id} {a.name}" + (f", {a.company}" if a.company else ""), 37) + " = "
                     + fit(f"#{b.id} {b.name}" + (f", {b.company}" if b.company else ""), 40).rstrip())
        lines.append("    " + fit(", ".join(p.reasons), WIDTH - 4).rstrip())
    return "\n".join(lines)


def plan_dict(plan) -> dict[str, Any]:
    from netui.domain.merge import differing_fields

    return {
        "keep": {"id": plan.keep.id, "name": plan.keep.name},
        "other": {"id": plan.other.id, "name": plan.other.name},
        "differing": list(differing_fields(plan.keep, plan.other)),
        "merged": {**plan.values, "networks": list(plan.networks), "tags": list(plan.help_tags),
                   "offers": list(plan.offer_tags), "knows": list(plan.knows)},
        "interactions": plan.interactions, "ring_moves": plan.ring_moves,
    }


def plan_text(plan) -> str:
    from netui.domain.merge import MERGE_FIELDS, MERGE_LABELS, differing_fields

    differ = set(differing_fields(plan.keep, plan.other))
    out = [displayable(f"Merging #{plan.other.id} {plan.other.name} into #{plan.keep.id} {plan.keep.name} gives:")]
    for field in MERGE_FIELDS:
        value = plan.values[field]
        if value in ("", None):
            continue
        label = MERGE_LABELS[field] + (" *" if field in differ else "")
        for para in str(value).splitlines() or [""]:
            out.extend(_wrap(label, para) if para.strip() else [""])
            label = ""
    out.extend(_wrap("Networks", ", ".join(plan.networks) or "none"))
    out.extend(_wrap("Can help with", ", ".join(plan.help_tags) or "—"))
    out.extend(_wrap("You can offer", ", ".join(plan.offer_tags) or "—"))
    out.extend(_wrap("Knows", ", ".join(plan.knows) or "—"))
    out.extend(_wrap("Journal", f"{plan.interactions} entries (both journals)"))
    out.extend(_wrap("Ring history", f"{plan.ring_moves} moves (both histories)"))
    if differ:
        out.append("* both records differ here; --take FIELD=keep|other (notes also =both) picks")
    return "\n".join(line.rstrip() for line in out)
