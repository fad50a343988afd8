"""`netui import` and `netui export` run as a user runs them: the real command, in a subprocess."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netui.io import formats
from tests.cli.files import copy_database, filled_database
from tests.helpers import add

FIXTURES = Path(__file__).parents[1] / "fixtures" / "io"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000005"
                    "7bf9e30000000049454e44ae426082")


def netui(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "netui", *args]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def people(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [name for (name,) in conn.execute("SELECT name FROM person ORDER BY name")]


def imported(empty: Path, target: Path, fmt: str, source: Path) -> Path:
    """``target`` holding what `netui import FMT SOURCE` writes into a new database, written
    in this process with the functions that command calls."""
    return filled_database(empty, target, lambda db: formats.apply_parsed(db, fmt, formats.parse_file(fmt, source)))


@pytest.fixture(scope="module")
def linkedin_db(tmp_path_factory: pytest.TempPathFactory, empty_database: Path) -> Path:
    return imported(empty_database, tmp_path_factory.mktemp("linkedin") / "n.db", "linkedin",
                    FIXTURES / "linkedin_connections.csv")


@pytest.fixture(scope="module")
def vcard_db(tmp_path_factory: pytest.TempPathFactory, empty_database: Path) -> Path:
    return imported(empty_database, tmp_path_factory.mktemp("vcard") / "n.db", "vcard", FIXTURES / "contacts.vcf")


def one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netui: error: "), result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_import_linkedin_prints_the_report(tmp_path):
    db = tmp_path / "n.db"
    result = netui("import", "linkedin", str(FIXTURES / "linkedin_connections.csv"), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress when nobody watches stderr
    assert "added            6" in result.stdout  # Alan Turing is kept, without his unreadable date
    assert "line 10: kept Alan Turing, not the date 'sometime in 1939' in Connected On" in result.stdout
    assert result.stdout.strip().endswith("Saved.")
    assert len(people(db)) == 6
    again = netui("import", "linkedin", str(FIXTURES / "linkedin_connections_newer.csv"), db=db)
    assert "Ada Lovelace (#1): Chief Programmer at Analytical Engines → CTO at Difference Engines Ltd" in again.stdout
    assert len(people(db)) == 7


def test_import_dry_run_writes_nothing(tmp_path):
    db = tmp_path / "n.db"
    result = netui("import", "linkedin", str(FIXTURES / "linkedin_connections.csv"), "--dry-run", db=db)
    assert result.returncode == 0
    assert "added            6" in result.stdout and "Dry run: nothing was written." in result.stdout
    assert people(db) == []


def test_import_vcard(tmp_path):
    db = tmp_path / "n.db"
    result = netui("import", "vcard", str(FIXTURES / "contacts.vcf"), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no library warnings leak out
    assert "5 cards read" in result.stdout
    assert "Ada Lovelace" in people(db)


def test_import_csv_with_a_map(tmp_path):
    db = tmp_path / "n.db"
    result = netui("import", "csv", str(FIXTURES / "custom_columns.csv"), "--map", "Who=name", "--map", "Shop=company",
                   db=db)
    assert result.returncode == 0, result.stderr
    assert people(db) == ["Linus Torvalds", "Margaret Hamilton"]


@pytest.mark.parametrize("fmt, check", [
    ("json", lambda text: json.loads(text)["format"] == "netui"),
    ("csv", lambda text: text.startswith("Name,Company,Title")),
    ("vcard", lambda text: text.count("BEGIN:VCARD") == 6),
    ("ics", lambda text: text.startswith("BEGIN:VCALENDAR")),
    ("markdown", lambda text: text.startswith("# netui journal")),
])
def test_export_to_stdout_and_to_a_file(tmp_path, linkedin_db, fmt, check):
    db = copy_database(linkedin_db, tmp_path / "n.db")
    result = netui("export", fmt, db=db)
    assert result.returncode == 0, result.stderr
    assert check(result.stdout) and result.stderr == ""
    out = tmp_path / f"out.{fmt}"
    written = netui("export", fmt, "-o", str(out), db=db)
    assert written.returncode == 0, written.stderr
    assert written.stdout == "" and written.stderr.strip() == f"netui: wrote {fmt} to {out}"
    if fmt != "json":  # the dump has its export time in it
        assert out.read_text(encoding="utf-8").replace("\r\n", "\n") == result.stdout.replace("\r\n", "\n")


def test_json_round_trip_through_the_command_line(tmp_path, vcard_db):
    db = copy_database(vcard_db, tmp_path / "n.db")
    dump = tmp_path / "dump.json"
    assert netui("export", "json", "-o", str(dump), db=db).returncode == 0
    fresh = tmp_path / "fresh.db"
    dry = netui("import", "json", str(dump), "--dry-run", db=fresh)
    assert dry.returncode == 0 and dry.stdout.startswith("Would restore 3 people,") and people(fresh) == []
    result = netui("import", "json", str(dump), db=fresh)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Restored 3 people, 0 network memberships, 3 ring moves,")
    assert people(fresh) == people(db)
    one_line_error(netui("import", "json", str(dump), db=fresh), "already holds data (3 people, 3 tags)")


def test_missing_file(tmp_path):
    db = tmp_path / "n.db"
    one_line_error(netui("import", "linkedin", str(tmp_path / "nope.csv"), db=db), "nope.csv: no such file")
    assert not db.exists()  # nothing written, not even an empty database


def test_a_png_given_as_csv(tmp_path):
    png = tmp_path / "photo.csv"
    png.write_bytes(PNG)
    db = tmp_path / "n.db"
    for fmt in ("csv", "linkedin", "vcard"):
        one_line_error(netui("import", fmt, str(png), db=db), "holds binary data")
    assert not db.exists()


def test_wrong_format(tmp_path):
    db = tmp_path / "n.db"
    one_line_error(netui("import", "linkedin", str(FIXTURES / "people.csv"), db=db), "no LinkedIn header")
    one_line_error(netui("import", "csv", str(FIXTURES / "custom_columns.csv"), db=db), "no recognisable header")
    one_line_error(netui("import", "vcard", str(FIXTURES / "people.csv"), db=db), "holds no vCard")
    one_line_error(netui("import", "json", str(FIXTURES / "people.csv"), db=db), "is not JSON")
    one_line_error(netui("import", "linkedin", str(FIXTURES / "people.csv"), "--map", "a=name", db=db), "--map only")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("Name\nSøren\n".encode("latin-1"))
    one_line_error(netui("import", "csv", str(latin1), db=db), "is not UTF-8 text")
    assert not db.exists()


def test_unknown_format_is_a_usage_error(tmp_path):
    result = netui("import", "excel", "x.xlsx", db=tmp_path / "n.db")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_export_errors_leave_the_old_file(tmp_path, vcard_db):
    db = copy_database(vcard_db, tmp_path / "n.db")
    one_line_error(netui("export", "csv", "-o", str(tmp_path / "no" / "such" / "dir.csv"), db=db), "does not exist")
    one_line_error(netui("export", "csv", db=tmp_path / "missing.db"), "does not exist")
    assert not (tmp_path / "missing.db").exists()


def test_an_export_over_the_database_itself_is_refused(tmp_path, empty_database):
    db = filled_database(empty_database, tmp_path / "n.db", lambda handle: add(handle, "Ada Lovelace"))  # netui add
    before = db.read_bytes()
    link = tmp_path / "link.db"
    link.symlink_to(db)
    for target in (db, link, tmp_path / "n.db-wal"):
        out = netui("export", "csv", "-o", str(target), "--db", str(db))
        assert out.returncode == 1 and "is the database itself" in out.stderr, (target, out.stderr)
    assert db.read_bytes() == before
    assert netui("journal", "--db", str(db)).returncode == 0


def test_a_stray_quote_in_a_linkedin_export_saves_nothing_and_names_the_line(tmp_path, empty_database):
    db = tmp_path / "n.db"
    rows = [f"First{i},Last{i},https://www.linkedin.com/in/p{i},,Co,Eng,12 Mar 2024" for i in range(1000)]
    rows[1] = 'Stray,"Quote Brien,,,Co,Eng,12 Mar 2024'
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "\n".join(rows) + "\n")
    filled_database(empty_database, db, lambda handle: add(handle, "Someone Already Here"))  # netui add
    result = netui("import", "linkedin", str(path), db=db)
    one_line_error(result, "Connections.csv, line 3:")
    assert people(db) == ["Someone Already Here"]
    result = netui("import", "linkedin", str(path), "--skip-bad-rows", db=db)
    assert result.returncode == 0, result.stderr
    assert "1,000 rows read" in result.stdout and "added          999" in result.stdout
    assert "line 3: a quote opened on this line is never closed" in result.stdout
    assert len(people(db)) == 1000


def test_import_from_a_device_is_refused(tmp_path):
    result = netui("import", "csv", "/dev/zero", db=tmp_path / "n.db")
    one_line_error(result, "not a regular file")
