"""`netui log` and `netui journal`, run as the real command in a subprocess."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from netui.domain.journal import InteractionDraft
from netui.domain.rings import Ring
from netui.store.db import Database
from netui.store.journal import add_interaction
from tests.conftest import TODAY
from tests.helpers import add


def netui(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "netui", *args, "--db", str(db)], capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def people(db, db_path: Path) -> Path:
    add(db, "Ada Lovelace", Ring.BUDDY, company="Engines")
    add(db, "Grace Hopper", Ring.STRATEGIC)
    add(db, "Alan Turing", company="Bletchley")
    add(db, "Alan Turing", company="Manchester")
    db.close()
    return db_path


def entries(db: Path) -> list[dict]:
    result = netui(db, "journal", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def logged(db: Path) -> int:
    """How many journal entries the file holds, read straight from it (without a `netui
    journal` run): a refused command must have written none."""
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT count(*) FROM interaction").fetchone()[0]


def test_log_with_two_people_and_every_option(people: Path):
    result = netui(
        people, "log", "ada lovelace", "GRACE HOPPER", "--kind", "lunch", "--date", "last friday",
        "--summary", "Talked [b]compilers[/b]", "--note", "line one", "--reciprocity", "gave",
        "--follow-up", "next monday",
    )
    assert result.returncode == 0, result.stderr
    assert "Logged lunch with Ada Lovelace, Grace Hopper on 2026-03-13" in result.stdout
    [entry] = entries(people)
    assert entry["people"] == [{"id": 1, "name": "Ada Lovelace"}, {"id": 2, "name": "Grace Hopper"}]
    assert entry["date"] == "2026-03-13" and entry["follow_up"] == "2026-03-16"
    assert entry["summary"] == "Talked [b]compilers[/b]" and entry["notes"] == "line one"
    assert entry["reciprocity"] == "gave"


def test_received_help_suggests_a_follow_up(people: Path):
    result = netui(people, "log", "Ada Lovelace", "--kind", "call", "--reciprocity", "received")
    assert result.returncode == 0
    assert "tell them how it turned out" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Ada Lovelace", "--kind", "séance"], "unknown kind 'séance'"),
        (["Ada Lovelace", "--kind", "coffee", "--reciprocity", "owed"], "unknown reciprocity 'owed'"),
    ],
)
def test_a_kind_or_reciprocity_that_does_not_exist_is_a_wrong_command_line(people: Path, args, message):
    result = netui(people, "log", *args)
    assert result.returncode == 2
    assert message in result.stderr and "usage: netui log" in result.stderr
    assert logged(people) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Alan Turing", "--kind", "coffee"], "2 people are called 'Alan Turing': Alan Turing (#3, Bletchley); Alan Turing (#4, Manchester)"),
        (["Ada Lovelace", "Nobody Here", "--kind", "coffee"], "nobody is called 'Nobody Here'"),
        (["ada", "--kind", "coffee"], "did you mean: Ada Lovelace (#1, Engines)"),
        (["Ada Lovelace", "--kind", "coffee", "--date", "2026-02-30"], "February 2026 has 28 days"),
        (["Ada Lovelace", "--kind", "coffee", "--date", "tomorrow"], "is in the future"),
        (
            ["Ada Lovelace", "--kind", "coffee", "--date", "soonish"],
            "Could not read 'soonish' as a date; try today, yesterday, 3 days ago, 2w, last friday or 2026-03-14.",
        ),
        (
            ["Ada Lovelace", "--kind", "coffee", "--follow-up", "soonish"],
            "Could not read 'soonish' as a date; try tomorrow, next monday, 2w, +3 or 2026-03-21.",
        ),
        (["Ada Lovelace", "--kind", "coffee", "--date", "2026-03-10", "--follow-up", "2026-03-01"], "before the interaction"),
    ],
)
def test_bad_log_is_one_line_and_logs_nothing(people: Path, args: list[str], message: str):
    result = netui(people, "log", *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert logged(people) == 0


def test_log_by_id_picks_one_of_two_namesakes(people: Path):
    result = netui(people, "log", "#4", "--kind", "email")
    assert result.returncode == 0, result.stderr
    assert entries(people)[0]["people"] == [{"id": 4, "name": "Alan Turing"}]
    assert netui(people, "journal", "--person", "#3").stdout == ""


def test_journal_filters_and_plain_text(people: Path):
    with Database.open(people) as db:  # what three `netui log` commands write
        add_interaction(db, InteractionDraft(date(2026, 1, 2), "coffee", (1,), "Old beans"))  # --date 2026-01-02
        add_interaction(db, InteractionDraft(TODAY - timedelta(days=1), "call", (2,), "Rustacean chat",  # yesterday
                                             follow_up=TODAY + timedelta(days=3)))  # --follow-up "in 3 days"
        add_interaction(db, InteractionDraft(TODAY, "lunch", (1,), "\x1b]0;pwned\x07 ramen"))  # --date today
    out = netui(people, "journal").stdout.splitlines()
    assert [line[:10] for line in out] == ["2026-03-14", "2026-03-13", "2026-01-02"]
    assert "\x1b" not in "".join(out) and "\x07" not in "".join(out)
    rust = netui(people, "journal", "--search", "rust").stdout
    assert rust.count("\n") == 1 and "Rustacean" in rust
    assert netui(people, "journal", "--person", "ada lovelace", "--since", "30 days ago").stdout.count("\n") == 1
    assert "follow-up 2026-03-17" in netui(people, "journal", "--open").stdout
    coffee = json.loads(netui(people, "journal", "--kind", "coffee", "--json").stdout)
    assert [(e["kind"], e["summary"]) for e in coffee] == [("coffee", "Old beans")]
    assert netui(people, "journal", "--limit", "1").stdout.count("\n") == 1
    nothing = netui(people, "journal", "--search", "zebra")
    assert nothing.returncode == 0 and nothing.stdout == "" and "No entries match" in nothing.stderr


def test_journal_errors_are_one_line(people: Path):
    result = netui(people, "journal", "--person", "Nobody")
    assert result.returncode == 1 and "nobody is called 'Nobody'" in result.stderr
    result = netui(people, "journal", "--since", "2026-13-01")
    assert result.returncode == 1 and "there is no month 13" in result.stderr
