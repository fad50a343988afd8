"""`netui import calendar|mail` and `netui inbox`, run as the real command."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from netui.domain.rings import Ring
from tests.cli.files import copy_database, filled_database
from tests.cli.test_cli import netui
from tests.helpers import add
from tests.io.capture_files import ADA, BOB, GRACE, ME, write_calendar, write_mbox

NY = {"TZ": "America/New_York"}


@pytest.fixture(scope="module")
def two_known(tmp_path_factory: pytest.TempPathFactory, empty_database: Path) -> Path:
    """As `netui add NAME --email EMAIL --ring strategic` writes Ada (#1) and Grace (#2)."""

    def fill(db) -> None:
        for name, email in (("Ada Lovelace", ADA), ("Grace Hopper", GRACE)):
            add(db, name, Ring.STRATEGIC, email=email)

    return filled_database(empty_database, tmp_path_factory.mktemp("known") / "n.db", fill)


@pytest.fixture
def known(tmp_path: Path, two_known: Path) -> Path:
    return copy_database(two_known, tmp_path / "n.db")


def test_calendar_import_then_inbox_then_agenda(tmp_path, known):
    db = known
    cal = write_calendar(tmp_path / "cal.ics")
    out = netui("import", "calendar", str(cal), "--me", ME, "--db", str(db), env=NY)
    assert out.returncode == 0, out.stderr
    assert "Proposed 8 new journal entries." in out.stdout
    assert "Bob Stranger <bob@stranger.net>" in out.stdout
    again = netui("import", "calendar", str(cal), "--db", str(db), env=NY)
    assert "Proposed 0 new journal entries; 8 were proposed, logged or dismissed before." in again.stdout
    listed = netui("inbox", "--db", str(db))
    assert listed.returncode == 0 and "Inbox: 8 proposed" in listed.stdout
    assert listed.stdout.index("Quarterly review") < listed.stdout.index("1:1 Ada")  # newest first
    rows = json.loads(netui("inbox", "--json", "--db", str(db)).stdout)
    assert rows[0]["summary"] == "Quarterly review" and rows[0]["kind"] == "event" and isinstance(rows[0]["id"], int)
    assert {p["name"] for p in rows[0]["people"]} == {"Ada Lovelace", "Grace Hopper"}
    agenda = netui("agenda", "--db", str(db))
    assert "Inbox: 8 proposed from your calendar and mail" in agenda.stdout
    assert json.loads(netui("agenda", "--json", "--db", str(db)).stdout)["counts"]["inbox"] == 8


def test_yes_logs_everything_and_add_unknown_adds_cold_contacts(tmp_path, known):
    db = known
    cal = write_calendar(tmp_path / "cal.ics")
    out = netui("import", "calendar", str(cal), "--me", ME, "--yes", "--add-unknown", "--db", str(db), env=NY)
    assert out.returncode == 0, out.stderr
    assert "Logged 8 of them (--yes)." in out.stdout and "Added 5 unknown people as cold contacts." in out.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM interaction").fetchone()[0] == 8
    assert conn.execute("SELECT ring FROM person WHERE email = ?", (BOB,)).fetchone() == ("cold",)
    assert conn.execute("SELECT last_contact FROM person WHERE name = 'Ada Lovelace'").fetchone() == ("2026-03-11",)
    assert "The Inbox is empty" in netui("inbox", "--db", str(db)).stdout


def test_mail_import_dry_run_writes_nothing_then_for_real(tmp_path, known):
    db = known
    box = write_mbox(tmp_path / "mail.mbox")
    dry = netui("import", "mail", str(box), "--me", ME, "--dry-run", "--db", str(db), env=NY)
    assert dry.returncode == 0, dry.stderr
    assert "Would propose 3 new journal entries." in dry.stdout and "Dry run: nothing was written." in dry.stdout
    assert sqlite3.connect(db).execute("SELECT count(*) FROM proposal").fetchone()[0] == 0
    real = netui("import", "mail", str(box), "--me", ME, "--db", str(db), env=NY)
    assert "Proposed 3 new journal entries." in real.stdout
    assert "Skipped: " in real.stdout and "1 mailing list" in real.stdout
    again = netui("import", "mail", str(box), "--db", str(db), env=NY)
    assert "Proposed 0 new journal entries" in again.stdout


def test_usage_errors(tmp_path, known):
    db = known
    out = netui("import", "vcard", str(tmp_path / "x.vcf"), "--me", ME, "--db", str(db))
    assert out.returncode == 1 and "--me only applies to calendar and mail imports" in out.stderr
    out = netui("import", "calendar", str(tmp_path / "missing.ics"), "--db", str(db))
    assert out.returncode == 1 and "no such file" in out.stderr
    out = netui("import", "mail", str(write_calendar(tmp_path / "cal.ics")), "--me", "nobody", "--db", str(db))
    assert out.returncode == 1 and "not an email address" in out.stderr
    out = netui("import", "calendar", str(tmp_path / "cal.ics"), "--add-unknown", "--db", str(db))
    assert out.returncode == 1 and "--add-unknown needs" in out.stderr
    out = netui("inbox", "--db", str(tmp_path / "none.db"))
    assert out.returncode == 1 and not (tmp_path / "none.db").exists()


def test_inbox_prints_stored_control_characters_as_placeholders(tmp_path, known):
    from datetime import date

    from netui.domain.capture import ProposalDraft, Source
    from netui.store.db import Database
    from netui.store.proposals import save_proposals

    db = known
    with Database.open(db) as handle:
        save_proposals(handle, [ProposalDraft(Source.MAIL, "mail:x|2026-03-01|1", date(2026, 3, 1), "email", "hi", (1,))])
        handle.execute("UPDATE proposal SET summary = ?", ("Raw \x1b]0;pwned\x07 [b]x",))
    out = netui("inbox", "--db", str(db))
    assert out.returncode == 0 and "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "Raw ␛]0;pwned␇ [b]x" in out.stdout
    data = json.loads(netui("inbox", "--json", "--db", str(db)).stdout)
    assert data[0]["summary"] == "Raw \x1b]0;pwned\x07 [b]x"  # JSON keeps the value exactly


