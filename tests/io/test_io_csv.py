"""Plain CSV: recognised headers, --map, bad rows in the middle, and export that imports back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from netui.domain.models import Membership
from netui.domain.networks import Network, PeerSide
from netui.domain.rings import Ring
from netui.io import csvfile, formats
from netui.io.common import FormatError, atomic_write
from netui.store import models as m
from netui.store.db import Database
from netui.store.people import get_person
from tests.helpers import add

FIXTURES = Path(__file__).parents[1] / "fixtures" / "io"


def test_fixture_reads_with_quotes_commas_and_a_bad_row_in_the_middle():
    parsed = csvfile.parse_file(FIXTURES / "people.csv")
    names = [r.name for r in parsed.records]
    assert names == ["Ada Lovelace", 'Katherine "Kat" Johnson', "Zoë Ångström", "Ada Lovelace", "Søren Kierkegaard"]
    ada, kat, zoe = parsed.records[:3]
    assert ada.company == "Analytical Engines, Ltd" and ada.ring == Ring.LUKEWARM
    assert ada.help_tags == ("advice", "introductions")
    assert ada.url == "https://www.linkedin.com/in/ada-lovelace" and ada.phone == "+44 20 7946 0000"
    assert kat.title == "Mathematician, Flight Research"
    assert kat.notes == "Computed trajectories.\nSecond line, with a comma."
    assert zoe.email == "" and zoe.ring == Ring.STRATEGIC
    assert [(s.line, s.reason.split(":")[0]) for s in parsed.skipped] == [(5, "no name"), (6, "unknown ring 'hot'")]
    assert [w.line for w in parsed.warnings] == [7]


def test_import_reports_every_kind_of_outcome(db, db_path):
    add(db, "Søren Kierkegaard")
    report = formats.import_file(db, "csv", FIXTURES / "people.csv")
    assert sorted(report.added) == ["Ada Lovelace", 'Katherine "Kat" Johnson', "Zoë Ångström"]
    assert report.unchanged == ["Søren Kierkegaard"]
    assert [(s.line, s.reason.split(" (")[0].split(":")[0]) for s in report.skipped] == [
        (5, "no name"), (6, "unknown ring 'hot'"), (8, "duplicate in the file"),
    ]
    text = "\n".join(report.lines())
    assert "line 7: ignored email 'not-an-email'" in text
    zoe = get_person(db, m.Person.get(m.Person.name == "Zoë Ångström").id)
    assert zoe.ring == Ring.STRATEGIC
    assert m.Person.select().count() == 4


def test_map_names_columns_nobody_could_guess(db, db_path):
    with pytest.raises(FormatError, match="no recognisable header"):
        csvfile.parse_file(FIXTURES / "custom_columns.csv")
    report = formats.import_file(db, 
        "csv", FIXTURES / "custom_columns.csv", column_map=["Who=name", "shop=company", "Cell=phone", "Remarks=notes"]
    )
    assert len(report.added) == 2
    linus = get_person(db, m.Person.get(m.Person.name == "Linus Torvalds").id)
    assert (linus.company, linus.phone, linus.notes) == ("Linux Foundation", "+1 555 0100", "Kernel")


def test_a_bad_mapping_says_what_is_allowed():
    with pytest.raises(FormatError, match="COLUMN=FIELD"):
        csvfile.parse_mapping(["Who:name"])
    with pytest.raises(FormatError, match="FIELD one of"):
        csvfile.parse_mapping(["Who=nickname"])


def test_first_and_last_name_columns_make_a_name():
    parsed = csvfile.parse("Given Name,Family Name,E-mail 1 - Value\nAda,Lovelace,ada@x.example\n")
    assert (parsed.records[0].name, parsed.records[0].email) == ("Ada Lovelace", "ada@x.example")


def test_an_empty_file_is_refused():
    with pytest.raises(FormatError, match="is empty"):
        csvfile.parse("\n\n", "empty.csv")


def test_export_then_import_gives_back_the_people(db, tmp_path):
    add(db, "Grace Hopper", Ring.STRATEGIC, company="Navy", title="Rear Admiral", email="grace@navy.example",
        networks=(Network.MENTOR, Network.SUPPORT), help_tags=("advice", "early warning"), offer_tags=("intros",),
        notes="Line one\nLine two, with a comma and \"quotes\"", cadence_override=21, location="Arlington")
    pid = add(db, "=HYPERLINK(\"http://evil\")", company="@SUM(1)", phone="+44 20 7946 0000")
    m.Membership.create(person=pid, network="peer", peer_side="inside")
    first = csvfile.export(db)
    rows = list(csv.reader(io.StringIO(first)))
    assert rows[0] == list(csvfile.EXPORT_HEADER)
    evil = next(r for r in rows if "HYPERLINK" in r[0])
    assert evil[0].startswith("'=") and evil[1] == "'@SUM(1)"  # a spreadsheet shows it, never runs it
    assert evil[4] == "'+44 20 7946 0000"  # a spreadsheet would evaluate it too; the import takes the ' off
    path = atomic_write(tmp_path / "people.csv", first)
    db.close()

    db = Database.open(tmp_path / "b.db")
    report = formats.import_file(db, "csv", path)
    assert len(report.added) == 2 and not report.skipped
    grace = get_person(db, m.Person.get(m.Person.name == "Grace Hopper").id)
    assert (grace.ring, grace.company, grace.title, grace.email, grace.location) == (
        Ring.STRATEGIC, "Navy", "Rear Admiral", "grace@navy.example", "Arlington")
    assert grace.memberships == (Membership(Network.SUPPORT), Membership(Network.MENTOR))
    assert grace.help_tags == ("advice", "early warning") and grace.offer_tags == ("intros",)
    assert grace.notes == "Line one\nLine two, with a comma and \"quotes\"" and grace.cadence_override == 21
    evil = get_person(db, m.Person.get(m.Person.name == "=HYPERLINK(\"http://evil\")").id)
    assert evil.company == "@SUM(1)" and evil.phone == "+44 20 7946 0000"
    assert evil.memberships == (Membership(Network.PEER, peer_side=PeerSide.INSIDE),)
    assert csvfile.export(db) == first
    db.close()
