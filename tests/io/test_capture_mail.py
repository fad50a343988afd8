"""Mail capture: real mbox files and Maildir folders become proposed email entries, once."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from netui.domain.rings import Ring
from netui.io import mail
from netui.io.capture_text import finish
from netui.io.common import FormatError
from netui.store.proposals import count_waiting, my_emails, waiting_proposals
from tests.helpers import add
from tests.io.capture_files import ADA, GRACE, LATIN1_HEADERS, ME, message, write_maildir, write_mbox

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def people(db):
    return {
        "ada": add(db, "Ada Lovelace", Ring.STRATEGIC, email=ADA),
        "grace": add(db, "Grace Hopper", Ring.LUKEWARM, email=GRACE),
    }


def run(db, path: Path, *, me=(ME,), since=None, dry_run=False, log_all=False):
    report, seen = mail.scan(db, path, me=tuple(me), since=since, tz=NEW_YORK)
    return finish(db, report, seen, me=tuple(me), dry_run=dry_run, add_unknown=False, log_all=log_all)


def shown(db) -> list[tuple[str, str, str, tuple[str, ...], str | None]]:
    return sorted((r.date.isoformat(), r.kind, r.summary, r.names, r.direction) for r in waiting_proposals(db))


EXPECTED = [
    # One per person, thread and day: the three messages of 2 March are one entry with Ada
    # (both wrote), and Grace, in Cc of one of them, has her own.
    ("2026-03-02", "email", "Engines", ("Ada Lovelace",), "both"),
    ("2026-03-02", "email", "Engines", ("Grace Hopper",), "sent"),
    ("2026-03-04", "email", "Engines", ("Ada Lovelace",), "received"),
    # A header in Latin-1 with no encoding: read, the odd byte replaced.
    ("2026-03-05", "email", "Caf\ufffd tomorrow?", ("Grace Hopper",), "received"),
]


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
def test_messages_with_known_people_are_proposed_once(db, people, tmp_path, kind):
    path = (write_mbox(tmp_path / "mail.mbox", [LATIN1_HEADERS]) if kind == "mbox"
            else write_maildir(tmp_path / "Maildir", [LATIN1_HEADERS]))
    report = run(db, path)
    assert shown(db) == EXPECTED
    assert report.read == 9
    assert report.skipped == {"mailing list": 1, "bulk": 1, "no-reply sender": 1, "with nobody you know": 1}
    assert my_emails(db) == (ME,)
    again = run(db, path, me=())
    assert again.new == 0 and again.skipped["read before"] == 5
    assert count_waiting(db) == len(EXPECTED)


def test_a_new_message_in_a_known_thread_on_another_day_is_new(db, people, tmp_path):
    path = write_mbox(tmp_path / "mail.mbox")
    run(db, path)
    import mailbox

    box = mailbox.mbox(path)
    box.add(message(f"Me <{ME}>", [ADA], "Re: Engines", "Fri, 06 Mar 2026 09:00:00 -0500", "t5@me",
                    refs=["t1@ada", "t4@ada"]))
    box.add(message(f"Me <{ME}>", [ADA], "Re: Engines", "Wed, 04 Mar 2026 10:00:00 -0500", "t6@me",
                    refs=["t1@ada", "t4@ada"]))  # the same day as one already proposed
    box.close()
    report = run(db, path)
    assert report.new == 1
    assert ("2026-03-06", "email", "Engines", ("Ada Lovelace",), "sent") in shown(db)


def test_since_skips_older_mail(db, people, tmp_path):
    report = run(db, write_mbox(tmp_path / "mail.mbox"), since=__import__("datetime").date(2026, 3, 3), dry_run=True)
    assert report.new == 1 and report.skipped["before --since"] == 3


def test_a_big_message_is_never_held_in_memory(db, people, tmp_path):
    """A 50 MB attachment: only its headers are read."""
    path = tmp_path / "big.mbox"
    write_mbox(path)
    big = (b"From: Ada Lovelace <ada@example.com>\nTo: me@example.com\nSubject: The plans\n"
           b"Date: Sat, 07 Mar 2026 10:00:00 -0500\nMessage-ID: <big@ada>\n\n")
    with open(path, "ab") as handle:
        handle.write(b"\nFrom ada@example.com Sat Mar  7 15:00:00 2026\n" + big)
        line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n"
        chunk = line * (1024 * 1024 // len(line))
        for _ in range(52):
            handle.write(chunk)
    assert path.stat().st_size > 50 * 1024 * 1024
    tracemalloc.start()
    try:
        report, _ = mail.scan(db, path, me=(ME,), tz=NEW_YORK)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert any(d.summary == "The plans" for d in report.proposed)
    assert peak < 10 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_ctrl_c_keeps_what_was_read(db, people, tmp_path, monkeypatch):
    path = write_mbox(tmp_path / "mail.mbox")
    real = mail.read_header
    calls = []

    def interrupted(raw: bytes):
        calls.append(raw)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(raw)

    monkeypatch.setattr(mail, "read_header", interrupted)
    report, seen = mail.scan(db, path, me=(ME,), tz=NEW_YORK)
    assert report.interrupted and report.read == 3
    finish(db, report, seen, me=(ME,), dry_run=False, add_unknown=False, log_all=False)
    assert len(waiting_proposals(db)) == 2  # the first day's thread, with Ada and with Grace


def test_not_a_mailbox(db, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("shopping list\n")
    with pytest.raises(FormatError, match="not an mbox"):
        mail.open_mailbox(text)
    (tmp_path / "folder").mkdir()
    with pytest.raises(FormatError, match="not a Maildir"):
        mail.open_mailbox(tmp_path / "folder")
