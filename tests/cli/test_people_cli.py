"""`netui people`, `show`, `edit`, `move`, `merge`, `duplicates` and `add`, on real processes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import os
import time
from pathlib import Path

import pytest

from netui.domain.journal import InteractionDraft
from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.db import Database
from netui.store.journal import add_interaction
from netui.store.people import get_person, move_ring, update_person
from tests.cli.files import copy_database, filled_database
from tests.cli.test_cli import netui
from tests.conftest import TODAY
from tests.helpers import add


def _four_people(db) -> None:
    """What these four commands write, in this order (so the ids are 1 to 4):
    netui add "Ada Lovelace" --ring strategic --network mentor --company "Analytical Engines"
        --email ada@example.org --tag advice --note "Met at the meetup"
    netui add "Grace Hopper" --ring buddy --network peer --company Navy --phone "+1 555 0100 200"
    netui add "Linus Torvalds" --network peer --company "Linux Foundation" --tag hiring
    netui add "Renée Ångström" --ring lukewarm --company Acme"""
    add(db, "Ada Lovelace", Ring.STRATEGIC, "Analytical Engines", (Network.MENTOR,), email="ada@example.org",
        help_tags=("advice",), notes="Met at the meetup")
    add(db, "Grace Hopper", Ring.BUDDY, "Navy", (Network.PEER,), phone="+1 555 0100 200")
    add(db, "Linus Torvalds", Ring.COLD, "Linux Foundation", (Network.PEER,), help_tags=("hiring",))
    add(db, "Renée Ångström", Ring.LUKEWARM, "Acme")


@pytest.fixture(scope="module")
def four_people(tmp_path_factory: pytest.TempPathFactory, empty_database: Path) -> Path:
    return filled_database(empty_database, tmp_path_factory.mktemp("people") / "n.db", _four_people)


@pytest.fixture
def dbfile(tmp_path: Path, four_people: Path) -> str:
    return str(copy_database(four_people, tmp_path / "n.db"))


@pytest.fixture(scope="module")
def with_a_namesake(tmp_path_factory: pytest.TempPathFactory, empty_database: Path) -> Path:
    """The four, then `netui add "Ada Lovelace" --force`: a second Ada (#5)."""

    def fill(db) -> None:
        _four_people(db)
        add(db, "Ada Lovelace")

    return filled_database(empty_database, tmp_path_factory.mktemp("namesake") / "n.db", fill)


def write(dbfile: str):
    """The test's database, open in this process to add what a test starts from."""
    return Database.open(Path(dbfile))


def run(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    out = netui(*args)
    assert out.returncode == code, (out.stdout, out.stderr)
    if code == 1:
        assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr, out.stderr
    return out


def people_json(db: str, *query: str) -> list[dict]:
    return json.loads(run("people", *query, "--json", "--db", db).stdout)


def fits(text: str) -> None:
    from netui.io.people_text import cells

    for line in text.splitlines():
        assert cells(line) <= 80, line


def test_people_lists_with_the_query_language_and_sorts(dbfile):
    everyone = people_json(dbfile)
    assert [p["name"] for p in everyone] == ["Ada Lovelace", "Grace Hopper", "Linus Torvalds", "Renée Ångström"]
    assert all(isinstance(p["id"], int) for p in everyone)
    assert [p["name"] for p in people_json(dbfile, "net:peer")] == ["Grace Hopper", "Linus Torvalds"]
    assert [p["name"] for p in people_json(dbfile, "tag:hiring")] == ["Linus Torvalds"]
    assert [p["name"] for p in people_json(dbfile, "ring:str")] == ["Ada Lovelace"]
    assert [p["name"] for p in people_json(dbfile, "-navy", "net:peer")] == ["Linus Torvalds"]
    assert [p["name"] for p in people_json(dbfile, "renee")] == ["Renée Ångström"]  # accents ignored
    assert [p["name"] for p in people_json(dbfile, "meetup")] == ["Ada Lovelace"]  # the person's notes
    ring = json.loads(run("people", "--sort", "ring", "--json", "--db", dbfile).stdout)
    assert [p["name"] for p in ring] == ["Grace Hopper", "Ada Lovelace", "Renée Ångström", "Linus Torvalds"]
    text = run("people", "--db", dbfile).stdout
    fits(text)
    assert text.splitlines()[0].split() == ["ID", "NAME", "COMPANY", "RING", "NETWORKS", "DUE"]
    assert "#1" in text and "Analytical Engines" in text
    assert run("people", "--sort", "nope", "--db", dbfile, code=2)
    nobody = run("people", "zzz", "--db", dbfile)
    assert nobody.stdout == "" and "Nobody matches" in nobody.stderr


def test_people_never_creates_the_database(tmp_path):
    missing = tmp_path / "none.db"
    out = netui("people", "--db", str(missing))
    assert out.returncode == 1 and not missing.exists()


def test_people_text_fits_80_columns_whatever_the_names(tmp_path, empty_database):
    def fill(handle) -> None:  # as `netui add NAME --company COMPANY` writes them
        add(handle, "王小明" * 10, company="株式会社" * 10)
        add(handle, "A" * 150, company="\x1b[31mred\x1b[0m")

    db = str(filled_database(empty_database, tmp_path / "n.db", fill))
    out = run("people", "--db", db).stdout
    fits(out)
    assert "\x1b" not in out
    fits(run("show", "#1", "--db", db).stdout)
    fits(run("show", "#2", "--db", db).stdout)


def test_show_holds_every_field_and_round_trips_ids(dbfile):
    ada = people_json(dbfile, "ada")[0]
    with write(dbfile) as db:  # what `netui edit --url`, `netui log` and `netui move --reason` write
        update_person(db, 2, get_person(db, 2), {"url": "https://example.org/grace"})
        add_interaction(db, InteractionDraft(TODAY, "coffee", (ada["id"], 2), "engines"))
        move_ring(db, ada["id"], Ring.BUDDY, reason="we talk weekly")
    doc = json.loads(run("show", f"#{ada['id']}", "--json", "--db", dbfile).stdout)
    assert doc["id"] == ada["id"] and doc["name"] == "Ada Lovelace" and doc["ring"] == "buddy"
    assert doc["email"] == "ada@example.org" and doc["notes"] == "Met at the meetup" and doc["tags"] == ["advice"]
    assert [n["network"] for n in doc["networks"]] == ["mentor"]
    assert [(m["from"], m["to"], m["reason"]) for m in doc["ring_history"]] == [
        (None, "strategic", "added"), ("strategic", "buddy", "we talk weekly")]
    assert doc["interactions"][0]["summary"] == "engines" and doc["interactions"][0]["with"] == ["Grace Hopper"]
    for key in ("knows", "intro_paths", "offers", "version", "due", "days_until_due", "last_contact", "phone"):
        assert key in doc
    text = run("show", "ada lovelace", "--db", dbfile).stdout
    fits(text)
    for piece in ("Ada Lovelace (#1)", "Analytical Engines", "Ring history", "we talk weekly", "engines", "Due"):
        assert piece in text


@pytest.mark.parametrize("command", [["show", "{}"], ["edit", "{}", "--title", "x"], ["move", "{}", "in"],
                                     ["merge", "{}", "#1"]])
def test_names_match_as_log_does_and_ambiguity_changes_nothing(tmp_path, with_a_namesake, command):
    dbfile = str(copy_database(with_a_namesake, tmp_path / "n.db"))
    before = sqlite3.connect(dbfile).execute("SELECT * FROM person ORDER BY id").fetchall()
    out = run(*[c.format("ADA  lovelace") for c in command], "--db", dbfile, code=1)
    assert "2 people are called" in out.stderr and "#1" in out.stderr and "#5" in out.stderr
    nobody = run(*[c.format("Ada Lovelac") for c in command], "--db", dbfile, code=1)
    assert "did you mean" in nobody.stderr
    assert sqlite3.connect(dbfile).execute("SELECT * FROM person ORDER BY id").fetchall() == before
    # Case, spacing and accents' encoding do not matter; #ID picks one.
    renee = run("show", "RENE\u0301E  ångström", "--json", "--db", dbfile)
    assert json.loads(renee.stdout)["name"] == "Renée Ångström"


def test_edit_changes_fields_networks_tags_and_cadence(dbfile):
    out = run("edit", "Linus Torvalds", "--title", "Maintainer", "--email", "linus@example.org", "--phone", "1",
              "--url", "https://example.org", "--note", "Kernel", "--network", "mentor", "--no-network", "peer",
              "--tag", "Code Review", "--no-tag", "hiring", "--offer", "intros", "--every", "45", "--db", dbfile)
    assert "Saved Linus Torvalds" in out.stdout
    doc = json.loads(run("show", "Linus Torvalds", "--json", "--db", dbfile).stdout)
    assert (doc["title"], doc["email"], doc["notes"], doc["cadence_override"]) == (
        "Maintainer", "linus@example.org", "Kernel", 45)
    assert [n["network"] for n in doc["networks"]] == ["mentor"]
    assert doc["tags"] == ["code review"] and doc["offers"] == ["intros"]
    run("edit", "Linus Torvalds", "--distant", "--every", "default", "--db", dbfile)
    doc = json.loads(run("show", "Linus Torvalds", "--json", "--db", dbfile).stdout)
    assert doc["networks"][0]["distant"] and doc["cadence_override"] is None and doc["due"] == "distant"
    run("edit", "Grace Hopper", "--inside", "--db", dbfile)
    doc = json.loads(run("show", "Grace Hopper", "--json", "--db", dbfile).stdout)
    assert doc["networks"][0]["peer_side"] == "inside" and doc["networks"][0]["side"] == "inside"
    run("edit", "Grace Hopper", "--auto", "--db", dbfile)
    assert json.loads(run("show", "Grace Hopper", "--json", "--db", dbfile).stdout)["networks"][0]["peer_side"] is None
    assert "not a peer" in run("edit", "Ada Lovelace", "--outside", "--db", dbfile, code=1).stderr
    assert run("edit", "Ada Lovelace", "--email", "nope", "--db", dbfile, code=1)
    assert run("edit", "Ada Lovelace", "--every", "0", "--db", dbfile, code=1)
    assert run("edit", "Ada Lovelace", "--db", dbfile, code=1)
    assert run("edit", "Ada Lovelace", "--inside", "--outside", "--db", dbfile, code=2)
    renamed = run("edit", "Ada Lovelace", "--name", "Augusta Ada King", "--db", dbfile)
    assert "Saved Augusta Ada King" in renamed.stdout
    assert people_json(dbfile, "augusta")[0]["id"] == 1


def test_edit_refuses_a_stale_version(dbfile):
    doc = json.loads(run("show", "#2", "--json", "--db", dbfile).stdout)
    run("edit", "#2", "--title", "Rear Admiral", "--version", str(doc["version"]), "--db", dbfile)
    out = run("edit", "#2", "--title", "Commodore", "--version", str(doc["version"]), "--db", dbfile, code=1)
    assert "changed since version" in out.stderr
    assert json.loads(run("show", "#2", "--json", "--db", dbfile).stdout)["title"] == "Rear Admiral"


def _edit_while_locked(db: str, concurrent_sql: str, *edit: str) -> subprocess.CompletedProcess[str]:
    """Run `netui edit` while this test holds the write lock with a change of its own not yet
    committed: the edit reads the person as they were, waits for the lock, and meets the
    change when it writes (as two sessions editing at once do)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(concurrent_sql)
    proc = subprocess.Popen([sys.executable, "-m", "netui", "edit", *edit, "--db", db], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy(), stdin=subprocess.DEVNULL)
    # The edit has read the person and is waiting for the lock once SQLite's busy handler is
    # retrying it; the retry lasts seconds, so a second here is only a floor, not a race.
    time.sleep(1.0)
    assert proc.poll() is None, proc.communicate()
    conn.execute("COMMIT")
    conn.close()
    stdout, stderr = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def test_edit_merges_with_a_concurrent_change_to_another_field(dbfile):
    out = _edit_while_locked(
        dbfile, "UPDATE person SET company = 'US Navy', version = version + 1 WHERE id = 2",
        "Grace Hopper", "--title", "Rear Admiral")
    assert out.returncode == 0, out.stderr
    doc = json.loads(run("show", "#2", "--json", "--db", dbfile).stdout)
    assert (doc["company"], doc["title"]) == ("US Navy", "Rear Admiral")


def test_edit_refuses_over_a_concurrent_change_to_the_same_field(dbfile):
    out = _edit_while_locked(
        dbfile, "UPDATE person SET title = 'Commodore', version = version + 1 WHERE id = 2",
        "Grace Hopper", "--title", "Rear Admiral")
    assert out.returncode == 1
    assert "changed in another session" in out.stderr and "nothing was saved" in out.stderr
    assert json.loads(run("show", "#2", "--json", "--db", dbfile).stdout)["title"] == "Commodore"


def test_move_to_a_ring_or_in_and_out(dbfile):
    assert "from strategic to buddy" in run("move", "Ada Lovelace", "in", "--db", dbfile).stdout
    assert "Already on the innermost" in run("move", "Ada Lovelace", "in", "--db", dbfile, code=1).stderr
    assert "from buddy to cold" in run("move", "#1", "cold", "--reason", "moved away", "--db", dbfile).stdout
    assert "Already on the outermost" in run("move", "#1", "out", "--db", dbfile, code=1).stderr
    assert "already cold" in run("move", "#1", "cold", "--db", dbfile, code=1).stderr
    assert "unknown ring" in run("move", "#1", "hot", "--db", dbfile, code=1).stderr
    history = json.loads(run("show", "#1", "--json", "--db", dbfile).stdout)["ring_history"]
    assert [(m["to"], m["reason"]) for m in history][-1] == ("cold", "moved away")


def test_add_refuses_an_existing_name_without_force(dbfile):
    out = run("add", "ada LOVELACE", "--db", dbfile, code=1)
    assert "already exists: Ada Lovelace (#1, Analytical Engines)" in out.stderr
    assert len(people_json(dbfile, "ada")) == 1
    forced = run("add", "Ada Lovelace", "--force", "--phone", "+44 1", "--url", "https://x.org/ada", "--note", "dup",
                 "--distant", "--every", "60", "--db", dbfile)
    assert "Added Ada Lovelace (#5)" in forced.stdout
    doc = json.loads(run("show", "#5", "--json", "--db", dbfile).stdout)
    assert (doc["phone"], doc["url"], doc["notes"], doc["cadence_override"]) == ("+44 1", "https://x.org/ada", "dup", 60)
    assert doc["networks"] == [{"network": "mentor", "distant": True, "peer_side": None}]


def test_duplicates_and_merge_round_trip(dbfile):
    with write(dbfile) as db:  # as `netui add ... --force`, `netui add` and two `netui log` write them
        assert add(db, "Ada Lovelace", company="Analytical Engines", networks=(Network.PEER,), title="Countess",
                   url="https://www.linkedin.com/in/ada/", notes="From LinkedIn", help_tags=("hiring",)) == 5
        assert add(db, "G. Hopper", phone="555 0100 200") == 6
        add_interaction(db, InteractionDraft(TODAY, "call", (5, 3), "second record's call"))
        add_interaction(db, InteractionDraft(TODAY, "coffee", (1,), "first record's coffee"))
    pairs = json.loads(run("duplicates", "--json", "--db", dbfile).stdout)
    found = {tuple(p["id"] for p in pair["people"]): pair["reasons"] for pair in pairs}
    assert found[(1, 5)] == ["same name", "close names at Analytical Engines"] or found[(1, 5)] == ["same name"]
    assert found[(2, 6)] == ["same phone"]
    text = run("duplicates", "--db", dbfile).stdout
    fits(text)
    assert "#1 Ada Lovelace" in text and "same phone" in text

    before = sqlite3.connect(dbfile).execute("SELECT count(*) FROM person").fetchone()[0]
    dry = run("merge", "#1", "#5", "--dry-run", "--take", "notes=both", "--db", dbfile)
    assert "Countess" in dry.stdout and "Dry run" in dry.stdout
    fits(dry.stdout)
    plan = json.loads(run("merge", "#1", "#5", "--dry-run", "--json", "--db", dbfile).stdout)
    assert plan["merged"]["networks"] == ["mentor", "peer"] and plan["interactions"] == 2
    assert sqlite3.connect(dbfile).execute("SELECT count(*) FROM person").fetchone()[0] == before

    assert run("merge", "#1", "#5", "--take", "ring=sideways", "--db", dbfile, code=1)
    done = run("merge", "#1", "#5", "--take", "notes=other", "--db", dbfile)
    assert "Merged Ada Lovelace (#5) into Ada Lovelace (#1)" in done.stdout
    doc = json.loads(run("show", "#1", "--json", "--db", dbfile).stdout)
    assert doc["notes"] == "From LinkedIn" and doc["title"] == "Countess" and doc["tags"] == ["advice", "hiring"]
    assert sorted(e["summary"] for e in doc["interactions"]) == ["first record's coffee", "second record's call"]
    assert len(doc["ring_history"]) == 2
    assert run("show", "#5", "--db", dbfile, code=1)
    assert (1, 5) not in {tuple(p["id"] for p in pair["people"])
                          for pair in json.loads(run("duplicates", "--json", "--db", dbfile).stdout)}
    assert "themselves" in run("merge", "#1", "Ada Lovelace", "--db", dbfile, code=1).stderr


def test_journal_json_gives_each_participant_id(dbfile):
    with write(dbfile) as db:  # `netui log "Ada Lovelace" "Grace Hopper" --kind coffee`
        add_interaction(db, InteractionDraft(TODAY, "coffee", (1, 2)))
    entry = json.loads(run("journal", "--json", "--db", dbfile).stdout)[0]
    assert entry["people"] == [{"id": 1, "name": "Ada Lovelace"}, {"id": 2, "name": "Grace Hopper"}]


def test_edit_sets_replaces_and_removes_dates(dbfile):
    run("edit", "Grace Hopper", "--birthday", "9 dec 1906", "--date", "Started at Navy=1943-12-01 (once)", "--db", dbfile)
    dates = {d["label"]: d for d in json.loads(run("show", "Grace Hopper", "--json", "--db", dbfile).stdout)["dates"]}
    assert dates["Birthday"]["when"] == "1906-12-09" and dates["Birthday"]["kind"] == "birthday"
    assert dates["Started at Navy"]["when"] == "1943-12-01" and not dates["Started at Navy"]["yearly"]
    assert "Dates" in run("show", "Grace Hopper", "--db", dbfile).stdout
    # A second birthday replaces the first; a date of the same name replaces that one.
    run("edit", "Grace Hopper", "--birthday=--12-09", "--date", "started at navy=1943-12-02 (once)", "--db", dbfile)
    dates = {d["label"].lower(): d for d in json.loads(run("show", "Grace Hopper", "--json", "--db", dbfile).stdout)["dates"]}
    assert len(dates) == 2 and dates["birthday"]["when"] == "--12-09" and dates["started at navy"]["when"] == "1943-12-02"
    run("edit", "Grace Hopper", "--no-date", "birthday", "--db", dbfile)
    assert [d["label"].lower() for d in json.loads(run("show", "#2", "--json", "--db", dbfile).stdout)["dates"]] == [
        "started at navy"]
    # Mistakes change nothing and say so in one line.
    assert "no such date" in run("edit", "Grace Hopper", "--no-date", "wedding", "--db", dbfile, code=1).stderr
    assert "Nothing was saved" in run("edit", "Grace Hopper", "--birthday", "31 feb", "--db", dbfile, code=1).stderr
    assert len(json.loads(run("show", "#2", "--json", "--db", dbfile).stdout)["dates"]) == 1
