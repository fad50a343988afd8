"""The machinery that runs the numbered migrations: splitting a script into statements
(trigger bodies hold their own semicolons), running them inside the caller's transaction,
and the helpers migrations share with the rest of the store."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from netui.domain.models import PersonDraft
from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.domain.text import sort_key
from netui.store import people
from netui.store.migrations import LATEST_VERSION, MIGRATIONS, _script, _statements, _steps, due_on_sql, fill_sort_keys
from netui.store.settings import set_setting
from tests.helpers import add

SCRIPT = """

CREATE TABLE a (x INTEGER);
create trigger a_copy after insert on a begin
    insert into b values (new.x);
    insert into b values (new.x * 10);
    end;
CREATE TABLE b (
    y INTEGER
);
INSERT INTO a VALUES (1)
"""


def test_a_script_splits_into_statements_and_keeps_trigger_bodies_whole():
    assert _statements(SCRIPT) == [
        "CREATE TABLE a (x INTEGER);",
        "create trigger a_copy after insert on a begin\n"
        "    insert into b values (new.x);\n"
        "    insert into b values (new.x * 10);\n"
        "    end;",
        "CREATE TABLE b (\n    y INTEGER\n);",
        "INSERT INTO a VALUES (1)",  # the last one needs no semicolon
    ]
    assert _statements("SELECT 1;\n   \n") == ["SELECT 1;"]
    assert _statements("  \n") == []
    assert _statements("SELECT 1;\nSELECT\n  2") == ["SELECT 1;", "SELECT\n  2"]


def test_two_triggers_in_a_row_each_end_at_their_own_end():
    sql = """CREATE TRIGGER t1 AFTER INSERT ON a BEGIN
    SELECT 1;
END;
CREATE TRIGGER t2 AFTER DELETE ON a BEGIN
    SELECT 2;
END;
SELECT 3;"""
    assert _statements(sql) == [
        "CREATE TRIGGER t1 AFTER INSERT ON a BEGIN\n    SELECT 1;\nEND;",
        "CREATE TRIGGER t2 AFTER DELETE ON a BEGIN\n    SELECT 2;\nEND;",
        "SELECT 3;",
    ]


def test_a_script_runs_in_order_inside_the_callers_transaction():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("BEGIN")
    _script(SCRIPT)(conn)
    assert conn.in_transaction  # executescript would have committed here
    assert conn.execute("SELECT y FROM b ORDER BY y").fetchall() == [(1,), (10,)]
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []  # all or nothing


def test_steps_run_one_after_the_other():
    conn = sqlite3.connect(":memory:")
    _steps(_script("CREATE TABLE log (n INTEGER);"), _script("INSERT INTO log VALUES (1);"),
           lambda c: c.execute("INSERT INTO log SELECT n + 1 FROM log"))(conn)
    assert conn.execute("SELECT n FROM log ORDER BY n").fetchall() == [(1,), (2,)]


def test_every_migration_step_brings_a_new_file_to_the_latest_schema(db):
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("BEGIN")
    for step in MIGRATIONS:
        step(conn)
    conn.execute("COMMIT")
    made = set(conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    expected = set(db.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    assert made == expected
    assert len(MIGRATIONS) == LATEST_VERSION == db.execute("PRAGMA user_version").fetchone()[0]


def test_fill_sort_keys_writes_each_persons_sort_key(db):
    for name in ("Émile Zola", "ada Lovelace", "Ørsted"):
        add(db, name)
    db.execute("UPDATE person SET sort_key = ''")
    fill_sort_keys(db.orm.connection())
    rows = db.execute("SELECT name, sort_key FROM person ORDER BY id").fetchall()
    assert rows == [(name, sort_key(name)) for name, _ in rows]
    assert all(key for _, key in rows)
    assert [name for name, _ in sorted(rows, key=lambda r: r[1])] == ["ada Lovelace", "Émile Zola", "Ørsted"]


def test_due_on_sql_works_out_what_the_triggers_keep(db):
    """The first due day worked out from scratch for any table alias equals the column the
    triggers keep, for every rule it holds."""
    when = datetime(2026, 1, 10, 9, 0)
    cold = add(db, "Cold", ring=Ring.COLD)
    never = people.add_person(db, PersonDraft(name="Never", ring=Ring.BUDDY), now=when)
    contacted = add(db, "Contacted", ring=Ring.LUKEWARM)
    own = people.add_person(db, PersonDraft(name="Own", ring=Ring.STRATEGIC, cadence_override=5), now=when)
    distant = add(db, "Distant", ring=Ring.BUDDY, networks=[Network.MENTOR])
    db.execute("UPDATE membership SET distant = 1 WHERE person_id = ?", (distant,))
    off = add(db, "Off", ring=Ring.STRATEGIC)
    set_setting(db, "cadence.strategic", None)
    set_setting(db, "cadence.lukewarm", 45)
    db.execute("UPDATE person SET last_contact = '2026-02-01' WHERE id IN (?, ?, ?)", (contacted, own, off))
    rows = dict(db.execute(f"SELECT q.id, {due_on_sql('q')} FROM person q").fetchall())
    kept = dict(db.execute("SELECT id, due_on FROM person").fetchall())
    assert rows == kept
    assert rows[cold] is None and rows[distant] is None
    assert rows[never] == "2026-01-10"  # never contacted: due since added
    assert rows[contacted] == "2026-03-19"  # 45 days after, the day after the interval ends
    # A person's own interval wins over the ring's (even one set to never).
    assert date.fromisoformat(rows[own]) == date(2026, 2, 7)
    assert rows[off] is None
