"""`netui add --birthday/--date`, `netui log --every`, `netui dates`, run as the real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from netui.domain.rings import Ring
from tests.helpers import add

# tests/conftest.py pins NETUI_TODAY to Saturday 14 March 2026.


def netui(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "netui", *args, "--db", str(db)], capture_output=True, text=True, timeout=60
    )


def test_add_with_birthday_and_dates_then_list_them(tmp_path: Path):
    db = tmp_path / "n.db"
    result = netui(db, "add", "Ann Lee", "--birthday", "16 mar", "--date", "Started at Acme=2016-03-20",
                   "--date", "Exam=2026-04-01 (once, 3 days ahead)")
    assert result.returncode == 0, result.stderr
    assert "Added Ann Lee (#1)" in result.stdout
    assert "  Birthday: 16 Mar\n  Started at Acme: 20 Mar 2016\n  Exam: 1 Apr 2026 (once, 3 days ahead)" in result.stdout

    listed = netui(db, "dates", "--within", "10")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "Mon 16 Mar 2026  in 2 days   Ann Lee: Birthday",
        "Fri 20 Mar 2026  in 6 days   Ann Lee: Started at Acme, 10 years",
    ]
    items = json.loads(netui(db, "dates", "--json", "--within", "30").stdout)
    assert [(i["label"], i["when"], i["on"], i["days"], i["years"], i["yearly"], i["person_id"]) for i in items] == [
        ("Birthday", "--03-16", "2026-03-16", 2, None, True, 1),
        ("Started at Acme", "2016-03-20", "2026-03-20", 6, 10, True, 1),
        ("Exam", "2026-04-01", "2026-04-01", 18, None, False, 1),
    ]
    assert all(isinstance(i["date_id"], int) for i in items)

    agenda = json.loads(netui(db, "agenda", "--json").stdout)
    assert agenda["counts"]["dates"] == 2
    assert [i["title"] for i in agenda["items"] if i["kind"] == "date"] == ["Ann Lee", "Ann Lee"]
    text = netui(db, "agenda").stdout
    assert "Coming up (2)" in text and "Ann Lee (Mon 16 Mar, in 2 days): Birthday: Send a birthday note." in text


def test_bad_dates_are_refused_and_nothing_is_added(tmp_path: Path):
    db = tmp_path / "n.db"
    for args, message in (
        (("--birthday", "30 feb"), "--birthday: Birthday: '30 feb' is not a real date: February has 29 days at most."),
        (("--date", "Wedding=5 jun 2012 (soon)"), "'soon' is not an option"),
        (("--date", "wedding"), "--date 'wedding': write a date as LABEL=WHEN"),
        (("--date", "Exam=1 jun once"), "a date that happens once needs its year"),
        (("--birthday", "14 mar", "--date", "birthday=1 apr"), "Birthday is given twice"),
    ):
        result = netui(db, "add", "Ann Lee", *args)
        assert result.returncode == 1, args
        assert message in result.stderr, result.stderr
    assert "No dates" in netui(db, "dates").stdout
    assert json.loads(netui(db, "journal", "--json").stdout) == []


def test_dates_never_creates_the_database(tmp_path: Path):
    db = tmp_path / "none.db"
    result = netui(db, "dates", "--json")
    assert result.returncode == 0 and result.stdout.strip() == "[]"
    assert not db.exists()


def test_log_with_a_repeating_follow_up(db, db_path: Path):
    add(db, "Ada Lovelace", Ring.BUDDY)
    db.close()
    result = netui(db_path, "log", "Ada Lovelace", "--kind", "call", "--follow-up", "in 2 weeks", "--every", "every 2 weeks")
    assert result.returncode == 0, result.stderr
    assert "Follow-up on 2026-03-28, then every 2 weeks from the day it is done." in result.stdout
    [entry] = json.loads(netui(db_path, "journal", "--json").stdout)
    assert (entry["follow_up"], entry["follow_up_every"]) == ("2026-03-28", "2w")
    assert "[follow-up 2026-03-28, every 2 weeks]" in netui(db_path, "journal").stdout

    no_date = netui(db_path, "log", "Ada Lovelace", "--kind", "call", "--every", "monthly")
    assert no_date.returncode == 1 and "give its first date with --follow-up" in no_date.stderr
    bad = netui(db_path, "log", "Ada Lovelace", "--kind", "call", "--follow-up", "tomorrow", "--every", "now and then")
    assert bad.returncode == 1 and "as a rhythm" in bad.stderr
    assert len(json.loads(netui(db_path, "journal", "--json").stdout)) == 1


def test_one_date_language_on_every_flag(db, db_path: Path):
    """journal --since 90d, funnel --since "90 days ago", agenda --date "next monday",
    log --date 3d: each used to be refused by one command and taken by another."""
    add(db, "Ada Lovelace", Ring.BUDDY)
    db.close()
    logged = netui(db_path, "log", "Ada Lovelace", "--kind", "call", "--date", "3d", "--follow-up", "2w")
    assert logged.returncode == 0, logged.stderr
    assert "on 2026-03-11" in logged.stdout and "Follow-up on 2026-03-28" in logged.stdout
    journal = netui(db_path, "journal", "--since", "90d", "--json")
    assert journal.returncode == 0, journal.stderr
    assert [e["date"] for e in json.loads(journal.stdout)] == ["2026-03-11"]
    assert json.loads(netui(db_path, "journal", "--since", "2d", "--json").stdout) == []
    funnel = netui(db_path, "funnel", "--since", "90 days ago", "--json")
    assert funnel.returncode == 0, funnel.stderr
    agenda = netui(db_path, "agenda", "--date", "next monday", "--json")
    assert agenda.returncode == 0, agenda.stderr
    assert json.loads(agenda.stdout)["date"] == "2026-03-16"
