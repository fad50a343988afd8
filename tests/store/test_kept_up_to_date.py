"""What triggers keep as data changes (migration 6) always equals what a recount gives:
each person's first due day, each membership's copy of its person, the counts, the
interactions per day, each participant's copy of its entry's reciprocity (migration 10).
Checked after every step of a long random mix of everything that
writes: adding, moving, logging, editing, deleting, restoring, purging, snoozing,
changing networks and the settings."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from netui.domain.cadence import effective_cadence
from netui.domain.journal import InteractionDraft
from netui.domain.models import Membership, PersonDraft
from netui.domain.networks import NETWORK_ORDER, Network, PeerSide
from netui.domain.rings import RING_ORDER, Ring
from netui.store import agenda as agenda_store
from netui.store import journal, people
from netui.store import models as m
from netui.store.settings import load_settings, save_settings
from netui.store.values import as_datetime
from tests.conftest import TODAY


def recount(db) -> dict[str, int]:
    counts = {"live": 0, "sorted": 0}
    counts.update({f"ring.{r.value}": 0 for r in RING_ORDER})
    counts.update({f"network.{n.value}": 0 for n in NETWORK_ORDER})
    counts.update({f"distant.{n.value}": 0 for n in NETWORK_ORDER})
    networks: dict[int, list[str]] = {}
    for pid, network in db.execute("SELECT person_id, network FROM membership"):
        networks.setdefault(pid, []).append(network)
    # Distant mentors in each network they are in, counted from the rows themselves.
    distant = {pid for (pid,) in db.execute("SELECT person_id FROM membership WHERE network = 'mentor' AND distant")}
    for pid, network, live in db.execute("SELECT person_id, network, live FROM membership"):
        if live and pid in distant:
            counts[f"distant.{network}"] += 1
    for pid, ring, deleted in db.execute("SELECT id, ring, deleted_at FROM person"):
        if deleted is not None:
            continue
        counts["live"] += 1
        counts[f"ring.{ring}"] += 1
        nets = networks.get(pid, [])
        counts["sorted"] += bool(nets)
        for network in nets:
            counts[f"network.{network}"] += 1
    return counts


def expected_due_on(ring: str, override: int | None, last_contact: str | None, created_at: str,
                    cadences: dict, distant: bool) -> date | None:
    """A person's first due day by the domain's rule, from their row as stored."""
    cadence = effective_cadence(Ring(ring), override, distant, cadences)
    if cadence is None:
        return None
    if last_contact is None:
        return as_datetime(created_at).date()
    return date.fromisoformat(last_contact) + timedelta(days=cadence + 1)


def recount_peers(db) -> dict[tuple[str, str], int]:
    peers: dict[tuple[str, str], int] = {}
    for company, side, live in db.execute("SELECT p.company, m.peer_side, m.live FROM membership m JOIN person p "
                                          "ON p.id = m.person_id WHERE m.network = 'peer'"):
        if live:
            peers[(company, side or "")] = peers.get((company, side or ""), 0) + 1
    return peers


def check(db) -> None:
    assert dict(db.execute("SELECT key, n FROM tally")) == recount(db)
    kept = {(company, side): n for company, side, n in db.execute("SELECT company, side, n FROM peer_tally WHERE n <> 0")}
    assert kept == recount_peers(db)
    cadences = load_settings(db).cadence
    distant = {pid for (pid,) in db.execute("SELECT person_id FROM membership WHERE network = 'mentor' AND distant")}
    for pid, due_on, *row in db.execute(
        "SELECT id, due_on, ring, cadence_override, last_contact, created_at FROM person"
    ):
        assert (date.fromisoformat(due_on) if due_on else None) == expected_due_on(*row, cadences, pid in distant), pid
    stale = list(db.execute(
        """SELECT m.id FROM membership m JOIN person p ON p.id = m.person_id
            WHERE m.live IS NOT (p.deleted_at IS NULL) OR m.ring IS NOT p.ring OR m.due_on IS NOT p.due_on
               OR m.last_contact IS NOT p.last_contact OR m.snoozed_until IS NOT p.snoozed_until
               OR m.company IS NOT p.company"""
    ))
    assert stale == []
    member_of = list(db.execute(
        "SELECT id FROM person p WHERE member_of <> (SELECT count(*) FROM membership m WHERE m.person_id = p.id)"
    ))
    assert member_of == []
    help_copy = list(db.execute(
        """SELECT pa.id FROM participant pa JOIN interaction i ON i.id = pa.interaction_id
            WHERE pa.reciprocity IS NOT (CASE WHEN i.deleted_at IS NULL THEN i.reciprocity END)"""
    ))
    assert help_copy == []
    daily = dict(db.execute("SELECT date, n FROM daily_interactions WHERE n <> 0"))
    assert daily == dict(db.execute("SELECT date, count(*) FROM interaction WHERE deleted_at IS NULL GROUP BY date"))


@pytest.mark.parametrize("seed", [1, 2])
def test_everything_kept_equals_a_recount_after_every_change(db, seed):
    rng = random.Random(seed)
    ids: list[int] = []
    entries: list[int] = []
    for step in range(140):
        op = rng.choice(["add", "add", "log", "log", "move", "edit", "trash", "restore", "purge", "snooze",
                         "delete_entry", "restore_entry", "redate", "settings", "follow"])
        live = [pid for pid in ids if people.get_person(db, pid).deleted_at is None]
        trashed = [pid for pid in ids if pid not in live]
        if op == "add" or not live:
            nets = tuple(
                Membership(n, distant=n == Network.MENTOR and rng.random() < 0.4,
                           peer_side=rng.choice([None, None, PeerSide.INSIDE]) if n == Network.PEER else None)
                for n in NETWORK_ORDER if rng.random() < 0.3
            )
            ids.append(people.add_person(db, PersonDraft(
                name=f"P{step}", ring=rng.choice(RING_ORDER), memberships=nets, company=rng.choice(["", "Acme", "Initech"]),
                cadence_override=rng.choice([None, None, 10]),
            ), now=datetime(2026, 1, 1) + timedelta(days=rng.randrange(0, 120))))
        elif op == "log":
            day = TODAY - timedelta(days=rng.randrange(0, 200))
            who = tuple(rng.sample(live, min(len(live), rng.choice([1, 2]))))
            recip = rng.choice([None, "gave", "received", "mutual"])
            entries.append(journal.add_interaction(db, InteractionDraft(day, "coffee", who, reciprocity=recip)))
        elif op == "move":
            pid = rng.choice(live)
            ring = people.get_person(db, pid).ring
            target = rng.choice([r for r in RING_ORDER if r != ring])
            people.move_ring(db, pid, target)
        elif op == "edit":
            person = people.get_person(db, rng.choice(live))
            nets = tuple(
                Membership(n, distant=n == Network.MENTOR and rng.random() < 0.5,
                           peer_side=rng.choice([None, PeerSide.INSIDE, PeerSide.OUTSIDE]) if n == Network.PEER else None)
                for n in NETWORK_ORDER if rng.random() < 0.4
            )
            people.update_person(db, person.id, person, {
                "memberships": nets, "company": rng.choice(["", "Acme", "Globex"]),
                "cadence_override": rng.choice([None, 5, 60]),
            })
        elif op == "trash":
            people.trash_person(db, rng.choice(live))
        elif op == "restore" and trashed:
            people.restore_person(db, rng.choice(trashed))
        elif op == "purge" and trashed:
            pid = rng.choice(trashed)
            people.purge_person(db, pid)
            ids.remove(pid)
            entries = [e for e in entries if db.execute("SELECT 1 FROM interaction WHERE id = ?", (e,)).fetchone()]
        elif op == "snooze":
            agenda_store.snooze_person(db, rng.choice(live), rng.choice([None, TODAY + timedelta(days=3)]))
        elif op == "delete_entry" and entries:
            e = rng.choice(entries)
            if journal.get_interaction(db, e).deleted_at is None:
                journal.delete_interaction(db, e)
        elif op == "restore_entry" and entries:
            e = rng.choice(entries)
            if journal.get_interaction(db, e).deleted_at is not None:
                journal.restore_interaction(db, e)
        elif op == "redate" and entries:
            entry = journal.get_interaction(db, rng.choice(entries))
            if entry.deleted_at is None:
                journal.update_interaction(db, entry.id, entry, {
                    "date": TODAY - timedelta(days=rng.randrange(0, 60)),
                    "reciprocity": rng.choice([None, "gave", "received", "mutual"]),
                    "person_ids": tuple(rng.sample(live, min(len(live), rng.choice([1, 2])))),
                })
        elif op == "settings":
            settings = load_settings(db)
            save_settings(db, settings.__class__(**{
                **settings.__dict__,
                "cadence": {**settings.cadence, rng.choice([Ring.LUKEWARM, Ring.STRATEGIC, Ring.BUDDY]): rng.choice([None, 7, 30, 90])},
            }))
        elif op == "follow":
            m.Membership.delete().where(m.Membership.person == rng.choice(live)).execute()
        check(db)


def test_a_restored_dump_keeps_everything_up_to_date(db, tmp_path):
    from netui.io import jsondump
    from netui.store.db import Database

    a = people.add_person(db, PersonDraft(name="Ada", ring=Ring.BUDDY, memberships=(Membership(Network.PEER),)))
    journal.add_interaction(db, InteractionDraft(TODAY - timedelta(days=40), "call", (a,)))
    text = jsondump.export(db)
    other = Database.open(tmp_path / "restored.db")
    try:
        jsondump.restore(other, jsondump.load(text))
        check(other)
        assert dict(other.execute("SELECT key, n FROM tally"))["network.peer"] == 1
    finally:
        other.close()
