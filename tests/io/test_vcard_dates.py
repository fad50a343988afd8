"""Birthdays and anniversaries through vCard 3.0 and 4.0, with and without the year: read
into people's dates, written back exactly, read again the same, field by field."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from netui.domain.dates import When
from netui.domain.occasions import DateKind, date_draft
from netui.domain.rings import Ring
from netui.io import formats, vcard
from netui.store import dates as ds
from netui.store import models as m
from netui.store.db import Database
from tests.helpers import add

CARDS = "\r\n".join([
    "BEGIN:VCARD", "VERSION:4.0", "FN:Four Noyear", "BDAY:--0314", "ANNIVERSARY:20100605", "END:VCARD",
    "BEGIN:VCARD", "VERSION:4.0", "FN:Four Year", "BDAY:19870314", "ANNIVERSARY:--06-05", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:Three Year", "N:Year;Three;;;", "BDAY;VALUE=date:1987-03-14", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:Three Apple", "N:Apple;Three;;;", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:Three Time", "N:Time;Three;;;", "BDAY:1990-01-02T00:00:00Z", "END:VCARD",
    "BEGIN:VCARD", "VERSION:4.0", "FN:Four Text", "BDAY;VALUE=text:circa 1800", "END:VCARD",
    "",
])

EXPECTED = {
    "Four Noyear": [(DateKind.BIRTHDAY, When(None, 3, 14)), (DateKind.ANNIVERSARY, When(2010, 6, 5))],
    "Four Year": [(DateKind.BIRTHDAY, When(1987, 3, 14)), (DateKind.ANNIVERSARY, When(None, 6, 5))],
    "Three Year": [(DateKind.BIRTHDAY, When(1987, 3, 14))],
    "Three Apple": [(DateKind.BIRTHDAY, When(None, 2, 29))],
    "Three Time": [(DateKind.BIRTHDAY, When(1990, 1, 2))],
    "Four Text": [],
}
LINES = {
    "Four Noyear": ["BDAY:--0314", "ANNIVERSARY:20100605"],
    "Four Year": ["BDAY:19870314", "ANNIVERSARY:--06-05"],
    "Three Year": ["BDAY;VALUE=date:1987-03-14"],
    "Three Apple": ["BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29"],
    "Three Time": ["BDAY:1990-01-02T00:00:00Z"],
    "Four Text": ["BDAY;VALUE=text:circa 1800"],
}


def stored_dates(db) -> dict[str, list[tuple]]:
    out = {}
    for person in m.Person.select().order_by(m.Person.name):
        out[person.name] = [(d.kind, d.when) for d in ds.person_dates(db, person.id)]
    return out


def full_dates(db) -> dict[str, list[tuple]]:
    out = {}
    for person in m.Person.select().order_by(m.Person.name):
        out[person.name] = [(d.kind, d.label, d.when, d.yearly, d.lead_days) for d in ds.person_dates(db, person.id)]
    return out


@pytest.fixture
def cards(tmp_path) -> Path:
    path = tmp_path / "dates.vcf"
    path.write_bytes(CARDS.encode())
    return path


@pytest.mark.parametrize("value, params, when", [
    ("1987-03-14", {}, When(1987, 3, 14)),
    ("19870314", {}, When(1987, 3, 14)),
    ("--0314", {}, When(None, 3, 14)),
    ("--03-14", {}, When(None, 3, 14)),
    ("1604-03-14", {"X-APPLE-OMIT-YEAR": ["1604"]}, When(None, 3, 14)),
    ("1815-12-10", {}, When(1815, 12, 10)),
    ("--0229", {}, When(None, 2, 29)),
    ("circa 1800", {"VALUE": ["text"]}, None),
    ("1987", {}, None),
    ("--0230", {}, None),
    ("1987-02-29", {}, None),
])
def test_vcard_when(value, params, when):
    assert vcard.vcard_when(value, params) == when


def test_import_reads_the_dates(db, db_path, cards):
    formats.import_file(db, "vcard", cards)
    assert stored_dates(db) == EXPECTED
    # A date netui cannot hold stays on the card verbatim.
    text_card = m.Person.get(m.Person.name == "Four Text")
    assert "BDAY;VALUE=text:circa 1800" in text_card.extra


def test_export_writes_each_date_back_exactly_and_reads_back_the_same(db, db_path, cards, tmp_path):
    formats.import_file(db, "vcard", cards)
    out = vcard.export(db)
    by_name = {}
    for block in out.split("BEGIN:VCARD")[1:]:
        lines = block.split("\r\n")
        by_name[next(l[3:] for l in lines if l.startswith("FN:"))] = lines
    for name, lines in LINES.items():
        written = [l for l in by_name[name] if l.startswith(("BDAY", "ANNIVERSARY"))]
        assert written == lines, name
    # vobject reads the export; importing it into an empty database gives the same dates.
    parsed = {c.fn.value: c for c in vobject.readComponents(out)}
    assert parsed["Four Noyear"].bday.value == "--0314"
    assert parsed["Four Noyear"].anniversary.value == "20100605"
    path = tmp_path / "again.vcf"
    path.write_text(out)
    other = Database.open(tmp_path / "other.db")
    try:
        formats.import_file(other, "vcard", path)
        assert stored_dates(other) == EXPECTED
    finally:
        other.close()


def test_dates_made_in_netui_export_and_come_back(db, db_path, tmp_path):
    ann = add(db, "Ann Lee", Ring.BUDDY)
    ds.add_date(db, ann, date_draft("Birthday", When(None, 3, 14)))
    ds.add_date(db, ann, date_draft("Anniversary", When(2010, 6, 5)))
    ds.add_date(db, ann, date_draft("Started at Acme, then Beta (Inc.)", When(2016, 9, 1), lead_days=3))
    ds.add_date(db, ann, date_draft("Exam", When(2026, 6, 1), yearly=False))
    out = vcard.export(db)
    assert "BDAY:--03-14\r\n" in out and "ANNIVERSARY:2010-06-05\r\n" in out
    assert "X-NETUI-DATE:2016-09-01;yearly;3;Started at Acme\\, then Beta (Inc.)\r\n" in out
    assert "X-NETUI-DATE:2026-06-01;once;;Exam\r\n" in out
    card = vobject.readOne(out)
    assert card.bday.value == "--03-14"
    before = full_dates(db)
    path = tmp_path / "ann.vcf"
    path.write_text(out)
    other = Database.open(tmp_path / "other.db")
    try:
        formats.import_file(other, "vcard", path)
        assert full_dates(other) == before
        assert vcard.export(other) == out  # and written again, byte for byte the same
    finally:
        other.close()


def test_a_changed_date_writes_a_new_line(db, db_path, cards):
    formats.import_file(db, "vcard", cards)
    pid = m.Person.get(m.Person.name == "Three Year").id
    [bday] = ds.person_dates(db, pid)
    ds.remove_date(db, bday.id)
    ds.add_date(db, pid, date_draft("Birthday", When(1987, 3, 15)))
    out = vcard.export(db)
    block = next(b for b in out.split("BEGIN:VCARD") if "FN:Three Year" in b)
    assert "BDAY:1987-03-15\r\n" in block and "VALUE=date" not in block


def test_importing_again_adds_only_missing_dates(db, db_path, cards):
    pid = add(db, "Four Noyear")
    ds.add_date(db, pid, date_draft("Birthday", When(1980, 1, 1)))  # already known: kept
    report = formats.import_file(db, "vcard", cards)
    assert any(name == "Four Noyear" and "dates" in labels for name, labels in report.updated)
    assert [(d.kind, d.when) for d in ds.person_dates(db, pid)] == [
        (DateKind.BIRTHDAY, When(1980, 1, 1)), (DateKind.ANNIVERSARY, When(2010, 6, 5)),
    ]
    again = formats.import_file(db, "vcard", cards)
    assert not any("dates" in labels for _, labels in again.updated)
