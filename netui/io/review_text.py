"""The monthly review as plain text (fit for a mail) and as JSON.

The Review screen shows the same sections, so the wording lives here once."""

from __future__ import annotations

import json

from netui.domain.review import Review, review_as_dict
from netui.domain.text import displayable, json_safe

D = displayable


def _ago(days: int | None) -> str:
    return "never" if days is None else f"{days}d ago"


def routine_lines(r: Review) -> list[str]:
    rt = r.routine
    lines = []
    for s in rt.suggestions:
        who = D(s.name) if s.person_id is not None else "—"
        ring = f" ({s.ring.value})" if s.ring else ""
        mark = {"done": "✓", "snoozed": "z"}.get(s.state, "·")
        lines.append(f"{mark} {s.network.label:<8} {who}{ring}: {D(s.reason)}")
    strip = "".join(m.mark for m in rt.strip)
    lines.append(f"streak: {rt.streak} month{'s' if rt.streak != 1 else ''} · last 12 months {strip}"
                 " (● every network reached, ◐ some, ○ none)")
    return lines


def capital_lines(r: Review) -> list[str]:
    lines = []
    for c in r.capital.cells:
        who = ", ".join(f"{D(g.name)} ({g.ring.value})" for g in c.givers) or "nobody"
        more = f" +{c.count - len(c.givers)}" if c.count > len(c.givers) else ""
        head = f"{'gap ' if c.gap else '    '}{c.kind.label}: {who}{more}"
        lines.append(head)
        if c.next_step:
            lines.append(f"      next: {D(c.next_step)}")
    return lines


def give_take_lines(r: Review) -> list[str]:
    g = r.give_and_take
    lines = [f"since {g.since.isoformat()}: received {g.total.received}, gave {g.total.given}, mutual {g.total.mutual}"]
    for net, f in g.networks.items():
        if f.received or f.given or f.mutual:
            lines.append(f"  {net.label:<8} ↓{f.received} ↑{f.given} ↕{f.mutual}")
    lines.append(f"paying it forward: {g.forward}")
    if g.thanks_total:
        lines.append(f"thanks owed ({g.thanks_total}), oldest first:")
        for t in g.thanks_owed:
            what = f": {D(t.summary)}" if t.summary else ""
            times = f" ({t.times} times)" if t.times > 1 else ""
            lines.append(f"  {D(t.name)} since {t.since.isoformat()}{times}{what}")
        if g.thanks_total > len(g.thanks_owed):
            lines.append(f"  … and {g.thanks_total - len(g.thanks_owed)} more")
    else:
        lines.append("thanks owed: nobody, every help was returned or followed up")
    return lines


def readiness_lines(r: Review) -> list[str]:
    rd = r.readiness
    lines = [f"readiness {rd.score}/100"]
    lines += [f"  {D(e)}" for e in rd.explanation]
    for t in rd.targets:
        best = ", ".join(f"{D(c.name)} ({c.ring.value})" for c in t.contacts) or "nobody"
        lines.append(f"  {D(t.company)}: {t.status} · {best}")
        for p, c in t.paths[:1]:
            lines.append(f"      via {D(p.name)} ({p.ring.value}) to {D(c.name)}")
    if rd.moves:
        lines.append("moves that would help most:")
        lines += [f"  {D(m.text)}" for m in rd.moves]
    return lines


def exposure_lines(r: Review) -> list[str]:
    e = r.exposure
    lines = [D(e.summary)]
    months = " ".join(f"{m.month[5:]}:{m.added}" for m in e.months)
    lines.append(f"new people per month: {months}")
    for b in e.broadcasts:
        what = f" {D(b.summary)}" if b.summary else ""
        lines.append(f"  {b.day.isoformat()} {b.kind}{what}: {b.met} met, {b.moved_in} moved inward")
    return lines


SECTIONS = (
    ("This month's routine", routine_lines),
    ("Social capital", capital_lines),
    ("Give and take", give_take_lines),
    ("Ready before you need it", readiness_lines),
    ("Exposure", exposure_lines),
)


def review_text(r: Review) -> str:
    day = f"{r.today:%B %Y}"
    out = [f"netui review for {day}"]
    for title, lines in SECTIONS:
        out.append("")
        out.append(title)
        out += lines(r)
    return "\n".join(out)


def review_json(r: Review) -> str:
    return json_safe(json.dumps(review_as_dict(r), indent=2, ensure_ascii=False))
