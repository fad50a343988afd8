"""Calendar and Markdown exports, and the atomic file writing every export uses."""

from __future__ import annotations

import io
import os
from datetime import date, timedelta

import icalendar
import pytest

from netui.io import ics, markdown
from netui.io import common
from netui.io.common import FormatError, atomic_write, write_output
from netui.store import models as m
from netui.store.journal import InteractionDraft, add_interaction
from tests.helpers import add


def journal(db) -> dict[str, int]:
    ada = add(db, "Ada Lovelace")
    grace = add(db, "Grace *Hopper*")
    ids = {
        "open": add_interaction(db, InteractionDraft(date(2026, 3, 1), "coffee", (ada, grace), summary="Compilers, lunch",
                                                 notes="Ask about COBOL", reciprocity="received", follow_up=date(2026, 3, 20))),
        "done": add_interaction(db, InteractionDraft(date(2026, 2, 10), "call", (ada,), summary="Done already",
                                                 follow_up=date(2026, 2, 20))),
        "snoozed": add_interaction(db, InteractionDraft(date(2026, 1, 5), "email", (grace,), summary="Snoozed",
                                                    follow_up=date(2026, 1, 10))),
        "deleted": add_interaction(db, InteractionDraft(date(2026, 1, 6), "email", (grace,), summary="Deleted",
                                                    follow_up=date(2026, 1, 10))),
        "plain": add_interaction(db, InteractionDraft(date(2025, 12, 24), "drinks", (ada,), summary="Xmas <b>drinks</b>")),
    }
    m.Interaction.update(follow_up_done=True).where(m.Interaction.id == ids["done"]).execute()
    m.Interaction.update(follow_up_snoozed_until=date(2026, 4, 2)).where(m.Interaction.id == ids["snoozed"]).execute()
    m.Interaction.update(deleted_at="2026-03-01 10:00:00").where(m.Interaction.id == ids["deleted"]).execute()
    return ids


def test_ics_has_every_open_follow_up_as_a_task(db, db_path):
    ids = journal(db)
    cal = icalendar.Calendar.from_ical(ics.export(db))
    todos = {str(t["uid"]): t for t in cal.walk("VTODO")}
    assert set(todos) == {f"netui-follow-up-{ids['open']}@netui", f"netui-follow-up-{ids['snoozed']}@netui"}
    coffee = todos[f"netui-follow-up-{ids['open']}@netui"]
    assert str(coffee["summary"]) == "Follow up with Ada Lovelace, Grace *Hopper*: Compilers, lunch"
    assert coffee.decoded("due") == date(2026, 3, 20)
    assert "Ask about COBOL" in str(coffee["description"])
    assert todos[f"netui-follow-up-{ids['snoozed']}@netui"].decoded("due") == date(2026, 4, 2)  # snoozed
    assert not cal.walk("VEVENT")


def test_ics_events_are_all_day(db, db_path):
    journal(db)
    cal = icalendar.Calendar.from_ical(ics.export(db, events=True))
    events = cal.walk("VEVENT")
    assert len(events) == 2 and not cal.walk("VTODO")
    first = events[0]
    assert first.decoded("dtstart") == date(2026, 3, 20)
    assert first.decoded("dtend") - first.decoded("dtstart") == timedelta(days=1)


def test_markdown_groups_the_journal_by_month(db, db_path):
    journal(db)
    text = markdown.export(db)
    assert text.startswith("# netui journal\n")
    months = [line for line in text.splitlines() if line.startswith("## ")]
    assert months == ["## December 2025", "## January 2026", "## February 2026", "## March 2026"]  # deleted one gone
    assert "Deleted" not in text
    assert "- **2026-03-01** · coffee with Ada Lovelace, Grace \\*Hopper\\*: Compilers, lunch" in text
    assert "_(you received; follow-up 2026-03-20)_" in text
    assert "  Ask about COBOL" in text
    assert "Xmas \\<b\\>drinks\\</b\\>" in text  # someone's words never become HTML


def test_markdown_of_an_empty_journal(db, db_path):
    assert "No interactions logged yet" in markdown.export(db)


def test_atomic_write_replaces_the_file_whole_and_never_looser(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old")
    os.chmod(path, 0o640)
    atomic_write(path, "new")
    assert path.read_text() == "new"
    assert (path.stat().st_mode & 0o777) == 0o600  # the user's alone, as the file it replaced was not looser
    os.chmod(path, 0o400)
    atomic_write(path, "newer")
    assert (path.stat().st_mode & 0o777) == 0o400  # a stricter file stays as strict
    assert os.listdir(tmp_path) == ["out.json"]


def test_a_new_export_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.csv", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    path.write_text("old and good")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(common.os, "replace", broken)
    with pytest.raises(FormatError, match="No space left on device"):
        atomic_write(path, "new" * 1000)
    assert path.read_text() == "old and good"
    assert os.listdir(tmp_path) == ["out.json"]


def test_write_to_a_missing_folder_or_a_folder(tmp_path):
    with pytest.raises(FormatError, match="does not exist"):
        atomic_write(tmp_path / "nope" / "out.csv", "x")
    with pytest.raises(FormatError, match="is a folder"):
        atomic_write(tmp_path, "x")


def test_without_a_path_the_export_goes_to_the_stream():
    out = io.StringIO()
    assert write_output("hello", None, out) is None
    assert out.getvalue() == "hello"

