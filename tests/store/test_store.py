"""The store on a real temporary file database."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from netui.domain.models import PersonDraft
from netui.domain.rings import Ring
from netui.store import models as m
from netui.store import people
from netui.store.check import APPLICATION_ID
from netui.store.db import Database
from netui.store.errors import Conflict, NewerDatabase, NotANetuiDatabase, ReadOnlyDatabase, StoreError
from netui.store.migrations import LATEST_VERSION
from netui.store.models import ALL_MODELS
from tests.helpers import add


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


# ------------------------------------------------------------------ opening


def test_new_database_is_marked_as_netui(db, db_path: Path):
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_models_match_the_migrated_schema(db):
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {c.name: c for c in db.orm.get_columns(table)}
        fields = {f.column_name: f for f in model._meta.sorted_fields}
        assert set(columns) == set(fields), table
        for name, field in fields.items():
            assert columns[name].null == field.null or field.primary_key, f"{table}.{name} nullability"


def test_refuses_garbage_without_touching_it(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is my shopping list\n" * 100)
    before = _bytes(path)
    with pytest.raises(NotANetuiDatabase, match="not a netui database"):
        Database.open(path)
    assert _bytes(path) == before


def test_refuses_an_empty_file(tmp_path: Path):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(NotANetuiDatabase, match="empty"):
        Database.open(path)
    assert path.stat().st_size == 0


def test_refuses_another_applications_sqlite_file(tmp_path: Path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(NotANetuiDatabase, match="another application"):
        Database.open(path)
    assert _bytes(path) == before


def test_refuses_a_newer_netui_database(tmp_path: Path):
    path = tmp_path / "future.db"
    Database.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(NewerDatabase, match="newer netui"):
        Database.open(path)


def test_refuses_a_folder(tmp_path: Path):
    with pytest.raises(StoreError, match="is a folder"):
        Database.open(tmp_path)


def test_migration_backs_up_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "old.db"
    with Database.open(path) as db:
        add(db, "Ada")
    # Pretend a newer netui brings migration 2: the file must be copied before it runs.
    from netui.store import db as dbmod

    seen = {}

    def step_two(conn):
        seen["backups"] = sorted(p.name for p in tmp_path.glob(f"old.db.v{LATEST_VERSION}-*.bak"))
        conn.execute("CREATE TABLE extra_thing (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(dbmod, "MIGRATIONS", [*dbmod.MIGRATIONS, step_two])
    monkeypatch.setattr(dbmod, "LATEST_VERSION", LATEST_VERSION + 1)
    with Database.open(path) as opened:
        assert opened.migrated_from == LATEST_VERSION
        assert opened.backup_path is not None and opened.backup_path.exists()
        assert seen["backups"] == [opened.backup_path.name]
    copy = sqlite3.connect(opened.backup_path)
    assert copy.execute("SELECT name FROM person").fetchall() == [("Ada",)]
    assert copy.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_read_only_database_can_be_read_but_refuses_writes(tmp_path: Path):
    path = tmp_path / "ro.db"
    with Database.open(path) as db:
        add(db, "Ada")
    before = _bytes(path)
    with Database.open(path, readonly=True) as opened:
        assert opened.readonly
        assert [r.name for r in people.list_people(opened)] == ["Ada"]
        with pytest.raises(ReadOnlyDatabase, match="read-only"):
            add(opened, "Grace")
    assert _bytes(path) == before


def test_an_older_file_opened_read_only_is_left_alone_and_says_how_to_upgrade(tmp_path: Path):
    from netui.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    MIGRATIONS[0](conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(ReadOnlyDatabase, match="needs an upgrade, which is not done when it is opened read-only"):
        Database.open(path, readonly=True)
    assert _bytes(path) == before and not list(tmp_path.glob("old.db.v1-*.bak"))


def test_a_file_without_write_permission_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "ro.db"
    Database.open(path).close()
    import netui.store.db as dbmod

    # Root can write anything, so pretend the permission bits say no.
    monkeypatch.setattr(dbmod.os, "access", lambda p, mode: mode != dbmod.os.W_OK)
    with Database.open(path) as opened:
        assert opened.readonly


COUNTER_SCRIPT = """
import sys
from netui.store.db import Database, writes
db = Database.open(sys.argv[1])

