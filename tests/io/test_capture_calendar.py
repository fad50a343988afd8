"""Calendar capture: real .ics files and a vdir folder become proposals, once."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from netui.domain.rings import Ring
from netui.io.calendar import propose, read_occurrences
from netui.io.capture_text import finish, report_lines
from netui.io.common import FormatError
from netui.store.proposals import (
    count_waiting,
    dismiss_proposals,
    log_proposals,
    my_emails,
    unlog_proposals,
    waiting_proposals,
)
from tests.helpers import add
from tests.io.capture_files import ADA, BOB, GRACE, ME, write_calendar, write_vdir

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 14, 18, 0, tzinfo=NEW_YORK)


@pytest.fixture
def people(db):
    return {
        "ada": add(db, "Ada Lovelace", Ring.STRATEGIC, email=ADA),
        "grace": add(db, "Grace Hopper", Ring.LUKEWARM, email=f"grace.hopper@navy.example, {GRACE.upper()}"),
    }


def run(db, path: Path, *, me=(ME,), since=None, dry_run=False, add_unknown=False, log_all=False, ahead=14):
    report = propose(db, read_occurrences(path, since=since, now=NOW, tz=NEW_YORK, ahead_days=ahead), tuple(me))
    return finish(db, report, [], me=tuple(me), dry_run=dry_run, add_unknown=add_unknown, log_all=log_all)


def shown(db) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    return sorted((r.date.isoformat(), r.time, r.kind, r.summary, r.names) for r in waiting_proposals(db))


EXPECTED = [
    # Berlin 10:00 is 04:00 in New York; the moved occurrence keeps its own time and title.
    ("2026-02-02", "04:00", "other", "1:1 Ada", ("Ada Lovelace",)),
    ("2026-02-10", "09:00", "other", "1:1 Ada (moved)", ("Ada Lovelace",)),
    ("2026-02-16", "04:00", "other", "1:1 Ada", ("Ada Lovelace",)),
    ("2026-02-23", "04:00", "other", "1:1 Ada", ("Ada Lovelace",)),
    ("2026-03-05", "", "other", "Offsite planning", ("Grace Hopper",)),  # all day: the day itself
    ("2026-03-06", "11:00", "video", "Sync with Grace", ("Grace Hopper",)),  # a Meet link
    ("2026-03-09", "10:00", "coffee", "Coffee with Ada and Bob", ("Ada Lovelace",)),
    ("2026-03-11", "13:00", "event", "Quarterly review", ("Ada Lovelace", "Grace Hopper")),
]


def test_an_ics_file_proposes_past_meetings_with_known_people(db, people, tmp_path):
    report = run(db, write_calendar(tmp_path / "cal.ics"))
    assert shown(db) == EXPECTED
    assert report.new == len(EXPECTED)
    assert report.skipped == {"declined by you": 1, "cancelled": 1, "only you": 1}
    assert report.unknown == {BOB: "Bob Stranger", **{f"p{i}@corp.example": "" for i in range(4)}}
    assert my_emails(db) == (ME,)  # --me is remembered
    text = "\n".join(report_lines(report, dry_run=False, add_unknown=False))
    assert "Bob Stranger <bob@stranger.net>" in text and "--add-unknown" in text
    assert "Waiting in the Inbox: 8" in text


def test_a_second_import_proposes_nothing_new_even_after_logging_and_dismissing(db, people, tmp_path):
    path = write_calendar(tmp_path / "cal.ics")
    run(db, path)
    rows = waiting_proposals(db)
    log_proposals(db, [rows[0].id])
    dismiss_proposals(db, [rows[1].id])
    again = run(db, path, me=())  # the address remembered from the first import
    assert again.new == 0 and again.again == len(EXPECTED)
    assert count_waiting(db) == len(EXPECTED) - 2


def test_a_vdir_folder_reads_the_same(db, people, tmp_path):
    run(db, write_vdir(tmp_path / "vdir"))
    assert shown(db) == EXPECTED
    assert len(list((tmp_path / "vdir").glob("*.ics"))) == 11


def test_since_and_dry_run(db, people, tmp_path):
    report = run(db, write_calendar(tmp_path / "cal.ics"), since=date(2026, 3, 6), dry_run=True)
    assert report.new == 3  # the video sync, the coffee, the review
    assert count_waiting(db) == 0 and my_emails(db) == ()


def test_without_my_address_nothing_it_cannot_judge_is_skipped(db, people, tmp_path):
    report = run(db, write_calendar(tmp_path / "cal.ics"), me=())
    assert not report.me_known
    # The solo event is yours alone, but netui cannot know your address is yours.
    assert report.skipped == {"cancelled": 1, "with nobody you know": 1}
    assert report.likely_me == ME
    summaries = [r.summary for r in waiting_proposals(db)]
    assert "Coffee with Grace" in summaries  # declined, but netui cannot tell it was you
    text = "\n".join(report_lines(report, dry_run=False, add_unknown=False))
    assert "netui cannot tell which address is yours" in text and f"--me {ME}" in text


def test_unknown_attendees_are_added_as_cold_contacts_in_one_step(db, people, tmp_path):
    path = write_calendar(tmp_path / "cal.ics")
    run(db, path)
    report = run(db, path, add_unknown=True)
    assert report.added == 5 and report.new == 0
    bob = db.execute("SELECT id, name, ring, email FROM person WHERE email = ?", (BOB,)).fetchone()
    assert bob[1:] == ("Bob Stranger", "cold", BOB)
    coffee = next(r for r in waiting_proposals(db) if r.summary.startswith("Coffee"))
    assert coffee.names == ("Ada Lovelace", "Bob Stranger")


def test_logging_restarts_the_clock_and_undo_puts_it_back(db, people, tmp_path):
    run(db, write_calendar(tmp_path / "cal.ics"))
    before = db.execute("SELECT last_contact, due_on FROM person WHERE id = ?", (people["ada"],)).fetchone()
    review = next(r for r in waiting_proposals(db) if r.summary == "Quarterly review")
    logged = log_proposals(db, [review.id])
    after = db.execute("SELECT last_contact, due_on FROM person WHERE id = ?", (people["ada"],)).fetchone()
    assert before[0] is None and after[0] == "2026-03-11" and after[1] == "2026-04-11"
    entry = db.execute("SELECT kind, summary, date FROM interaction WHERE id = ?", (logged[0][1],)).fetchone()
    assert entry == ("event", "Quarterly review", "2026-03-11")
    assert count_waiting(db) == len(EXPECTED) - 1
    unlog_proposals(db, logged)
    assert db.execute("SELECT last_contact FROM person WHERE id = ?", (people["ada"],)).fetchone()[0] is None
    assert db.execute("SELECT count(*) FROM interaction").fetchone()[0] == 0
    assert count_waiting(db) == len(EXPECTED)


def test_log_all_with_yes(db, people, tmp_path):
    report = run(db, write_calendar(tmp_path / "cal.ics"), log_all=True)
    assert report.logged == len(EXPECTED) and count_waiting(db) == 0
    assert db.execute("SELECT count(*) FROM interaction").fetchone()[0] == len(EXPECTED)


def test_not_a_calendar(db, tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_text("hello\n")
    with pytest.raises(FormatError):
        list(read_occurrences(bad, since=None, now=NOW))
    with pytest.raises(FormatError, match="no such"):
        list(read_occurrences(tmp_path / "missing.ics", since=None, now=NOW))


def test_meetings_ahead_come_up_on_the_agenda_with_a_brief(db, people, tmp_path):
    from netui.domain.agenda import ItemKind
    from netui.domain.brief import brief_lines
    from netui.domain.journal import InteractionDraft
    from netui.domain.settings import Settings
    from netui.store.journal import add_interaction
    from netui.store.overview import agenda
    from netui.store.proposals import brief, coming_up

    add_interaction(db, InteractionDraft(date(2026, 1, 20), "lunch", (people["ada"],), "Engines",
                                         follow_up=date(2026, 3, 1)))
    report = run(db, write_calendar(tmp_path / "cal.ics"))
    assert [(d.date, d.summary) for d in report.coming] == [(date(2026, 3, 17), "Coffee with Ada")]  # not the cancelled
    meetings = coming_up(db, date(2026, 3, 14))
    assert [(m.date, m.time, m.title, m.kind, m.people) for m in meetings] == [
        (date(2026, 3, 17), "11:00", "Coffee with Ada", "coffee", ((people["ada"], "Ada Lovelace"),))
    ]
    today = agenda(db, date(2026, 3, 14), Settings())
    lines = today.of(ItemKind.MEETING)
    assert [(i.title, i.status, i.person_id) for i in lines] == [("Ada Lovelace", "Tue 17 Mar 11:00", people["ada"])]
    assert today.coming_up == 1 and today.total == 3  # meetings are not things to do: a follow-up, two due
    found = dict((label, text) for label, text in reversed(brief_lines(brief(db, people["ada"], date(2026, 3, 14)))))
    assert found["Meeting"] == "2026-03-17 11:00 Coffee with Ada"
    assert found["Recently"] == "2026-01-20 lunch: Engines"
    assert found["Follow-up"] == "due 2026-03-01, after the lunch of 2026-01-20: Engines"
    assert found["Ring"] == "strategic"
    # The next import's meetings replace these: without meetings ahead, nothing comes up.
    run(db, write_calendar(tmp_path / "cal.ics"), ahead=0)
    assert coming_up(db, date(2026, 3, 14)) == []


def test_a_dump_and_restore_keeps_what_was_proposed_logged_and_dismissed(db, people, tmp_path):
    from netui.io import jsondump
    from netui.store.db import Database

    path = write_calendar(tmp_path / "cal.ics")
    run(db, path)
    rows = waiting_proposals(db)
    log_proposals(db, [rows[0].id])
    dismiss_proposals(db, [rows[1].id])
    doc = jsondump.load(jsondump.export(db))
    with Database.open(tmp_path / "restored.db") as other:
        jsondump.restore(other, doc)
        assert shown(other) == shown(db)
        assert my_emails(other) == (ME,)
        again = run(other, path, me=())
        assert again.new == 0 and count_waiting(other) == len(EXPECTED) - 2
