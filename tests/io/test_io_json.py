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
    trash_person(db, later)
    save_settings(db, Settings(my_name="Me", my_company="Engines", cadence={Ring.BUDDY: 21}, neglect_days={Network.PEER: 45}))


def table_rows(db) -> dict[str, list[tuple]]:
    out = {}
    for table in jsondump.TABLES:
        out[table] = list(db.execute(f'SELECT * FROM "{table}" ORDER BY rowid'))
    out["interaction_fts"] = list(db.execute("SELECT rowid, summary, notes FROM interaction_fts ORDER BY rowid"))
    return out


def test_dump_is_versioned_and_complete(db, db_path):
    fill(db)
    doc = json.loads(jsondump.export(db))
    assert (doc["format"], doc["version"], doc["schema"]) == ("netui", 1, LATEST_VERSION)
    assert set(doc["tables"]) == {"person", "membership", "ring_move", "knows", "tag", "person_tag", "interaction",
                                  "participant", "setting", "proposal", "proposal_person", "seen_message",
                                  "coming_up", "coming_up_person"}
    assert doc["counts"]["person"] == 4 and doc["counts"]["interaction"] == 2
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
    bad_column = jsondump.load(json.dumps({"format": "netui", "version": 1, "tables": {"person": [{**person, "age": 3}]}}))
    with pytest.raises(FormatError, match="unknown column 'age'"):
        jsondump.restore(db, bad_column)
    bad_ring = jsondump.load(json.dumps({"format": "netui", "version": 1, "tables": {"person": [{**person, "ring": "hot"}]}}))
    with pytest.raises(FormatError, match="does not fit"):
        jsondump.restore(db, bad_ring)
    assert m.Person.select().count() == 0

