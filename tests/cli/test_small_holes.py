"""The smaller holes of issue 17, each on real processes and real files: CSV cells a spreadsheet
would run, file names printed raw, arguments that are not UTF-8 or are absurdly large, files
that cannot be read, and the messages for a full disk, a crash's journal and a read-only folder."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netui.io import csvfile
from netui.store.db import Database
from tests.cli.files import filled_database
from tests.helpers import add, fill_disk
from tests.store.test_faults import integrity, tiny_disk, unprivileged  # noqa: F401  (tiny_disk: a fixture)

NETUI = [sys.executable, "-m", "netui"]
HOSTILE = "li\x1b]0;PWNED\x07.csv"


def run(*args: str | bytes, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*NETUI, *args], capture_output=True, timeout=timeout, cwd=cwd)


def one_line(result: subprocess.CompletedProcess[bytes], code: int, fragment: str) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, (result.returncode, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and "internal error" not in err, err
    return lines[0]


# ---------------------------------------------------------------- CSV export: OWASP's formula rule


@pytest.mark.parametrize("value", ["=1+1", "+1+HYPERLINK(\"http://evil\")", "-2+3+cmd|' /C calc'!A0", "@SUM(1)",
                                   "+44 20 7946 0000", "-5"])
def test_every_cell_a_spreadsheet_would_evaluate_is_neutralised_and_imports_back(db, tmp_path, value):
    add(db, "Ada Lovelace", company=value, title=value, phone=value)
    text = csvfile.export(db)
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["Name"] == "Ada Lovelace")
    assert row["Company"] == "'" + value and row["Title"] == "'" + value and row["Phone"] == "'" + value
    back = csvfile.parse(text).records[0]
    assert (back.company, back.title, back.phone) == (value, value, value)


@pytest.mark.parametrize("lead", ["\t", "\r"])
def test_a_leading_tab_or_cr_is_neutralised(lead):
    assert csvfile._formula_safe(lead + "=1+1").startswith("'")


# ---------------------------------------------------------------- file names reach the terminal safe


def test_file_names_in_every_success_line_are_made_safe(tmp_path: Path, empty_database: Path):
    db = filled_database(empty_database, tmp_path / "n.db", lambda handle: add(handle, "Ada Lovelace"))  # netui add
    li = tmp_path / HOSTILE
    li.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nGrace,Hopper,,,Navy,Adm,\n")
    dump = tmp_path / ("dump\x1b[2J.json")
    backup = tmp_path / ("bk\x07.db")
    outputs = [
        run("import", "linkedin", str(li), "--db", str(db)),
        run("backup", str(backup), "--db", str(db)),
        run("export", "json", "-o", str(dump), "--db", str(db)),
        run("restore", str(backup), "--db", str(db)),
        run("import", "json", str(dump), "--db", str(tmp_path / "restored\x1b]0;x\x07.db")),
        run("demo", "--no-tui", "--people", "3", "--db", str(tmp_path / "demo\x1b[31m.db")),
    ]
    for out in outputs:
        assert out.returncode == 0, out.stderr
        for stream in (out.stdout, out.stderr):
            assert b"\x1b" not in stream and b"\x07" not in stream, stream


# ---------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    "args",
    [["add", "X", "--tag", b"\xfe"], ["journal", "--search", b"\xff"], ["add", b"Ada \xff"]],
    ids=["tag", "search", "name"],
)
def test_arguments_that_are_not_utf8_are_one_line(tmp_path: Path, empty_database: Path, args):
    db = filled_database(empty_database, tmp_path / "n.db", lambda handle: add(handle, "Someone"))  # netui add
    line = one_line(run(*args, "--db", str(db)), 2, "is not UTF-8 text")
    assert line.startswith("netui: error:")


@pytest.mark.parametrize(
    "args",
    [["journal", "--limit", "99999999999999999999999"], ["demo", "--no-tui", "--people", "99999999999999999999"],
     ["demo", "--no-tui", "--people", "100001"], ["demo", "--no-tui", "--interactions", "9" * 5000]],
    ids=["limit", "people", "people just over", "interactions"],
)
def test_absurd_numbers_are_usage_errors_at_once(tmp_path: Path, args):
    result = run(*args, "--db", str(tmp_path / "n.db"), timeout=30)
    assert result.returncode == 2, result.stderr
    assert b"at most" in result.stderr or b"far too large" in result.stderr, result.stderr
    assert not (tmp_path / "n.db").exists()


def test_a_database_nobody_may_read_is_one_line(tmp_path: Path, empty_database: Path):
    db = filled_database(empty_database, tmp_path / "n.db", lambda handle: add(handle, "Ada"))  # netui add
    os.chmod(db, 0)
    try:
        for args in (["journal"], ["add", "Grace"], ["agenda"]):
            out = subprocess.run(unprivileged([*NETUI, *args, "--db", str(db)]), capture_output=True, timeout=60)
            one_line(out, 1, "permission denied")
            assert b"chmod u+rw" in out.stderr
    finally:
        os.chmod(db, 0o600)


# ---------------------------------------------------------------- what SQLite says, made actionable


def _crash_mid_write(db: Path) -> None:
    """A process killed in the middle of a write on a rollback-journal database (what a
    backup or a restore leaves): a hot -journal stays beside the file."""
    script = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA cache_size=1')\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "for i in range(2000):\n"
        "    conn.execute('INSERT INTO setting (key, value) VALUES (?, ?)', (f'k{i}', '\"' + 'x' * 500 + '\"'))\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True, timeout=60)


def test_a_hot_journal_left_by_a_crash_is_rolled_back_not_refused(tmp_path: Path, empty_database: Path):
    db = tmp_path / "copy.db"

    def fill(handle) -> None:  # `netui add "Ada Lovelace"`, then `netui backup copy.db`
        add(handle, "Ada Lovelace")
        assert handle.backup(db) == db  # a copy in rollback-journal mode

    filled_database(empty_database, tmp_path / "n.db", fill)
    _crash_mid_write(db)
    journal = db.with_name(db.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    out = run("journal", "--db", str(db))
    assert out.returncode == 0, out.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM setting WHERE key LIKE 'k%'").fetchone()[0] == 0
        assert conn.execute("SELECT name FROM person").fetchall() == [("Ada Lovelace",)]
    assert integrity(db) == "ok"


def test_a_read_only_folder_with_a_leftover_wal_says_what_to_do(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "n.db"
    with Database.open(db) as handle:
        add(handle, "Ada Lovelace")
    script = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA wal_autocheckpoint=0')\n"
        "conn.execute(\"UPDATE person SET notes = 'in the log' WHERE id = 1\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True, timeout=60)
    db.with_name("n.db-shm").unlink()
    assert db.with_name("n.db-wal").exists()
    os.chmod(folder, 0o555)
    try:
        out = subprocess.run(unprivileged([*NETUI, "journal", "--db", str(db)]), capture_output=True, timeout=60)
        line = one_line(out, 1, "n.db-wal")
        assert "read-only" in line and f"chmod u+w {folder}" in line
        assert "unable to open database file" not in line
    finally:
        os.chmod(folder, 0o755)


def test_a_full_disk_with_no_shm_says_the_disk_is_full(tiny_disk: Path, empty_database: Path):  # noqa: F811
    db = filled_database(empty_database, tiny_disk / "n.db", lambda handle: add(handle, "Ada Lovelace"))  # netui add
    assert not db.with_name("n.db-shm").exists()
    filler = tiny_disk / "filler"
    fill_disk(filler)
    try:
        for args in (["journal"], ["agenda"], ["add", "Grace"]):
            out = run(*args, "--db", str(db))
            line = one_line(out, 1, "The disk is full")
            assert "cannot be read as a netui database" not in line
    finally:
        filler.unlink()
    assert run("journal", "--db", str(db)).returncode == 0


# ---------------------------------------------------------------- file modes


def test_restore_and_backup_keep_a_private_database_private_and_a_readable_one_is_pointed_out(tmp_path: Path):
    db = tmp_path / "n.db"
    old = os.umask(0o022)
    try:
        assert run("add", "Ada", "--db", str(db)).returncode == 0
        assert db.stat().st_mode & 0o777 == 0o600
        bk = tmp_path / "bk.db"
        assert run("backup", str(bk), "--db", str(db)).returncode == 0
        assert bk.stat().st_mode & 0o777 == 0o600
        assert run("backup", str(bk), "--db", str(db)).returncode == 0  # over an existing 0600 copy
        assert bk.stat().st_mode & 0o777 == 0o600
        os.chmod(bk, 0o644)  # a backup someone made readable
        out = run("restore", str(bk), "--db", str(db))
        assert out.returncode == 0, out.stderr
        assert db.stat().st_mode & 0o777 == 0o600  # the live file keeps its mode
        os.chmod(db, 0o644)
        out = run("journal", "--db", str(db))
        assert out.returncode == 0
        warnings = [line for line in out.stderr.decode().splitlines() if line.startswith("netui: warning:")]
        assert len(warnings) == 1 and "other users" in warnings[0] and f"chmod 600 {db}" in warnings[0]
        assert db.stat().st_mode & 0o777 == 0o644  # said, never silently changed
    finally:
        os.umask(old)
