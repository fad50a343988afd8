"""The JSON dump: everything, versioned, restored exactly into an empty database."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from netui.domain.models import Membership, PersonDraft, Settings
from netui.domain.networks import Network, PeerSide
from netui.domain.rings import Ring
from netui.io import jsondump
from netui.io.common import FormatError
from netui.store.migrations import LATEST_VERSION
from netui.store import models as m
from netui.store.db import Database
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.people import add_person, get_person, link_knows, move_ring, trash_person, update_person
from netui.store.settings import save_settings
from netui.domain.dates import When
from netui.domain.occasions import date_draft
from netui.store import dates as ds
from tests.helpers import add

WHEN = datetime(2026, 3, 1, 9, 30)


def fill(db) -> None:
    """A small network that touches every table and every awkward value."""
    ada = add(db, "Ada Lovelace", Ring.BUDDY, company="Engines", networks=(Network.SUPPORT,), help_tags=("advice",),
              offer_tags=("maths",), email="ada@x.example", notes="multi\nline ✓", url="https://linkedin.com/in/ada")
    grace = add_person(db, PersonDraft(
        name="Grace Hopper", ring=Ring.STRATEGIC, company="Navy",
        memberships=(Membership(Network.PEER, peer_side=PeerSide.INSIDE), Membership(Network.MENTOR, distant=True)),
        cadence_override=14, help_tags=("advice", "hiring"),
    ), now=WHEN)
    zoe = add(db, "Zoë Ångström")
    m.Person.update(extra='{"vcard": {"keep": ["BDAY:--0403"]}}', snoozed_until=date(2026, 4, 1)).where(
        m.Person.id == zoe).execute()
    # Introduced by someone added later: the restore must cope with a forward reference.
    later = add(db, "Mallory [@click=app.quit]", notes="\"quoted\"")
    ada_p = get_person(db, ada)
    update_person(db, ada, ada_p, {"introduced_by_id": later})
    move_ring(db, grace, Ring.BUDDY, reason="great coffee", now=WHEN)
    link_knows(db, ada, grace, "worked together")
    add_interaction(db, InteractionDraft(date(2026, 3, 1), "coffee", (ada, grace), summary="Coffee at Engines",
                                     notes="Talked about compilers", reciprocity="gave", follow_up=date(2026, 3, 20)))
    gone = add_interaction(db, InteractionDraft(date(2026, 2, 1), "call", (zoe,), summary="deleted one"))
    m.Interaction.update(deleted_at=WHEN).where(m.Interaction.id == gone).execute()
    # Dates: no year, a leap day, one-off, a lead time of its own, done for a year and snoozed.
    ds.add_date(db, zoe, date_draft("Birthday", When(None, 2, 29)))
    wed = ds.add_date(db, ada, date_draft("Wedding anniversary", When(2012, 6, 5), lead_days=21))
    ds.add_date(db, ada, date_draft("Exam", When(2026, 9, 1), yearly=False))
    ds.add_date(db, later, date_draft("Birthday", When(1990, 1, 2)))
    ds.set_date_done(db, wed, 2026)
    ds.snooze_date(db, wed, date(2026, 6, 1))
    add_interaction(db, InteractionDraft(date(2026, 3, 2), "call", (grace,), follow_up=date(2026, 3, 16), follow_up_every="2w"))
    # A talk (no participant) and someone met through it, and a monthly routine pick.
    talk = add_interaction(db, InteractionDraft(date(2026, 2, 10), "talk", (), summary="Platform talk"))
    from netui.store.review import set_met_through, set_pick_state

    set_met_through(db, zoe, talk)
    set_pick_state(db, date(2026, 3, 14), Network.SUPPORT, ada, "done", now=WHEN)
    trash_person(db, later)
    save_settings(db, Settings(my_name="Me", my_company="Engines", cadence={Ring.BUDDY: 21}, neglect_days={Network.PEER: 45},
                              date_lead_days=10))


def table_rows(db) -> dict[str, list[tuple]]:
    out = {}
    for table in jsondump.TABLES:
        out[table] = list(db.execute(f'SELECT * FROM "{table}" ORDER BY rowid'))
    out["interaction_fts"] = list(db.execute("SELECT rowid, summary, notes, people FROM interaction_fts ORDER BY rowid"))
    return out


def test_dump_is_versioned_and_complete(db, db_path):
    fill(db)
    doc = json.loads(jsondump.export(db))
    assert (doc["format"], doc["version"], doc["schema"]) == ("netui", 1, LATEST_VERSION)
    assert set(doc["tables"]) == {"person", "membership", "ring_move", "knows", "tag", "person_tag", "interaction",
                                  "participant", "person_date", "review_pick", "setting", "proposal", "proposal_person",
                                  "seen_message", "coming_up", "coming_up_person", "job_change"}
    assert doc["counts"]["person"] == 4 and doc["counts"]["interaction"] == 4 and doc["counts"]["person_date"] == 4
    assert [p["met_through_id"] for p in doc["tables"]["person"] if p["met_through_id"]] == [4]  # the talk, the fourth entry
    assert "reciprocity" not in doc["tables"]["participant"][0]  # worked out again on restore
    assert any(p["deleted_at"] for p in doc["tables"]["person"])  # the trash is in it too


def test_restore_into_an_empty_database_is_exact(db, tmp_path):
    fill(db)
    before = table_rows(db)
    text = jsondump.export(db)
    db.close()
    db = Database.open(tmp_path / "b.db")
    counts = jsondump.restore(db, jsondump.load(text))
    assert counts["person"] == 4
    assert table_rows(db) == before  # every row of every table, ids included
    # The dates and rhythms come back as they were, field by field.
    dates = {(r[0], r[1]) for r in db.execute("SELECT label, person_id FROM person_date")}
    assert ("Wedding anniversary", 1) in dates and len(dates) == 4
    wed = db.execute("SELECT year, month, day, yearly, lead_days, done_year, snoozed_until FROM person_date"
                     " WHERE label = 'Wedding anniversary'").fetchone()
    assert wed == (2012, 6, 5, 1, 21, 2026, "2026-06-01")
    assert db.execute("SELECT year, month, day FROM person_date WHERE kind = 'birthday' AND year IS NULL").fetchone() == (None, 2, 29)
    assert db.execute("SELECT yearly FROM person_date WHERE label = 'Exam'").fetchone() == (0,)
    assert db.execute("SELECT follow_up_every FROM interaction WHERE follow_up_every IS NOT NULL").fetchall() == [("2w",)]
    assert ds.lead_days(db) == 10
    # Full-text search works on the restored journal.
    hits = list(db.execute("SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH 'compilers'"))
    assert len(hits) == 1
    assert json.loads(jsondump.export(db))["tables"] == json.loads(text)["tables"]
    db.close()


def test_restore_refuses_a_database_that_holds_people(db, db_path):
    add(db, "Someone")
    doc = jsondump.load(json.dumps({"format": "netui", "version": 1, "tables": {"person": []}}))
    with pytest.raises(FormatError, match="already holds data \\(1 person\\)"):
        jsondump.restore(db, doc)


@pytest.mark.parametrize(
    "doc, message",
    [
        ("not json at all", "is not JSON"),
        ('{"format": "other", "tables": {}}', "is not a netui dump"),
        ('{"format": "netui", "version": 2, "tables": {}}', "upgrade netui"),
        ('{"format": "netui", "version": 1, "schema": 99, "tables": {}}', "newer netui"),
        ('{"format": "netui", "version": 1, "tables": {"secrets": []}}', "unknown table"),
        ('{"format": "netui", "version": 1, "tables": {"person": [{"id": [1]}]}}', "not text or a number"),
    ],
)
def test_bad_documents_are_refused(doc, message):
    with pytest.raises(FormatError, match=message):
        jsondump.load(doc)


def test_an_inconsistent_dump_writes_nothing(db, db_path):
    person = {"id": 1, "name": "A", "ring": "cold", "created_at": "2026-01-01 00:00:00", "updated_at": "2026-01-01 00:00:00"}
    dangling = {"id": 1, "person_id": 99, "network": "peer"}
    doc = jsondump.load(json.dumps({"format": "netui", "version": 1, "tables": {"person": [person], "membership": [dangling]}}))
    with pytest.raises(FormatError, match="membership row 1 points at a missing person"):
        jsondump.restore(db, doc)
    assert m.Person.select().count() == 0
    # Refused when the file is read, before the database is touched; restore checks again.
    bad_column = {"format": "netui", "version": 1, "tables": {"person": [{**person, "age": 3}]}}
    with pytest.raises(FormatError, match="unknown column 'age'"):
        jsondump.load(json.dumps(bad_column))
    with pytest.raises(FormatError, match="unknown column 'age'"):
        jsondump.restore(db, bad_column)
    bad_ring = {"format": "netui", "version": 1, "tables": {"person": [{**person, "ring": "hot"}]}}
    with pytest.raises(FormatError, match="person row 1 \\(id 1\\): ring must be one of"):
        jsondump.load(json.dumps(bad_ring))
    with pytest.raises(FormatError, match="ring must be one of"):
        jsondump.restore(db, bad_ring)
    assert m.Person.select().count() == 0

