"""vCard 3.0 and 4.0: what netui reads, what it keeps, and a lossless round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from netui.domain.dates import When

from netui.domain.networks import Network, PeerSide
from netui.domain.models import Membership
from netui.domain.rings import Ring
from netui.io import formats, vcard
from netui.io.common import FormatError, atomic_write, extra_part
from netui.store import models as m
from netui.store.db import Database
from netui.store.people import get_person, update_person
from tests.helpers import add

FIXTURE = Path(__file__).parents[1] / "fixtures" / "io" / "contacts.vcf"


def test_fixture_has_folded_lines_and_unknown_properties():
    text = FIXTURE.read_bytes().decode()
    assert "Royal Society\\, a\r\n nd notes" in text  # a folded line, cut inside a word
    assert "X-CUSTOM-FIELD" in text and "VERSION:4.0" in text and "VERSION:3.0" in text


def test_parse_reads_the_fields_netui_uses():
    parsed = vcard.parse_file(FIXTURE)
    ada, zoe, mallory = parsed.records
    assert ada.name == "Ada Lovelace"
    assert (ada.company, ada.title) == ("Analytical Engines", "Chief Programmer")
    assert ada.email == "ada@engines.example"  # the preferred one of two
    assert ada.phone == "+44 20 7946 0000"
    assert ada.url == "https://www.linkedin.com/in/ada-lovelace"
    # The folded NOTE is one note again, with its escaped comma and line break decoded.
    assert ada.notes == (
        "Met at the Babbage soirée. Wants an introduction to the Royal Society, and notes on the Bernoulli numbers.\n"
        "Second line."
    )
    assert ada.help_tags == ("mathematics", "advice")
    # vCard 4.0: the name from N when there is no FN, and PREF=1 chooses the email.
    assert (zoe.name, zoe.email, zoe.company) == ("Zoë Ångström", "zoe@orsted.example", "Ørsted")
    # Control characters are stripped; markup stays literal text.
    assert mallory.name == "[@click=app.quit]Mallory]0;pwned"
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (31, "no name"),
        (36, "bad date 'the twenty-third of June' in BDAY"),
    ]


def test_unknown_properties_are_kept_verbatim():
    ada = vcard.parse_file(FIXTURE).records[0]
    keep = ada.extra["keep"]
    for line in (
        "EMAIL;TYPE=INTERNET;TYPE=HOME:ada@home.example",
        "ADR;TYPE=HOME:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom",
        "X-CUSTOM-FIELD;X-PARAM=1:kept\\, exactly",
        "item1.X-ABLabel:LinkedIn",
        "PRODID:-//Apple Inc.//iPhone OS 17.0//EN",
    ):
        assert line in keep
    # The birthday is hers now, a date netui reminds of; its line is remembered to write it back.
    assert [(d.kind.value, d.when) for d in ada.dates] == [("birthday", When(1815, 12, 10))]
    assert ada.extra["as_read"]["BDAY"] == ["BDAY:1815-12-10", "1815-12-10"]
    assert not any(line.startswith("BDAY") for line in keep)


def test_a_file_with_no_card_is_refused(tmp_path):
    path = tmp_path / "x.vcf"
    path.write_text("Name,Company\nAda,Engines\n")
    with pytest.raises(FormatError, match="holds no vCard"):
        vcard.parse_file(path)


@pytest.mark.parametrize("value, ok", [("1815-12-10", True), ("18151210", True), ("--0517", True), ("--1332", False),
                                      ("1990-13-01", False), ("yesterday", False)])
def test_birthdays(value, ok):
    assert vcard._bday_ok(value, {}) is ok


def _cards(text: str) -> dict[str, object]:
    return {c.fn.value: c for c in vobject.readComponents(text)}


def test_export_writes_back_what_netui_does_not_use(db, db_path):
    formats.import_file(db, "vcard", FIXTURE)
    out = vcard.export(db)
    ada = _cards(out)["Ada Lovelace"]
    assert ada.n.value.prefix == "Countess of"
    assert ada.org.value == ["Analytical Engines", "Research"]  # the unit too, as read
    assert sorted(e.value for e in ada.contents["email"]) == ["ada@engines.example", "ada@home.example"]
    assert ada.adr.value.city == "London"
    assert ada.bday.value == "1815-12-10"
    assert ada.contents["x-custom-field"][0].value == "kept, exactly"
    assert ada.contents["x-custom-field"][0].params == {"X-PARAM": ["1"]}
    assert ada.x_netui_ring.value == "cold"
    assert ada.categories.value == ["Mathematics", "Advice", "cold"]


def test_export_carries_ring_networks_and_tags(db, db_path):
    add(db, "Grace Hopper", Ring.STRATEGIC, company="Navy", networks=(Network.MENTOR, Network.PEER), help_tags=("advice",),
        offer_tags=("intros",), location="Arlington")
    card = _cards(vcard.export(db))["Grace Hopper"]
    assert card.x_netui_ring.value == "strategic"
    assert card.x_netui_networks.value == "peer, mentor"
    assert card.categories.value == ["advice", "strategic", "peer", "mentor"]
    assert card.x_netui_offer.value == "intros"
    assert card.x_netui_location.value == "Arlington"


def test_an_edited_field_replaces_the_line_that_was_read(db, db_path):
    formats.import_file(db, "vcard", FIXTURE)
    ada = get_person(db, m.Person.get(m.Person.name == "Ada Lovelace").id)
    update_person(db, ada.id, ada, {"company": "Difference Engines", "email": "ada@difference.example"})
    card = _cards(vcard.export(db))["Ada Lovelace"]
    assert card.org.value == ["Difference Engines"]
    emails = sorted(e.value for e in card.contents["email"])
    assert emails == ["ada@difference.example", "ada@home.example"]  # the other email is still kept
    assert card.n.value.prefix == "Countess of"  # the name did not change, so N is still as read


def _snapshot(db) -> list[tuple]:
    out = []
    for p in m.Person.select().order_by(m.Person.name):
        person = get_person(db, p.id)
        out.append((
            person.name, person.company, person.title, person.email, person.phone, person.url, person.notes,
            person.location, person.purpose, person.ring, person.memberships, person.help_tags, person.offer_tags,
            person.cadence_override, extra_part(p.extra, "vcard").get("keep"),
        ))
    return out


def test_round_trip_export_then_import_gives_back_the_same_data(db, tmp_path):
    formats.import_file(db, "vcard", FIXTURE)
    add(db, "Grace Hopper", Ring.BUDDY, company="Navy", title="Rear Admiral", email="grace@navy.example",
        networks=(Network.MENTOR,), help_tags=("advice", "support"), offer_tags=("intros",), location="Arlington",
        purpose="mentor", cadence_override=14)
    grace = m.Person.get(m.Person.name == "Grace Hopper")
    m.Membership.create(person=grace.id, network="peer", peer_side=PeerSide.INSIDE.value)
    first = _snapshot(db)
    exported = atomic_write(tmp_path / "people.vcf", vcard.export(db))
    db.close()

    db = Database.open(tmp_path / "second.db")
    report = formats.import_file(db, "vcard", exported)
    assert len(report.added) == 4 and not report.skipped
    # Every field, and every line netui does not use, as they were.
    assert _snapshot(db) == first
    assert vcard.export(db) == exported.read_bytes().decode("utf-8")
    # And importing the same file again changes nothing.
    again = formats.import_file(db, "vcard", exported)
    assert len(again.unchanged) == 4 and not again.updated and not again.added
    db.close()


def test_netui_cards_keep_a_tag_that_looks_like_a_network(db, tmp_path):
    add(db, "Ada", Ring.LUKEWARM, help_tags=("support",))
    text = vcard.export(db)
    db.close()
    db = Database.open(tmp_path / "b.db")
    path = tmp_path / "a.vcf"
    path.write_text(text)
    formats.import_file(db, "vcard", path)
    ada = get_person(db, m.Person.get().id)
    assert ada.help_tags == ("support",) and ada.memberships == () and ada.ring == Ring.LUKEWARM
    db.close()


def test_vcard_ring_and_networks_apply_to_new_people_only(db, db_path, tmp_path):
    pid = add(db, "Ada Lovelace")
    path = tmp_path / "a.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nX-NETUI-RING:buddy\nX-NETUI-NETWORKS:support\n"
                    "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo\nX-NETUI-RING:buddy\nX-NETUI-NETWORKS:support\nEND:VCARD\n")
    formats.import_file(db, "vcard", path)
    assert get_person(db, pid).ring == Ring.COLD  # an import never moves someone you placed
    bo = get_person(db, m.Person.get(m.Person.name == "Bo").id)
    assert bo.ring == Ring.BUDDY and bo.memberships == (Membership(Network.SUPPORT),)


def test_a_card_vobject_cannot_read_is_skipped_and_the_rest_imported():
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN;=broken:Bad One\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Also Good\r\nEND:VCARD\r\n")
    seen = []
    parsed = vcard.parse(text, progress=lambda done, total: seen.append((done, total)))
    assert [r.name for r in parsed.records] == ["Good One", "Also Good"]
    assert parsed.skipped[0].line == 5 and parsed.skipped[0].reason.startswith("cannot be read as a vCard")
    assert seen[-1] == (3, 3)


def test_folding_never_splits_a_character():
    line = "NOTE:" + "é" * 100
    folded = vcard.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "").rstrip("\r\n") == line

