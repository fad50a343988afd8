"""Hostile text through every command's output, in a subprocess.

The rule (README, "Your data is safe"):
* text meant for a person (add, log, journal, agenda, funnel, the import report,
  every error) never holds a control character: they show as placeholders;
* JSON outputs are exact but escape every control character (``\\u001b``), so the
  data round-trips and a terminal never sees a raw sequence;
* exports written to a file (``-o``) or a pipe keep every value exactly; the same
  export printed straight to a terminal shows control characters as placeholders.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from netui.store import models as m
from tests.hostile import HOSTILE_NAMES
from tests.hostile_seed import seed_hostile
from tests.cli.test_cli import netui

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from ptyrun import PtyApp  # noqa: E402

# Every C0 control except the line break, DEL, the C1 block, and bidi controls.
BAD = {chr(c) for c in range(0x20) if c != 0x0A} | {chr(0x7F)} | {chr(c) for c in range(0x80, 0xA0)}
BAD |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def assert_plain(text: str, where: str) -> None:
    found = sorted({repr(ch) for ch in text if ch in BAD})
    assert not found, (where, found)


@pytest.fixture
def hostile_db(db, db_path: Path) -> Path:
    seed_hostile(db)
    db.close()
    return db_path


def test_text_commands_never_print_control_characters(hostile_db: Path):
    db = str(hostile_db)
    printed = {}
    for args in (
        ["journal"],
        ["journal", "--open"],
        ["journal", "--search", "smile"],
        ["agenda", "--all"],
        ["agenda"],
        ["funnel"],
    ):
        out = netui(*args, "--db", db)
        assert out.returncode == 0, (args, out.stderr)
        assert_plain(out.stdout + out.stderr, " ".join(args))
        printed[" ".join(args)] = out.stdout
    journal = printed["journal"]
    assert "RawSummary0 ␛]0;pwned␇" in journal and "[b]bold" in journal and "x[/" in journal
    assert "Raw0 ␛]0;pwned␇" in printed["agenda --all"]


def test_json_outputs_are_exact_and_escape_every_control(hostile_db: Path):
    db = str(hostile_db)
    raw = sqlite3.connect(hostile_db).execute("SELECT summary FROM interaction WHERE summary LIKE 'RawSummary4%'").fetchone()[0]
    assert "\x9b" in raw
    printed = {}
    for args in (["journal", "--json"], ["agenda", "--json"], ["funnel", "--json"], ["export", "json"]):
        out = netui(*args, "--db", db)
        assert out.returncode == 0, (args, out.stderr)
        assert_plain(out.stdout.replace("\n", ""), " ".join(args))
        printed[" ".join(args)] = json.loads(out.stdout)
    entries = printed["journal --json"]
    assert raw in [e["summary"] for e in entries]  # the exact stored value, C1 control and all


def test_exports_to_a_file_keep_every_value(hostile_db: Path, tmp_path: Path):
    db = str(hostile_db)
    conn = sqlite3.connect(hostile_db)
    stored = {r[0] for r in conn.execute("SELECT name FROM person WHERE deleted_at IS NULL")}
    assert any("\x1b" in n for n in stored)
    out = netui("export", "csv", "-o", str(tmp_path / "p.csv"), "--db", db)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "p.csv").read_text(encoding="utf-8"))))
    exported = {r.get("Name") or r.get("name") for r in rows}
    # A spreadsheet formula guard may prefix "'", which the import removes again.
    assert {n.removeprefix("'") for n in exported} == stored
    piped = netui("export", "vcard", "--db", db)
    assert piped.returncode == 0
    # A pipe gets the stored value itself, control characters and all (vCard escapes the ";").
    assert "FN:Raw0 \x1b]0\\;pwned\x07\n" in piped.stdout.replace("\r\n", "\n")
    for fmt in ("vcard", "ics", "markdown"):
        out = netui("export", fmt, "-o", str(tmp_path / f"x.{fmt}"), "--db", db)
        assert out.returncode == 0, (fmt, out.stderr)
        assert_plain(out.stderr, fmt)
    # JSON round trip into an empty database: every value as it was.
    dump = tmp_path / "dump.json"
    assert netui("export", "json", "-o", str(dump), "--db", db).returncode == 0
    copy = tmp_path / "copy.db"
    out = netui("import", "json", str(dump), "--db", str(copy))
    assert out.returncode == 0, out.stderr
    for table, cols in (("person", "id, name, company, title, notes"), ("interaction", "id, summary, notes")):
        a = conn.execute(f"SELECT {cols} FROM {table} ORDER BY id").fetchall()
        b = sqlite3.connect(copy).execute(f"SELECT {cols} FROM {table} ORDER BY id").fetchall()
        assert a == b, table


@pytest.mark.parametrize("fmt", ["markdown", "vcard", "csv"])
def test_an_export_printed_to_a_terminal_shows_placeholders(hostile_db: Path, fmt: str):
    app = PtyApp([sys.executable, "-m", "netui", "export", fmt, "--db", str(hostile_db)], cols=200, rows=50)
    app.start()
    try:
        deadline = time.monotonic() + 30
        while app.proc.poll() is None and time.monotonic() < deadline:
            app.read(0.1)  # read while it writes: a full pty would block it
            time.sleep(0.01)
        app.read(0.3)
    finally:
        os.close(app.fd)
    out = bytes(app.output)
    assert app.proc.returncode == 0, out[-500:]
    for bad in (b"\x1b]0;pwned", b"\x1b]52;", b"\x1bc", b"\xc2\x9b", b"\x1b[6n"):
        assert bad not in out, (fmt, bad)
    assert b"pwn" in out  # the data is there (vCard folds long lines), made harmless (a placeholder, or dropped by the format)


def test_add_log_and_errors_print_plain_lines(tmp_path: Path):
    db = str(tmp_path / "n.db")
    for name in HOSTILE_NAMES:
        if "\x00" in name:
            continue  # a command line cannot hold a NUL
        out = netui("add", name[:100], "--db", db)
        assert out.returncode == 0, (name, out.stderr)
        assert_plain(out.stdout + out.stderr, f"add {name!r}")
    out = netui("log", "[@click=app.quit]x[/]", "x[/", "--kind", "coffee", "--summary", "Esc\x1b]0;pwned\x07", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "[@click=app.quit]x[/], x[/" in out.stdout
    assert_plain(out.stdout + out.stderr, "log")
    # Errors that quote what was typed, or a path, stay on one plain line.
    for args in (
        ["log", "Nobody\x1b]0;pwned\x07", "--kind", "coffee"],
        ["journal", "--person", "\x9b31m"],
        ["import", "csv", str(tmp_path / "missing\x1b]0;pwned\x07.csv")],
        ["backup", str(tmp_path / "no\x1bcdir" / "sub" / "x.db")],
    ):
        out = netui(*args, "--db", db)
        assert out.returncode == 1, (args, out.stdout, out.stderr)
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
        assert_plain(out.stdout + out.stderr, repr(args))
    # A kind that does not exist is a wrong command line: the usage, then one plain error line.
    out = netui("log", "Ada", "--kind", "\x1b]52;c;ZXZpbA==\x07", "--db", db)
    assert out.returncode == 2 and "unknown kind" in out.stderr.strip().splitlines()[-1], out.stderr
    assert_plain(out.stdout + out.stderr, "log --kind")
    out = netui("add", "x", "--db", str(tmp_path / "bad\x1b]0;pwned\x07" / "f" / "x.db"))
    assert_plain(out.stdout + out.stderr, "db path")


def test_import_report_on_the_command_line_is_plain(tmp_path: Path):
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Company", "Email", "Ring"])
        for name in HOSTILE_NAMES:
            name = name.replace("\x00", "")  # a NUL makes it a binary file, refused (test_hostile_screens)
            writer.writerow([name, name[:40], "\x1b]0;pwned\x07@x", ""])
        writer.writerow(["Bad ring", "", "", "\x1b]52;c;ZXZpbA==\x07"])
    for extra in (["--dry-run"], []):
        out = netui("import", "csv", str(path), *extra, "--db", str(tmp_path / "n.db"))
        assert out.returncode == 0, out.stderr
        assert_plain(out.stdout + out.stderr, f"import {extra}")
        assert "skipped" in out.stdout
