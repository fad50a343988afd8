"""`netui import json` checks every value before writing anything: a bad one is one line naming
the row and the column, and the database stays empty (then agenda, journal... keep working)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

TS = "2026-01-01 00:00:00"
PERSON = {"id": 1, "name": "Ada", "ring": "cold", "created_at": TS, "updated_at": TS}
ENTRY = {"id": 1, "date": "2026-01-02", "kind": "coffee", "created_at": TS, "updated_at": TS}


def netui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netui", *args], capture_output=True, text=True, timeout=60)


def _dump(tables: dict) -> dict:
    return {"format": "netui", "version": 1, "tables": tables}


def _restore(tmp_path: Path, text: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    path = tmp_path / "dump.json"
    path.write_text(text)
    db = tmp_path / "n.db"
    return netui("import", "json", str(path), "--db", str(db)), db


def _one_line(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netui: error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def _rows(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("person", "interaction", "setting"))


@pytest.mark.parametrize(
    ("tables", "fragments"),
    [
        ({"person": [PERSON], "interaction": [{**ENTRY, "date": "not-a-date"}]}, ["interaction row 1 (id 1): date"]),
        ({"person": [PERSON], "interaction": [{**ENTRY, "follow_up": "13/13/13"}]}, ["interaction row 1", "follow_up"]),
        ({"person": [PERSON], "interaction": [{**ENTRY, "follow_up_snoozed_until": "zzz"}]},
         ["follow_up_snoozed_until"]),
        ({"person": [{**PERSON, "snoozed_until": "zzz"}]}, ["person row 1 (id 1): snoozed_until"]),
        ({"person": [{**PERSON, "created_at": "yesterday"}]}, ["person row 1", "created_at"]),
        ({"person": [PERSON], "setting": [{"key": "theme", "value": "{bad"}]}, ["setting row 1 (id theme): value"]),
        ({"person": [PERSON], "setting": [{"key": "cadence.buddy", "value": "\"weekly\""}]}, ["setting row 1", "days"]),
        ({"person": [{**PERSON, "id": 10**30}]}, ["person row 1", "id is a 31-digit number"]),
        ({"person": [{**PERSON, "version": 1.5}]}, ["version must be a whole number"]),
        ({"person": [{**PERSON, "name": 7}]}, ["name must be text"]),
        ({"person": [{**PERSON, "cadence_override": 0}]}, ["cadence_override is 0"]),
        ({"person": [{**PERSON, "extra": "[1]"}]}, ["extra must be a JSON object"]),
        ({"person": [{k: v for k, v in PERSON.items() if k != "name"}]}, ["person row 1 (id 1) has no name"]),
    ],
)
def test_a_bad_value_is_one_line_naming_row_and_column_and_nothing_is_written(tmp_path, tables, fragments):
    result, db = _restore(tmp_path, json.dumps(_dump(tables)))
    _one_line(result, *fragments)
    assert _rows(db) == 0
    agenda = netui("agenda", "--db", str(db))
    assert "internal error" not in agenda.stderr


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"format": "netui", "version": 1, "tables": {"person": [{"id": ' + "9" * 5000 + "}]}}", "too long"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=["5000-digit number", "100,000 nested brackets"],
)
def test_huge_numbers_and_deep_nesting_are_one_line(tmp_path, text, fragment):
    result, db = _restore(tmp_path, text)
    _one_line(result, fragment)
    assert "Traceback" not in result.stderr and _rows(db) == 0
