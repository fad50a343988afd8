"""A database full of hostile text, in every place a screen or a command shows text from.

Used by the UI tests (run_test) and the pseudo-terminal tests (real bytes).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from netui.domain.models import Settings
from netui.domain.networks import NETWORK_ORDER
from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.people import link_knows, move_ring
from netui.store.settings import load_settings, save_settings
from tests.conftest import TODAY
from tests.helpers import add
from tests.hostile import HOSTILE_NAMES, LONG, MANY_LINES, RAW_SEQUENCES

RINGS = [Ring.LUKEWARM, Ring.STRATEGIC, Ring.BUDDY, Ring.COLD]
# Short, printable names that must appear literally wherever names are shown.
LITERAL = ["[/", "x[/", "[b]bold", "[$accent]x", "[ red]x", ":smile: face"]


def seed_hostile(db, with_raw: bool = True) -> list[int]:
    """People, journal entries, ring moves, links and settings made of hostile text.

    Returns the ids of the people, in the order of ``HOSTILE_NAMES``.
    """
    ids: list[int] = []
    created = datetime.combine(TODAY - timedelta(days=400), datetime.min.time())
    for i, name in enumerate(HOSTILE_NAMES):
        pid = add(db, 
            name,
            RINGS[i % len(RINGS)],
            company=name[:40],
            networks=(NETWORK_ORDER[i % len(NETWORK_ORDER)],),
            title=name[:30],
            notes=f"{name}\n{MANY_LINES}",
            help_tags=(name[:30],),
            offer_tags=(name[:20],),
        )
        ids.append(pid)
        # Someone long ago: they are overdue, so the Overview and the Agenda list them.
        add_interaction(db, 
            InteractionDraft(
                date=TODAY - timedelta(days=60 + i),
                kind="coffee",
                person_ids=(pid,),
                summary=name,
                notes=LONG if i % 2 else MANY_LINES,
                reciprocity="received" if i % 3 == 0 else None,
                follow_up=TODAY - timedelta(days=1 + i) if i % 2 == 0 else None,
            )
        )
    m.Person.update(created_at=created).execute()
    for i in range(0, len(ids), 3):
        person = m.Person.get_by_id(ids[i])
        target = Ring.STRATEGIC if person.ring != Ring.STRATEGIC.value else Ring.BUDDY
        move_ring(db, ids[i], target, reason=HOSTILE_NAMES[i])
    link_knows(db, ids[1], ids[2], "[@click=app.quit]note")
    link_knows(db, ids[3], ids[4], "\x1b]0;pwned\x07")
    settings = load_settings(db)
    save_settings(db, 
        Settings(
            my_name="[@click=app.quit]me[/]",
            my_company=HOSTILE_NAMES[3],
            cadence=settings.cadence,
            neglect_days=settings.neglect_days,
            day_first=settings.day_first,
        )
    )
    if with_raw:
        # What another tool (or an older netui) may have stored without cleaning.
        # On the people whose names were terminal sequences (the store cleaned those).
        targets = [pid for pid, name in zip(ids, HOSTILE_NAMES) if any(c in name for c in "\x1b\x9b\x00")]
        for i, (pid, raw) in enumerate(zip(targets, RAW_SEQUENCES)):
            m.Person.update(name=f"Raw{i} {raw}", company=raw, title=raw).where(m.Person.id == pid).execute()
            m.Interaction.update(summary=f"RawSummary{i} {raw}", notes=f"{raw}\n{raw}").where(
                m.Interaction.id == pid
            ).execute()
        m.Setting.update(value='"\\u001b]0;pwned\\u0007"').where(m.Setting.key == "my_company").execute()
        m.Tag.update(name="\x1b]52;c;ZXZpbA==\x07").where(m.Tag.id == 1).execute()
        m.RingMove.update(reason="\x1b]0;pwned\x07").execute()
    return ids