def test_coming_up_on_the_agenda_and_the_brief(tmp_path, known):
    db = known
    out = netui("import", "calendar", str(write_calendar(tmp_path / "cal.ics")), "--me", ME, "--db", str(db), env=NY)
    assert "Coming up: 1 meeting ahead with people you know" in out.stdout
    agenda = netui("agenda", "--db", str(db), env=NY).stdout
    assert "Meetings ahead (1)" in agenda and "Tue 17 Mar 11:00  Ada Lovelace: Coffee with Ada" in agenda
    text = netui("brief", "Ada Lovelace", "--db", str(db))
    assert text.returncode == 0, text.stderr
    assert "Meeting:       2026-03-17 11:00 Coffee with Ada" in text.stdout
    assert "Ring:          strategic" in text.stdout
    data = json.loads(netui("brief", "#1", "--json", "--db", str(db)).stdout)
    assert data["id"] == 1 and data["next_meeting"]["title"] == "Coffee with Ada" and data["recent"] == []
    missing = netui("brief", "Nobody Here", "--db", str(db))
    assert missing.returncode == 1 and "nobody is called" in missing.stderr


def test_a_mail_import_shows_progress_in_a_terminal(tmp_path, known):
    from tests.cli.test_progress import NETUI, _in_a_terminal

    db = known
    box = write_mbox(tmp_path / "mail.mbox")
    code, seen = _in_a_terminal([*NETUI, "import", "mail", str(box), "--me", ME, "--db", str(db)])
    assert code == 0
    assert "netui: finding the messages…".encode() in seen
    assert b"netui: reading messages [" in seen and b"8/8" in seen
    assert b"Proposed 3 new journal entries." in seen
