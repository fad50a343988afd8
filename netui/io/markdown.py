"""The journal as Markdown: one section per month, oldest first, readable as it is
and rendered by any Markdown viewer."""

from __future__ import annotations

import re
from datetime import date

from netui.domain.journal import JournalFilter
from netui.store.db import Database
from netui.store.journal import journal_rows

# Characters that would turn someone's words into formatting, links or HTML.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def export(db: Database, title: str = "netui journal") -> str:
    out = [f"# {escape(title)}", ""]
    month = None
    count = 0
    for row in journal_rows(db, JournalFilter(), limit=None, oldest_first=True):
        day, kind, summary, notes = row.date, row.kind, row.summary, row.notes
        recip, follow_up, done = row.reciprocity, row.follow_up, row.follow_up_done
        if (day.year, day.month) != month:
            month = (day.year, day.month)
            out += ["", f"## {date(day.year, day.month, 1):%B %Y}", ""]
        count += 1
        who = ", ".join(escape(n) for n in sorted(row.people, key=str.casefold)) or "nobody"
        line = f"- **{day.isoformat()}** · {kind} with {who}"
        if summary:
            line += f": {escape(summary)}"
        marks = []
        if recip:
            marks.append({"gave": "you gave", "received": "you received", "mutual": "mutual"}[recip])
        if follow_up:
            marks.append(f"follow-up {follow_up.isoformat()}{' (done)' if done else ''}")
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
