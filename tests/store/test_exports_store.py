"""Reading everything at once (exports, the dump) and checking a dump before it goes in."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from netui.domain.dates import When
from netui.domain.journal import InteractionDraft
from netui.domain.models import Membership, PersonDraft
from netui.domain.networks import Network, PeerSide
from netui.domain.occasions import date_draft
from netui.domain.rings import Ring
from netui.store import dates as ds
from netui.store import exports
from netui.store.agenda import snooze_follow_up
from netui.store.exports import MAX_TEXT, RestoreRefused, check_dump_rows
from netui.store.journal import add_interaction
from netui.store.people import add_person
from tests.helpers import add

PERSON = {"id": 1, "name": "A", "ring": "cold", "created_at": "2026-01-01 00:00:00",
          "updated_at": "2026-01-01 00:00:00"}


def refusal(tables) -> str | None:
    try:
        check_dump_rows(tables)
    except RestoreRefused as exc:
        return str(exc)
    return None


def person(**changes):
    return {"person": [{**PERSON, **changes}]}


def setting(key, value):
    return {"setting": [{"key": key, "value": value}]}


@pytest.mark.parametrize("tables, message", [
    ({"secrets": []}, "the dump has an unknown table 'secrets'"),
    ({"person": {}}, "the dump's table 'person' is not a list of rows"),
    ({"person": [1]}, "the dump's table 'person', row 1, is not an object"),
    ({"person": [PERSON, {k: v for k, v in PERSON.items() if k != "name"}]}, "the dump's person row 2 (id 1) has no name"),
    ({"person": [{"age": 3, **PERSON}]}, "the dump's person row 1 (id 1) has an unknown column 'age'"),
    (person(name=None), "the dump's person row 1 (id 1): name is missing (null)"),
    (person(id=None), None),  # the database numbers it
    (person(ring="hot"), "the dump's person row 1 (id 1): ring must be one of buddy, cold, lukewarm, strategic, not 'hot'"),
    # A column the database works out is ignored, and the check goes on past it.
    ({"person": [{"last_contact": "whenever", "due_on": 5, **PERSON, "ring": "hot"}]},
     "the dump's person row 1 (id 1): ring must be one of buddy, cold, lukewarm, strategic, not 'hot'"),
    (person(id="x" * 31), "the dump's person row 1: id must be a whole number, not '" + "x" * 31 + "'"),
    (person(id="x" * 50), "the dump's person row 1: id must be a whole number, not '" + "x" * 39),
    (person(id=[1]), "the dump's person row 1: id must be a whole number, not [1]"),
    (person(id=True), "the dump's person row 1 (id True): id must be a whole number, not True"),
    (person(id=0), "the dump's person row 1 (id 0): id is 0, outside 1..9223372036854775807"),
    (person(id=2**63 - 1), None),
    (person(member_of=2**63 - 1), None),
    (person(member_of=-(2**63)), None),
    (person(member_of=2**63), None),  # worked out by the database: not checked
    (person(met_through_id=2**63), "the dump's person row 1 (id 1): met_through_id is 9223372036854775808,"
                                   " outside -9223372036854775808..9223372036854775807"),
    (person(met_through_id=10**30), "the dump's person row 1 (id 1): met_through_id is a 31-digit number,"
                                    " outside -9223372036854775808..9223372036854775807"),
    (person(met_through_id=-(10**28)), "the dump's person row 1 (id 1): met_through_id is -1" + "0" * 28 + ","
                                       " outside -9223372036854775808..9223372036854775807"),
    (person(introduced_by_id=0), "the dump's person row 1 (id 1): introduced_by_id is 0, outside 1..9223372036854775807"),
    (person(cadence_override=0), "the dump's person row 1 (id 1): cadence_override is 0, outside 1..3650"),
    (person(cadence_override=3650), None),
    (person(cadence_override=3651), "the dump's person row 1 (id 1): cadence_override is 3651, outside 1..3650"),
    (person(version=0), "the dump's person row 1 (id 1): version is 0, outside 1..9223372036854775807"),
    (person(name=5), "the dump's person row 1 (id 1): name must be text, not 5"),
    (person(notes="x" * MAX_TEXT), None),
    (person(notes="x" * (MAX_TEXT + 1)), "the dump's person row 1 (id 1): notes is 1,000,001 characters long (at most 1,000,000)"),
    (person(snoozed_until="2026-03-14"), None),
    (person(snoozed_until="2026-3-14"), "the dump's person row 1 (id 1): snoozed_until must be a date like 2026-03-14, not '2026-3-14'"),
    (person(snoozed_until="2026-02-30"), "the dump's person row 1 (id 1): snoozed_until must be a date like 2026-03-14, not '2026-02-30'"),
    (person(snoozed_until="2026-03-14 09:00:00"),
     "the dump's person row 1 (id 1): snoozed_until must be a date like 2026-03-14, not '2026-03-14 09:00:00'"),
    (person(created_at="yesterday"),
     "the dump's person row 1 (id 1): created_at must be a date and time like 2026-03-14 09:30:00, not 'yesterday'"),
    (person(extra=""), None),
    (person(extra='{"a": 1}'), None),
    (person(extra="[1]"), "the dump's person row 1 (id 1): extra must be a JSON object"),
    (person(extra="{"), "the dump's person row 1 (id 1): extra must be JSON text, not '{'"),
    (person(notes="{"), None),  # notes are any text
    ({"membership": [{"id": 1, "person_id": 1, "network": "peer", "distant": 1}]}, None),
    ({"membership": [{"id": 1, "person_id": 1, "network": "peer", "distant": 2}]},
     "the dump's membership row 1 (id 1): distant must be true or false, not 2"),
    ({"membership": [{"id": 1, "person_id": 1, "network": "peer", "distant": 1.0}]},
     "the dump's membership row 1 (id 1): distant must be true or false, not 1.0"),
    ({"membership": [{"id": 1, "person_id": 1, "network": "peer", "distant": None}]},
     "the dump's membership row 1 (id 1): distant is missing (null)"),
    (setting("my_name", '"Me"'), None),
    (setting("my_name", "3"), "the dump's setting row 1 (id my_name): value must be text, not '3'"),
    (setting("my_company", "3"), "the dump's setting row 1 (id my_company): value must be text, not '3'"),
    (setting("theme", "3"), "the dump's setting row 1 (id theme): value must be text, not '3'"),
    (setting("other", "3"), None),  # a setting netui does not read only needs to be JSON
    (setting("other", "{"), "the dump's setting row 1 (id other): value must be JSON text, not '{'"),
    (setting("day_first", "true"), None),
    (setting("day_first", "1"), "the dump's setting row 1 (id day_first): value must be true or false, not '1'"),
    (setting("cadence.buddy", "null"), None),  # no cadence for that ring
    (setting("neglect.peer", "null"), "the dump's setting row 1 (id neglect.peer): value must be a number of days from 1 to 3650, not 'null'"),
    (setting("cadence.buddy", "1"), None),
    (setting("cadence.buddy", "3650"), None),
    (setting("neglect.peer", "1"), None),
    (setting("cadence.buddy", "0"), "the dump's setting row 1 (id cadence.buddy): value must be a number of days from 1 to 3650, not '0'"),
    (setting("cadence.buddy", "3651"), "the dump's setting row 1 (id cadence.buddy): value must be a number of days from 1 to 3650, not '3651'"),
    (setting("neglect.peer", "true"), "the dump's setting row 1 (id neglect.peer): value must be a number of days from 1 to 3650, not 'true'"),
    (setting("cadence.buddy", '"30"'), "the dump's setting row 1 (id cadence.buddy): value must be a number of days from 1 to 3650, not '\"30\"'"),
    (setting(5, '"x"'), "the dump's setting row 1 (id 5): key must be text, not 5"),
    # The value read before its key: the key is still checked as text, and nothing breaks on the way.
    ({"setting": [{"value": '"x"', "key": 5}]}, "the dump's setting row 1 (id 5): key must be text, not 5"),
    (setting("my_name", 3), "the dump's setting row 1 (id my_name): value must be text, not 3"),
    ({"interaction": [{"id": 7, "date": "2026-01-01", "created_at": "2026-01-01 00:00:00",
                       "updated_at": "2026-01-01 00:00:00"}]}, "the dump's interaction row 1 (id 7) has no kind"),
])
def test_a_dump_is_checked_value_by_value(tables, message):
    assert refusal(tables) == message


def test_an_id_longer_than_thirty_characters_is_left_out_of_the_message():
    thirty, more = "x" * 30, "x" * 31
    assert refusal(person(id=thirty)) == f"the dump's person row 1 (id {thirty}): id must be a whole number, not '{thirty}'"
    assert refusal(person(id=more)) == f"the dump's person row 1: id must be a whole number, not '{more}'"
    # A setting is named by its key.
    assert refusal(setting("x" * 31, "{")) == "the dump's setting row 1: value must be JSON text, not '{'"


def test_export_people_reads_each_person_whole_and_only_those_asked_for(db):
    made = datetime(2026, 1, 5, 9, 30)
    ada = add_person(db, PersonDraft(
        "Ada", Ring.BUDDY, company="Engines",
        memberships=(Membership(Network.MENTOR, distant=True), Membership(Network.PEER, peer_side=PeerSide.INSIDE)),
        help_tags=("advice", "hiring"), offer_tags=("maths",),
    ), now=made)
    bob = add(db, "bob")
    cy = add(db, "Cy")
    add_interaction(db, InteractionDraft(date(2026, 3, 1), "coffee", (ada,)))
    ds.add_date(db, ada, date_draft("Wedding anniversary", When(2012, 6, 5)))
    ds.add_date(db, ada, date_draft("Birthday", When(None, 12, 1)))
    everyone = exports.export_people(db)
    assert [p.id for p in everyone] == [ada, bob, cy]  # by name, case aside
    a = everyone[0]
    assert (a.name, a.ring, a.company, a.version, a.last_contact) == ("Ada", Ring.BUDDY, "Engines", 1, date(2026, 3, 1))
    assert (a.created_at, a.updated_at) == (made, made)
    # Networks in their usual order, whatever order they were stored in.
    assert a.memberships == (Membership(Network.PEER, PeerSide.INSIDE, False), Membership(Network.MENTOR, None, True))
    assert (a.help_tags, a.offer_tags) == (("advice", "hiring"), ("maths",))
    assert [d.label for d in a.dates] == ["Birthday", "Wedding anniversary"]
    assert [p.id for p in exports.export_people(db, [cy, ada])] == [ada, cy]
    assert exports.export_people(db, []) == []


def test_calendar_dates_by_name_with_when_each_changed(db):
    zed = add(db, "zed", Ring.BUDDY)
    amy = add(db, "Amy", Ring.COLD)
    ds.add_date(db, zed, date_draft("Birthday", When(None, 1, 2)), now=datetime(2026, 1, 1, 8))
    exam = ds.add_date(db, amy, date_draft("Exam", When(2026, 9, 1), yearly=False), now=datetime(2026, 1, 1, 8))
    ds.add_date(db, amy, date_draft("Birthday", When(1990, 12, 24)), now=datetime(2026, 1, 1, 8))
    ds.set_date_done(db, exam, 2026)
    rows = exports.calendar_dates(db)
    assert [(d.person_id, d.label, name) for d, name, _ in rows] == [
        (amy, "Birthday", "Amy"), (amy, "Exam", "Amy"), (zed, "Birthday", "zed")]
    changed = {d.label + name: at for d, name, at in rows}
    assert changed["Birthdayzed"] == datetime(2026, 1, 1, 8)
    assert changed["ExamAmy"] > datetime(2026, 1, 1, 8)  # marked done since


def test_open_follow_ups_due_on_the_later_of_follow_up_and_snooze(db):
    ann = add(db, "Ann")
    bo = add(db, "bo")
    late = add_interaction(db, InteractionDraft(date(2026, 3, 1), "call", (bo, ann), summary="Call", notes="n",
                                                follow_up=date(2026, 3, 10)))
    talk = add_interaction(db, InteractionDraft(date(2026, 3, 2), "talk", (), follow_up=date(2026, 3, 12)))
    add_interaction(db, InteractionDraft(date(2026, 3, 3), "coffee", (ann,)))  # no follow-up
    snooze_follow_up(db, late, date(2026, 3, 20))
    got = exports.open_follow_ups(db)
    assert [(f.interaction_id, f.due, f.kind, f.people) for f in got] == [
        (talk, date(2026, 3, 12), "talk", ()), (late, date(2026, 3, 20), "call", ("Ann", "bo"))]
    assert (got[1].summary, got[1].notes, got[1].date) == ("Call", "n", date(2026, 3, 1))


def test_dump_tables_is_every_row_as_stored_without_the_derived_columns(db):
    ann = add(db, "Ann", Ring.BUDDY, networks=(Network.PEER,), help_tags=("advice",))
    add_interaction(db, InteractionDraft(date(2026, 3, 1), "coffee", (ann,), reciprocity="gave"))
    tables = exports.dump_tables(db)
    assert list(tables) == list(exports.TABLES)
    for table in exports.TABLES:
        # The same rows as the streamed JSON text of each table.
        streamed = [json.loads(text) for batch in exports.table_json_rows(db, table, batch=1) for text in batch]
        assert tables[table] == streamed, table
    assert tables["person"][0]["name"] == "Ann" and "last_contact" not in tables["person"][0]
    assert tables["membership"][0]["network"] == "peer" and "live" not in tables["membership"][0]
    assert "reciprocity" not in tables["participant"][0]
    assert tables["interaction"][0]["reciprocity"] == "gave"