@writes
def bump(db):
    row = db.execute("SELECT value FROM setting WHERE key = 'n'").fetchone()
    n = int(row[0]) if row else 0
    db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('n', ?)", (str(n + 1),))

for _ in range(int(sys.argv[2])):
    bump(db)
db.close()
"""


def test_two_processes_read_then_write_lose_nothing(db, db_path: Path):
    import subprocess
    import sys

    db.close()
    procs = [
        subprocess.Popen([sys.executable, "-c", COUNTER_SCRIPT, str(db_path), "150"], stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT value FROM setting WHERE key = 'n'").fetchone()[0] == "300"


def test_a_watch_notices_a_commit_made_before_its_first_look(db, db_path: Path):
    """The baseline is taken when the watch is made: a commit from another connection
    between then and the first look (the app's first poll) must not be missed."""
    watch = db.watch()
    try:
        other = sqlite3.connect(db_path)
        other.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")
        other.commit()
        assert watch.changed()
        assert not watch.changed()  # nothing since the last look
        other.execute("UPDATE setting SET value = '2' WHERE key = 'x'")
        other.commit()
        other.close()
        assert watch.changed()
    finally:
        watch.close()


# ------------------------------------------------------------------ people


def test_add_cleans_input_and_records_the_first_ring(db, db_path: Path):
    pid = people.add_person(db, PersonDraft(name="  Ada\x1b[31m  Lovelace ", ring=Ring.STRATEGIC, notes="a\r\nb"))
    person = people.get_person(db, pid)
    assert person.name == "Ada[31m Lovelace"
    assert person.notes == "a\nb"
    assert [(mv.from_ring, mv.to_ring) for mv in person.ring_history] == [(None, Ring.STRATEGIC)]


def test_step_ring_refuses_a_stale_ring(db, db_path: Path):
    pid = add(db, "Ada", Ring.LUKEWARM)
    people.step_ring(db, pid, True, expected=Ring.LUKEWARM)
    with pytest.raises(Conflict, match="another session"):
        people.step_ring(db, pid, True, expected=Ring.LUKEWARM)
    assert people.get_person(db, pid).ring == Ring.STRATEGIC


def test_undo_ring_move_restores_and_forgets(db, db_path: Path):
    pid = add(db, "Ada", Ring.LUKEWARM)
    move = people.step_ring(db, pid, True, expected=Ring.LUKEWARM)
    assert people.undo_ring_move(db, move.id) == Ring.LUKEWARM
    person = people.get_person(db, pid)
    assert person.ring == Ring.LUKEWARM
    assert len(person.ring_history) == 1


def test_edges_cannot_be_passed(db, db_path: Path):
    pid = add(db, "Ada", Ring.BUDDY)
    with pytest.raises(StoreError, match="innermost"):
        people.step_ring(db, pid, True, expected=Ring.BUDDY)


def _in_other_session(db: Database, fn, *args):
    """Run a store call on another thread: peewee gives each thread its own connection."""
    out = {}

    def run():
        try:
            with db.connection_context():
                out["value"] = fn(db, *args)
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out.get("value")


def test_two_sessions_editing_different_fields_both_survive(db, db_path: Path):
    pid = add(db, "Ada", company="Engines")
    mine = people.get_person(db, pid)
    theirs = _in_other_session(db, people.get_person, pid)
    _in_other_session(db, people.update_person, pid, theirs, {"title": "Countess"})
    people.update_person(db, pid, mine, {"company": "Babbage & Co"})
    person = people.get_person(db, pid)
    assert (person.title, person.company) == ("Countess", "Babbage & Co")
    assert person.version == 3


def test_same_field_conflict_is_refused_with_both_values(db, db_path: Path):
    pid = add(db, "Ada", company="Engines")
    mine = people.get_person(db, pid)
    theirs = _in_other_session(db, people.get_person, pid)
    _in_other_session(db, people.update_person, pid, theirs, {"company": "Theirs Ltd"})
    with pytest.raises(Conflict) as caught:
        people.update_person(db, pid, mine, {"company": "Mine plc"})
    assert caught.value.fields["company"] == ("Theirs Ltd", "Mine plc")
    assert "changed in another session" in str(caught.value)
    assert people.get_person(db, pid).company == "Theirs Ltd"


def test_saving_over_the_newer_version_after_seeing_it_works(db, db_path: Path):
    pid = add(db, "Ada", company="Engines")
    mine = people.get_person(db, pid)
    _in_other_session(db, people.update_person, pid, _in_other_session(db, people.get_person, pid), {"company": "Theirs"})
    fresh = people.get_person(db, pid)
    people.update_person(db, pid, fresh, {"company": "Mine"})
    assert people.get_person(db, pid).company == "Mine"
    assert mine.version == 1


def test_only_changed_fields_are_written(db, db_path: Path):
    pid = add(db, "Ada", company="Engines")
    base = people.get_person(db, pid)
    same = people.update_person(db, pid, base, {"company": "Engines", "name": "Ada"})
    assert same.version == base.version


def test_edit_of_a_trashed_person_is_refused(db, db_path: Path):
    pid = add(db, "Ada")
    base = people.get_person(db, pid)
    _in_other_session(db, people.trash_person, pid)
    with pytest.raises(Conflict, match="trash"):
        people.update_person(db, pid, base, {"title": "x"})
    assert people.get_person(db, pid).title == ""


def test_trash_restore_purge(db, db_path: Path):
    from netui.store.journal import InteractionDraft, add_interaction

    a, b = add(db, "Ada"), add(db, "Grace")
    shared = add_interaction(db, InteractionDraft(date(2026, 3, 1), "coffee", (a, b)))
    alone = add_interaction(db, InteractionDraft(date(2026, 3, 2), "call", (a,)))
    people.trash_person(db, a)
    assert [r.name for r in people.list_people(db)] == ["Grace"]
    assert [r.name for r in people.list_people(db, people.PeopleQuery(trash=True))] == ["Ada"]
    people.restore_person(db, a)
    assert people.count_people(db) == 2
    with pytest.raises(StoreError, match="Only people in the trash"):
        people.purge_person(db, a)
    people.trash_person(db, a)
    people.purge_person(db, a)
    assert not m.Person.select().where(m.Person.id == a).exists()
    assert m.Interaction.select().where(m.Interaction.id == shared).exists()
    assert not m.Interaction.select().where(m.Interaction.id == alone).exists()


def test_find_by_name_ignores_case_and_invisible_characters(db, db_path: Path):
    add(db, "Ada Lovelace")
    assert [r.name for r in people.find_by_name(db, "ada  LOVELACE")] == ["Ada Lovelace"]
    assert [r.name for r in people.find_by_name(db, "Ada\u200b Lovelace")] == ["Ada Lovelace"]
    assert people.find_by_name(db, "Ada") == []


def test_last_contact_ignores_deleted_interactions(db, db_path: Path):
    from netui.store.journal import InteractionDraft, add_interaction

    pid = add(db, "Ada", Ring.BUDDY)
    add_interaction(db, InteractionDraft(date(2026, 1, 1), "coffee", (pid,)))
    newer = add_interaction(db, InteractionDraft(date(2026, 3, 1), "call", (pid,)))
    assert people.list_people(db)[0].last_contact == date(2026, 3, 1)
    m.Interaction.update(deleted_at="2026-03-02 00:00:00").where(m.Interaction.id == newer).execute()
    assert people.list_people(db)[0].last_contact == date(2026, 1, 1)


def test_knows_links_are_symmetric(db, db_path: Path):
    a, b = add(db, "Ada"), add(db, "Grace")
    people.link_knows(db, b, a, "worked together")
    assert [(k.other_name, k.note) for k in people.get_person(db, a).knows] == [("Grace", "worked together")]
    assert [k.other_name for k in people.get_person(db, b).knows] == ["Ada"]
    with pytest.raises(StoreError):
        people.link_knows(db, a, a)


def test_backup_is_a_checked_consistent_copy(db, db_path: Path, tmp_path: Path):
    add(db, "Ada")
    dest = db.backup(tmp_path / "copy.db")
    conn = sqlite3.connect(dest)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT name FROM person").fetchall() == [("Ada",)]
    assert not list(tmp_path.glob(".copy.db.tmp-*"))


def test_a_backup_onto_the_live_file_itself_is_refused(db, db_path: Path):
    add(db, "Ada")
    before = _bytes(db_path)
    with pytest.raises(StoreError, match="is the database itself"):
        db.backup(db_path)
    assert _bytes(db_path) == before
    assert [r.name for r in people.list_people(db)] == ["Ada"]


def test_files_netui_creates_are_private_whatever_the_umask(tmp_path: Path):
    import os

    old = os.umask(0o022)
    try:
        with Database.open(tmp_path / "new" / "folder" / "n.db") as db:
            assert db.created
            add(db, "Ada")
            copy = db.backup(tmp_path / "copy.db")
            db.share_session()  # the session lock file beside the database
            db.release_session()
    finally:
        os.umask(old)
    for made in (tmp_path / "new" / "folder").iterdir():  # the database, its -wal, -shm and .lock
        assert made.stat().st_mode & 0o777 == 0o600, made.name
    assert (tmp_path / "new" / "folder").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "new" / "folder" / "n.db").stat().st_mode & 0o777 == 0o600
    assert copy.stat().st_mode & 0o777 == 0o600  # never looser than what it copies


