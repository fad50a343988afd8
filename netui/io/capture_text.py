"""What a calendar or mail import says it did, and the Inbox as plain text and JSON."""

from __future__ import annotations

import json

from netui.domain.capture import DIRECTION_WORDS, CaptureReport, ProposalRow
from netui.domain.text import displayable, json_safe

UNKNOWN_SHOWN = 20  # unknown attendees listed by name; the rest are counted


def report_lines(report: CaptureReport, *, dry_run: bool, add_unknown: bool) -> list[str]:
    lines = [f"Read {report.read:,} {report.what}" + (" (stopped: ctrl+c; what was read is kept)" if report.interrupted else "") + "."]
    if not report.me_known:
        lines.append(
            "netui cannot tell which address is yours: give --me you@example.com (remembered for next time). "
            "Until then no event is skipped as declined by you or as only you."
            + (f" The address seen most often is {report.likely_me}: if it is yours, add --me {report.likely_me}."
               if report.likely_me else "")
        )
    verb = "Would propose" if dry_run else "Proposed"
    lines.append(f"{verb} {report.new:,} new journal entr{'y' if report.new == 1 else 'ies'}"
                 + (f"; {report.again:,} were proposed, logged or dismissed before" if report.again else "") + ".")
    if report.logged:
        lines.append(f"Logged {report.logged:,} of them (--yes).")
    if report.added:
        lines.append(f"Added {report.added:,} unknown people as cold contacts.")
    if report.skipped:
        parts = ", ".join(f"{n:,} {why}" for why, n in sorted(report.skipped.items(), key=lambda kv: -kv[1]))
        lines.append(f"Skipped: {parts}.")
    if report.unknown and not add_unknown:
        lines.append(f"People nobody knows ({len(report.unknown):,}); add them as cold contacts with --add-unknown:")
        for address, name in list(report.unknown.items())[:UNKNOWN_SHOWN]:
            lines.append(f"  {name} <{address}>" if name else f"  {address}")
        if len(report.unknown) > UNKNOWN_SHOWN:
            lines.append(f"  … and {len(report.unknown) - UNKNOWN_SHOWN:,} more")
    if report.coming:
        lines.append(f"Coming up: {len(report.coming):,} meeting{'s' if len(report.coming) != 1 else ''} ahead "
                     "with people you know (on the Agenda; `netui brief NAME` before you go).")
    if dry_run:
        lines.append("Dry run: nothing was written.")
    elif report.waiting:
        lines.append(f"Waiting in the Inbox: {report.waiting:,} (press 6 in netui, or `netui inbox`).")
    return [displayable(line) for line in lines]


def _who(row: ProposalRow) -> str:
    names = list(row.names)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def inbox_text(rows: list[ProposalRow]) -> str:
    if not rows:
        return "The Inbox is empty: nothing proposed waits."
    lines = [f"Inbox: {len(rows):,} proposed (newest first)"]
    for r in rows:
        when = f"{r.date.isoformat()} {r.time or '     '}"
        how = f" ({DIRECTION_WORDS[r.direction]})" if r.direction else ""
        lines.append(displayable(f"  #{r.id}  {when}  {r.kind:<7}  {_who(r)}: {r.summary}{how}"))
    return "\n".join(lines)


def inbox_json(rows: list[ProposalRow]) -> str:
    return json_safe(json.dumps([
        {
            "id": r.id, "source": r.source, "date": r.date.isoformat(), "time": r.time or None, "kind": r.kind,
            "summary": r.summary, "direction": r.direction,
            "people": [{"id": pid, "name": name} for pid, name in r.people],
        }
        for r in rows
    ], ensure_ascii=False, indent=2))


def finish(
    db, report: CaptureReport, seen: list[str], *, me: tuple[str, ...], dry_run: bool, add_unknown: bool, log_all: bool
) -> CaptureReport:
    """Store what an import found (unless ``dry_run``), all in one transaction, and count it."""
    from netui.store.proposals import already_proposed, count_waiting, save_proposals

    kept = [d for d in report.proposed if d.person_ids or (add_unknown and d.unknown)]
    if dry_run:
        before = already_proposed(db, [d.source_key for d in kept])
        report.again = sum(1 for d in kept if d.source_key in before)
        report.new = len(kept) - report.again
        return report
    new_people = [(name or address, address) for address, name in report.unknown.items()] if add_unknown else []
    report.new, report.again, report.added, report.logged = save_proposals(
        db, kept, new_people=new_people, seen_messages=seen, log_all=log_all, me=me,
        coming=report.coming if report.what == "events" else None,
    )
    report.waiting = count_waiting(db)
    return report


def brief_text(b) -> str:
    from netui.domain.brief import brief_lines

    return "\n".join(displayable(f"{label + ':':<15}{text}") for label, text in brief_lines(b))


def brief_json(b) -> str:
    p = b.person
    return json_safe(json.dumps({
        "id": p.id, "name": p.name, "company": p.company, "title": p.title, "ring": p.ring.value,
        "networks": [n.value for n in p.networks],
        "last_contact": p.last_contact.isoformat() if p.last_contact else None,
        "recent": [{"id": e.id, "date": e.date.isoformat(), "kind": e.kind, "summary": e.summary} for e in b.recent],
        "open_follow_ups": [
            {"id": e.id, "due": e.follow_up.isoformat() if e.follow_up else None, "kind": e.kind, "summary": e.summary}
            for e in b.open_follow_ups
        ],
        "can_help_with": list(p.help_tags), "you_can_offer": list(p.offer_tags),
        "new_roles": [{"id": j.id, "before": j.before, "after": j.after, "on": j.changed_on.isoformat(), "state": j.state}
                      for j in b.jobs],
        "intro_paths": [{"id": x.person_id, "name": x.name, "ring": x.ring.value, "via": x.via} for x in b.intro_paths],
        "next_meeting": None if b.meeting is None else {
            "id": b.meeting.id, "date": b.meeting.date.isoformat(), "time": b.meeting.time or None,
            "title": b.meeting.title, "kind": b.meeting.kind,
            "people": [{"id": pid, "name": name} for pid, name in b.meeting.people],
        },
    }, ensure_ascii=False, indent=2))
