"""The demo network: the size asked for, every ring and network in it, plausible and
in range, and the same network again for the same seed."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from netui.domain.journal import CONTACT_KINDS
from netui.domain.networks import Network
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.text import match_key, sort_key
from netui.store import demo
from netui.store.db import Database
from netui.store.exports import dump_tables

TODAY = date(2026, 3, 14)
START = TODAY - timedelta(days=5 * 365)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """One demo network for the tests that only read it."""
    db = Database.open(tmp_path_factory.mktemp("demo") / "demo.db")
    demo.generate(db, people=120, interactions=600, seed=5, today=TODAY)
    yield db
    db.close()


def rows(db, sql):
    return db.execute(sql).fetchall()


def test_the_demo_has_the_size_asked_for_and_every_ring_and_network(filled):
    db = filled
    assert rows(db, "SELECT min(id), max(id), count(*) FROM person") == [(1, 120, 120)]
    assert rows(db, "SELECT min(id), max(id), count(*) FROM interaction") == [(1, 600, 600)]
    n = rows(db, "SELECT count(*), count(DISTINCT interaction_id) FROM participant")[0]
    assert n[1] == 600 and 600 < n[0] < 700  # about one entry in eight has a second person
    assert {r for (r,) in rows(db, "SELECT DISTINCT ring FROM person")} == {r.value for r in Ring}
    assert {n for (n,) in rows(db, "SELECT DISTINCT network FROM membership")} == {n.value for n in Network}
    assert dict(rows(db, "SELECT key, value FROM setting")) == {"my_name": '"Alex Demo"', "my_company": '"Northwind Labs"'}


def test_demo_people_are_plausible(filled):
    db = filled
    people = rows(db, "SELECT id, name, name_key, sort_key, company, title, email, ring, cadence_override, purpose,"
                      " created_at, updated_at, introduced_by_id FROM person")
    names = [p[1] for p in people]
    assert len(set(names)) == len(names)  # no two people share a name
    emails = [p[6] for p in people if p[6]]
    assert 0.4 < len(emails) / len(people) < 0.8
    assert all(re.fullmatch(r"[a-z]\.[a-z'-]+@example\.com", e) for e in emails), emails
    at_mine = sum(p[4] == demo.MY_COMPANY for p in people)
    assert 0.05 < at_mine / len(people) < 0.25
    for pid, name, key, sk, company, title, _email, ring, cadence, purpose, created, updated, introducer in people:
        assert (key, sk) == (match_key(name), sort_key(name))
        assert company in demo.COMPANIES and title in demo.TITLES
        assert cadence is None or (cadence in (14, 21, 60) and ring != "cold")
        assert purpose in ("", "Knows the hiring market", "Great sounding board", "Could open doors at " + company)
        made = datetime.fromisoformat(created)
        assert created == updated and made.time().hour == 9
        assert START <= made.date() < TODAY - timedelta(days=19)
        assert introducer != pid
    assert any(p[12] for p in people)
    # Closer rings are rarer: the weights 40/28/18/14 out of 100.
    per_ring = dict(rows(db, "SELECT ring, count(*) FROM person GROUP BY ring"))
    assert per_ring["cold"] > per_ring["buddy"]


def test_each_demo_person_moved_in_step_by_step_to_their_ring(filled):
    db = filled
    ring_of = dict(rows(db, "SELECT id, ring FROM person"))
    created = dict(rows(db, "SELECT id, created_at FROM person"))
    moves: dict[int, list] = {}
    for pid, src, dst, at, reason in rows(db, "SELECT person_id, from_ring, to_ring, moved_at, reason FROM ring_move ORDER BY id"):
        moves.setdefault(pid, []).append((src, dst, at, reason))
    assert set(moves) == set(ring_of)
    for pid, ms in moves.items():
        ring = Ring(ring_of[pid])
        assert ms[0] == (None, "cold", created[pid], "added")
        assert [(src, dst) for src, dst, _, _ in ms[1:]] == [
            (RING_ORDER[i - 1].value, RING_ORDER[i].value) for i in range(1, ring.index + 1)]
        assert all(datetime.fromisoformat(at).date() < TODAY for _, _, at, _ in ms)
        assert all(reason in ("", "great first coffee", "helped with the launch", "we worked together")
                   for _, _, _, reason in ms[1:])


def test_demo_networks_tags_and_links_are_well_formed(filled):
    db = filled
    for network, side, distant in rows(db, "SELECT network, peer_side, distant FROM membership"):
        assert side is None and (distant == 0 or network == "mentor")
    assert rows(db, "SELECT count(*) FROM membership WHERE distant = 1")[0][0] > 0
    assert rows(db, "SELECT count(*) FROM (SELECT person_id, network FROM membership GROUP BY 1, 2 HAVING count(*) > 1)") == [(0,)]
    # Titles that make a mentor or a mentee (an author is known from afar).
    for title, network in (("CTO", "mentor"), ("VP Engineering", "mentor"), ("Principal Engineer", "mentor"),
                           ("Author", "mentor"), ("Founder", "mentor"), ("Student", "mentee"),
                           ("Junior Developer", "mentee")):
        assert rows(db, f"""SELECT count(*) FROM person p WHERE title = '{title}' AND NOT EXISTS
                              (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.network = '{network}')""") == [(0,)]
    assert rows(db, """SELECT count(*) FROM person p JOIN membership m ON m.person_id = p.id
                        WHERE p.title = 'Author' AND m.network = 'mentor' AND m.distant = 0""") == [(0,)]
    mentors = dict(rows(db, "SELECT distant, count(*) FROM membership WHERE network = 'mentor' GROUP BY distant"))
    assert mentors[0] > mentors[1] > 0  # most mentors can be met
    # Most buddies are in the support network, few others; nearly half are peers; some in none.
    share = dict(rows(db, """SELECT p.ring = 'buddy', avg(EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id
                                                                  AND m.network = 'support'))
                              FROM person p GROUP BY 1"""))
    assert 0.5 < share[1] < 1 and share[0] < 0.2
    peers = rows(db, "SELECT avg(EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.network = 'peer'))"
                     " FROM person p")[0][0]
    assert 0.25 < peers < 0.65
    assert rows(db, "SELECT count(*) FROM person WHERE member_of = 0")[0][0] > 0
    tags = rows(db, "SELECT t.name, pt.kind FROM person_tag pt JOIN tag t ON t.id = pt.tag_id")
    assert {k for _, k in tags} == {"help", "offer"}
    assert {t for t, _ in tags} <= set(demo.HELP_TAGS)
    assert {t for (t,) in rows(db, "SELECT name FROM tag")} == set(demo.HELP_TAGS)
    links = rows(db, "SELECT person_id, other_id, note FROM knows")
    assert len(links) > 120
    assert all(a < b and 1 <= a and b <= 120 for a, b, _ in links)
    assert {n for _, _, n in links} <= {"", "worked together", "same meetup", "old classmates"}


def test_the_demo_journal_stays_within_five_years_before_today(filled):
    db = filled
    entries = rows(db, "SELECT id, date, kind, summary, notes, reciprocity, follow_up, follow_up_done, created_at FROM interaction")
    for iid, day, kind, summary, notes, recip, follow, done, created in entries:
        d = date.fromisoformat(day)
        assert START <= d < TODAY
        assert kind in CONTACT_KINDS and "{" not in summary and notes in demo.NOTES
        assert recip in (None, "gave", "received", "mutual")
        assert created == f"{day} 12:00:00"
        if follow is None:
            assert done == 0
        else:
            f = date.fromisoformat(follow)
            assert d + timedelta(days=3) <= f < d + timedelta(days=30)
            if f < TODAY - timedelta(days=20):
                assert done == 1
    assert sum(e[6] is not None for e in entries) > 10
    assert {e[7] for e in entries if e[6] and date.fromisoformat(e[6]) >= TODAY - timedelta(days=20)} <= {0, 1}
    # Participants carry their entry's date.
    assert rows(db, "SELECT count(*) FROM participant pa JOIN interaction i ON i.id = pa.interaction_id"
                    " WHERE pa.date <> i.date") == [(0,)]


def _demo_dump(path, seed):
    db = Database.open(path)
    try:
        demo.generate(db, people=40, interactions=200, seed=seed, today=TODAY)
        return dump_tables(db)
    finally:
        db.close()


def test_the_same_seed_gives_the_same_network(tmp_path):
    first = _demo_dump(tmp_path / "a.db", 11)
    assert _demo_dump(tmp_path / "b.db", 11) == first
    other = _demo_dump(tmp_path / "c.db", 12)
    assert other["person"] != first["person"] and other["interaction"] != first["interaction"]
    assert len(first["setting"]) == 2


def test_a_second_demo_adds_after_what_is_there(db):
    demo.generate(db, people=30, interactions=50, seed=1, today=TODAY)
    demo.generate(db, people=20, interactions=40, seed=2, today=TODAY)
    assert rows(db, "SELECT min(id), max(id), count(*) FROM person") == [(1, 50, 50)]
    assert rows(db, "SELECT min(id), max(id), count(*) FROM interaction") == [(1, 90, 90)]
    # The second batch's links, introductions and entries are among its own people.
    assert rows(db, "SELECT count(*) FROM knows WHERE (person_id > 30) <> (other_id > 30)") == [(0,)]
    assert rows(db, "SELECT count(*) FROM participant WHERE (interaction_id > 50) <> (person_id > 30)") == [(0,)]
    assert rows(db, "SELECT count(*) FROM person WHERE introduced_by_id IS NOT NULL AND (id > 30) <> (introduced_by_id > 30)") == [(0,)]


def test_demo_reports_progress_as_it_goes(db):
    seen = []
    demo.generate(db, people=10, interactions=5001, seed=3, today=TODAY, progress=lambda *a: seen.append(a))
    assert seen == [("people", 10, 10), ("interactions", 5000, 5001), ("interactions", 5001, 5001)]
    assert rows(db, "SELECT count(*) FROM interaction") == [(5001,)]


def test_demo_dates_default_to_today(db):
    demo.generate(db, people=10, interactions=30, seed=3)
    last = rows(db, "SELECT max(date), min(date) FROM interaction")[0]
    assert date.today() - timedelta(days=5 * 365) <= date.fromisoformat(last[1])
    assert date.fromisoformat(last[0]) < date.today()


@pytest.mark.parametrize("name, part", [
    ("Rodríguez", "rodriguez"), ("Łukasz", "ukasz"), ("Søndergaard", "sndergaard"), ("O'Brien", "o'brien"),
    ("Hye-jin", "hye-jin"), ("Van Der Berg", "vanderberg"),
])
def test_demo_addresses_drop_accents_and_spaces(name, part):
    assert demo._ascii(name) == part


def test_the_default_demo_is_seed_seven_with_120_people_and_3000_entries(tmp_path):
    db = Database.open(tmp_path / "default.db")
    try:
        demo.generate(db, today=TODAY)
        assert rows(db, "SELECT count(*) FROM person") == [(120,)]
        assert rows(db, "SELECT count(*) FROM interaction") == [(3000,)]
        names = rows(db, "SELECT name FROM person ORDER BY id")
    finally:
        db.close()
    # People are drawn before the journal: the same seed gives the same people whatever the journal's size.
    db = Database.open(tmp_path / "seven.db")
    try:
        demo.generate(db, people=120, interactions=0, seed=7, today=TODAY)
        assert rows(db, "SELECT name FROM person ORDER BY id") == names
    finally:
        db.close()