def test_opening_another_file_rebinds_the_models(tmp_path: Path):
    with Database.open(tmp_path / "a.db") as a:
        add(a, "Ada")
    with Database.open(tmp_path / "b.db") as b:
        add(b, "Grace")
        assert [p.name for p in m.Person.select()] == ["Grace"]
    with Database.open(tmp_path / "a.db", create=False) as a:
        assert [p.name for p in m.Person.select()] == ["Ada"]


def test_a_missing_file_is_not_created_unless_asked(tmp_path: Path):
    for kwargs in ({"create": False}, {"readonly": True}):
        with pytest.raises(StoreError, match="does not exist"):
            Database.open(tmp_path / "missing.db", **kwargs)
    assert not (tmp_path / "missing.db").exists()


def test_a_full_disk_says_so_loses_nothing_and_recovers(db, db_path: Path):
    from netui.store.errors import DiskFull

    add(db, "Ada")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    # SQLite's own limit stands in for a full disk: the same error code, SQLITE_FULL.
    db.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(DiskFull, match="The disk is full: nothing was saved"):
        people.add_person(db, PersonDraft(name="Grace", notes="x" * 200_000))
    assert [r.name for r in people.list_people(db)] == ["Ada"]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("PRAGMA max_page_count = 1073741823")
    people.add_person(db, PersonDraft(name="Grace", notes="x" * 200_000))
    assert sorted(r.name for r in people.list_people(db)) == ["Ada", "Grace"]


