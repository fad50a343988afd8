"""vCard lines end at CRLF or LF and nowhere else; a broken card is reported, never dropped."""

from __future__ import annotations

import time

import pytest

from netui.io import formats, vcard
from netui.store.people import get_person
from tests.helpers import add


def _card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n"


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r"])
def test_only_crlf_and_lf_end_a_line(sep: str):
    parsed = vcard.parse(_card(f"FN:Ada Lovelace", f"NOTE:hello{sep}EMAIL:inj@evil.example",
                               f"TITLE:Eng{sep}X-NETUI-RING:buddy"))
    (ada,) = parsed.records
    assert ada.email == "" and ada.ring is None
    assert "inj@evil.example" in ada.notes


def test_a_name_holding_a_line_break_round_trips_without_injecting_a_property(db, tmp_path):
    pid = add(db, "Ada Lovelace")
    db.execute("UPDATE person SET name = ?, title = ? WHERE id = ?",
               ("Ada\rEMAIL:inj@evil.example", "Eng\u2028X-NETUI-RING:buddy", pid))
    text = vcard.export(db)
    for ch in "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e":
        assert ch not in text
    assert "\r" not in text.replace("\r\n", "")
    assert "\n" not in text.replace("\r\n", "")
    (back,) = vcard.parse(text).records
    assert back.email == "" and back.ring.value == get_person(db, pid).ring.value


def test_unfolding_is_linear():
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "A" * 74 + "".join("\r\n " + "B" * 74 for _ in range(80_000))  # ~6 MB
    text = _card("FN:Ada Lovelace", photo)
    start = time.process_time()  # CPU time: a busy machine must not fail the test
    (ada,) = vcard.parse(text).records
    took = time.process_time() - start
    assert ada.name == "Ada Lovelace"
    assert took < 5, f"a 6 MB folded photo took {took:.1f} s"


def test_a_card_with_no_end_is_reported():
    text = _card("FN:Ada Lovelace") + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\n"
    parsed = vcard.parse(text)
    assert [r.name for r in parsed.records] == ["Ada Lovelace"]
    assert [(s.line, "no END:VCARD" in s.reason) for s in parsed.skipped] == [(5, True)]


def test_a_nested_begin_is_reported():
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Outer Card\r\n" + _card("FN:Inner Card") + "END:VCARD\r\n"
    parsed = vcard.parse(text)
    assert [r.name for r in parsed.records] == ["Inner Card"]
    assert parsed.skipped[0].line == 1 and "BEGIN:VCARD on line 4" in parsed.skipped[0].reason
    assert any("END:VCARD with no card open" in w.reason for w in parsed.warnings)


def test_a_binary_name_is_reported_not_stored_as_bytes():
    parsed = vcard.parse(_card("FN;ENCODING=b:QWRhIExvdmVsYWNl", "N:Lovelace;Ada;;;") + _card("FN:Grace Hopper"))
    assert [r.name for r in parsed.records] == ["Grace Hopper"]
    assert parsed.skipped[0].line == 1 and "ENCODING=b" in parsed.skipped[0].reason
    assert not any(r.name.startswith("b'") for r in parsed.records)


def test_a_file_of_only_broken_cards_reports_them(db, tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n")
    report = formats.import_file(db, "vcard", path)
    assert report.rows == 1 and report.skipped[0].line == 1 and report.added == []
