"""Names that look the same to a reader are the same name: invisible characters,
Unicode forms (composed or not, compatibility forms), case and spacing are ignored
by `netui log NAME`, `netui journal --person` and import de-duplication."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest

from tests.cli.files import copy_database, filled_database
from tests.cli.test_cli import netui
from tests.helpers import add

STORED = "Renée Ångström"
LOOKALIKES = [
    unicodedata.normalize("NFD", STORED),  # e + combining acute, A + combining ring
    "Ren\u200bée Ång\u2060ström",  # zero-width space, word joiner
    "\ufeffRenée  Ångström\u00ad",  # byte-order mark, double space, soft hyphen
    "RENÉE ÅNGSTRÖM",
    "Renée\u00a0Ångström",  # no-break space
    "Ren\u200dée \u202eÅngström\u202c",  # zero-width joiner, a bidi override
]


def _count(db: Path, sql: str) -> int:
    return sqlite3.connect(db).execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def renee(tmp_path_factory: pytest.TempPathFactory, empty_database: Path) -> Path:
    """What `netui add "Renée Ångström" --company Acme` writes, once for the module."""
    return filled_database(empty_database, tmp_path_factory.mktemp("renee") / "n.db",
                           lambda db: add(db, STORED, company="Acme"))


@pytest.mark.parametrize("typed", LOOKALIKES)
def test_log_finds_the_person_whatever_invisible_differences(tmp_path: Path, renee: Path, typed: str):
    db = str(copy_database(renee, tmp_path / "n.db"))
    out = netui("log", typed, "--kind", "call", "--db", db)
    assert out.returncode == 0, out.stderr
    assert f"with {STORED}" in out.stdout
    assert _count(Path(db), "SELECT count(*) FROM participant") == 1
    listed = netui("journal", "--person", typed, "--db", db)
    assert listed.returncode == 0 and STORED in listed.stdout


def test_add_refuses_a_lookalike_unless_forced(tmp_path: Path, empty_database: Path):
    db = str(filled_database(empty_database, tmp_path / "n.db", lambda handle: add(handle, STORED)))  # `netui add NAME`
    out = netui("add", LOOKALIKES[1], "--db", db)
    assert out.returncode == 1
    assert f"already exists: {STORED} (#1)" in out.stderr
    assert _count(Path(db), "SELECT count(*) FROM person") == 1
    forced = netui("add", LOOKALIKES[1], "--force", "--db", db)
    assert forced.returncode == 0
    assert "already called" in forced.stderr
    assert _count(Path(db), "SELECT count(*) FROM person") == 2


@pytest.mark.parametrize("fmt", ["csv", "linkedin", "vcard"])
def test_import_does_not_duplicate_a_lookalike_name(tmp_path: Path, renee: Path, fmt: str):
    db = copy_database(renee, tmp_path / "n.db")
    path = tmp_path / f"in.{fmt}"
    rows = LOOKALIKES[:3]
    if fmt == "csv":
        path.write_text("Name,Company,Title\n" + "".join(f"{n},Acme,Engineer {i}\n" for i, n in enumerate(rows)), encoding="utf-8")
    elif fmt == "linkedin":
        path.write_text(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            + "".join(f"{n.split()[0] if ' ' in n else n},{n.split()[-1] if ' ' in n else ''},,,Acme,Engineer,01 Jan 2024\n"
                      for n in rows[:1]),
            encoding="utf-8",
        )
    else:
        path.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{n}\r\nORG:Acme\r\nEND:VCARD\r\n" for n in rows[:1]),
                        encoding="utf-8")
    out = netui("import", fmt, str(path), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert _count(db, "SELECT count(*) FROM person") == 1, out.stdout
    assert sqlite3.connect(db).execute("SELECT name FROM person").fetchone()[0] == STORED  # your spelling is kept