def test_last_contact_column_follows_every_change_to_the_journal(db, db_path: Path):
    """person.last_contact is kept by triggers; it must always equal the live maximum."""
    import random

    from netui.store import journal

    ids = [add(db, f"P{i}") for i in range(6)]
    rng = random.Random(4)
    made: list[int] = []

    def live_max(pid: int):
        return db.execute(
            "SELECT max(pa.date) FROM participant pa JOIN interaction i ON i.id = pa.interaction_id "
            "WHERE pa.person_id = ? AND i.deleted_at IS NULL", (pid,)
        ).fetchone()[0]

    for step in range(120):
        action = rng.choice(["add", "add", "delete", "restore", "redate", "purge"])
        if action == "add" or not made:
            who = tuple(rng.sample(ids, rng.randint(1, 3)))
            made.append(journal.add_interaction(db, journal.InteractionDraft(date(2026, 1, rng.randint(1, 28)), "call", who)))
        elif action == "delete":
            iid = rng.choice(made)
            if m.Interaction.get_by_id(iid).deleted_at is None:
                journal.delete_interaction(db, iid)
        elif action == "restore":
            iid = rng.choice(made)
            if m.Interaction.get_by_id(iid).deleted_at is not None:
                journal.restore_interaction(db, iid)
        elif action == "redate":
            iid = rng.choice(made)
            if m.Interaction.get_by_id(iid).deleted_at is not None:
                continue
            row = journal.get_interaction(db, iid)
            journal.update_interaction(db, iid, row, {"date": date(2026, 2, rng.randint(1, 28))})
        elif action == "purge":
            iid = made.pop(rng.randrange(len(made)))
            if m.Interaction.get_by_id(iid).deleted_at is None:
                journal.delete_interaction(db, iid)
            journal.purge_interaction(db, iid)
        for pid in ids:
            stored = db.execute("SELECT last_contact FROM person WHERE id = ?", (pid,)).fetchone()[0]
            assert stored == live_max(pid), (step, action, pid)


