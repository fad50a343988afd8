"""The journal as Markdown: one section per month, oldest first, readable as it is
and rendered by any Markdown viewer."""

from __future__ import annotations

import re
from datetime import date

from netui.store.models import database
from netui.store.people import _as_date

# Characters that would turn someone's words into formatting, links or HTML.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def export(title: str = "netui journal") -> str:
    names: dict[int, list[str]] = {}
    for iid, name in database.execute_sql(
        """SELECT pa.interaction_id, p.name FROM participant pa JOIN person p ON p.id = pa.person_id
            JOIN interaction i ON i.id = pa.interaction_id WHERE i.deleted_at IS NULL
           ORDER BY pa.interaction_id, p.name COLLATE NOCASE"""
    ):
        names.setdefault(iid, []).append(name)
    out = [f"# {escape(title)}", ""]
    month = None
    count = 0
    for iid, day, kind, summary, notes, recip, follow_up, done in database.execute_sql(
        """SELECT id, date, kind, summary, notes, reciprocity, follow_up, follow_up_done FROM interaction
           WHERE deleted_at IS NULL ORDER BY date, id"""
    ):
        day = _as_date(day)
        if (day.year, day.month) != month:
            month = (day.year, day.month)
            out += ["", f"## {date(day.year, day.month, 1):%B %Y}", ""]
        count += 1
        who = ", ".join(escape(n) for n in names.get(iid, [])) or "nobody"
        line = f"- **{day.isoformat()}** · {kind} with {who}"
        if summary:
            line += f": {escape(summary)}"
        marks = []
        if recip:
            marks.append({"gave": "you gave", "received": "you received", "mutual": "mutual"}[recip])
        if follow_up:
            marks.append(f"follow-up {_as_date(follow_up).isoformat()}{' (done)' if done else ''}")
        if marks:
            line += f" _({'; '.join(marks)})_"
        out.append(line)
        for note_line in (notes or "").splitlines():
            out.append(f"  {escape(note_line)}".rstrip() if note_line.strip() else "")
        if notes:
            out.append("")
    if not count:
        out.append("_No interactions logged yet._")
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