def test_upgrading_to_a_live_only_search_index_keeps_every_live_entry_findable(tmp_path: Path):
    """Migration 4 drops soft-deleted entries from the search index; nothing live is lost."""
    from netui.store.migrations import MIGRATIONS

    path = tmp_path / "v3.db"
    old = sqlite3.connect(path)
    for step in MIGRATIONS[:3]:
        step(old)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 3")
    old.execute("INSERT INTO person (id, name, created_at, updated_at) VALUES (1, 'Ada', '2026-01-01', '2026-01-01')")
    for i, (summary, deleted) in enumerate(
        [("coffee with Ada", None), ("coffee, deleted", "2026-02-01"), ("rust meetup", None)], start=1
    ):
        old.execute(
            "INSERT INTO interaction (id, date, kind, summary, notes, created_at, updated_at, deleted_at) "
            "VALUES (?, '2026-01-0' || ?, 'coffee', ?, '', '2026-01-01', '2026-01-01', ?)",
            (i, i, summary, deleted),
        )
    old.commit()
    assert old.execute("SELECT count(*) FROM interaction_fts WHERE interaction_fts MATCH 'coffee'").fetchone()[0] == 2
    old.close()

    with Database.open(path) as opened:
        assert opened.backup_path is not None and opened.backup_path.exists()
        assert opened.migrated_from == 3
        from netui.store import journal

        assert journal.count_journal(opened, journal.JournalFilter(text="coffee")) == 1
        assert [r.summary for r in journal.journal_rows(opened, journal.JournalFilter(text="coffee"))] == [
            "coffee with Ada"
        ]
        assert journal.count_journal(opened, journal.JournalFilter(text="rust")) == 1
        opened.execute("INSERT INTO interaction_fts (interaction_fts, rank) VALUES ('integrity-check', 1)")
        journal.restore_interaction(opened, 2)
        assert journal.count_journal(opened, journal.JournalFilter(text="coffee")) == 2


def test_check_database_says_what_needs_doing(tmp_path: Path):
    from netui.store.check import check_database

    assert check_database(tmp_path / "new.db").created
    assert not (tmp_path / "new.db").exists()  # checking writes nothing
    Database.open(tmp_path / "ready.db").close()
    checked = check_database(tmp_path / "ready.db")
    assert checked.ready and not checked.readonly and not checked.created
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    checked = check_database(old)
    assert checked.needs_migration and not checked.ready
    with pytest.raises(StoreError, match="does not exist"):
        check_database(tmp_path / "missing.db", readonly=True)
    with pytest.raises(StoreError, match="does not exist"):
        check_database(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_a_closed_change_watch_never_opens_its_connection_again(db):
    """The app closes its watch on the UI thread while a worker may still be looking: once
    closed, a look says "no change" and opens nothing (a connection closed under another
    thread's query crashes the process)."""
    import threading

    watch = db.watch()
    stop = threading.Event()
    seen: list[bool] = []

    def look() -> None:
        while not stop.is_set():
            seen.append(watch.changed())

    worker = threading.Thread(target=look)
    worker.start()
    for _ in range(50):
        add(db, "Ada")
    watch.close()
    stop.set()
    worker.join(10)
    assert any(seen)  # it did notice the writes while open
    assert watch.changed() is False and watch._conn is None
