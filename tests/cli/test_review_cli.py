"""`netui review`: plain text for a monthly mail, or one JSON object with a key per part."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from netui.domain.journal import InteractionDraft
from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.journal import add_interaction
from tests.cli.files import filled_database
from tests.cli.test_cli import netui
from tests.helpers import add


def test_review_json_has_one_key_per_part_and_ids(tmp_path: Path, empty_database: Path):
    def fill(handle) -> None:  # `netui add "Grace Hopper" --ring buddy --network peer`, then
        # `netui log "Grace Hopper" --kind coffee --date 2026-01-10 --reciprocity received`
        grace = add(handle, "Grace Hopper", Ring.BUDDY, networks=(Network.PEER,))
        add_interaction(handle, InteractionDraft(date(2026, 1, 10), "coffee", (grace,), reciprocity="received"))

    db = filled_database(empty_database, tmp_path / "n.db", fill)
    out = netui("review", "--json", "--db", str(db))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {"routine", "capital", "give_and_take", "readiness", "exposure"} <= set(data)
    suggestions = data["routine"]["suggestions"]
    assert [s["network"] for s in suggestions] == ["support", "peer", "mentor", "mentee"]
    peer = suggestions[1]
    assert peer["id"] == 1 and peer["name"] == "Grace Hopper"
    assert data["give_and_take"]["thanks_owed"][0]["id"] == 1
    assert len(data["exposure"]["months"]) == 12


def test_review_text_fits_a_mail_and_reads_only(tmp_path: Path, empty_database: Path):
    # `netui add "Ada Lovelace" --ring strategic --network mentor`
    db = filled_database(empty_database, tmp_path / "n.db",
                         lambda handle: add(handle, "Ada Lovelace", Ring.STRATEGIC, networks=(Network.MENTOR,)))
    before = db.stat().st_mtime_ns
    out = netui("review", "--db", str(db))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("netui review for March 2026")
    for heading in ("This month's routine", "Social capital", "Give and take", "Ready before you need it", "Exposure"):
        assert f"\n{heading}\n" in text
    assert "Mentor   Ada Lovelace (strategic)" in text
    assert "\x1b" not in text  # no terminal codes in a mail
    assert db.stat().st_mtime_ns == before


def test_review_never_creates_a_database(tmp_path: Path):
    db = tmp_path / "missing.db"
    out = netui("review", "--db", str(db))
    assert out.returncode == 1 and not db.exists()


def test_a_talk_with_nobody_and_people_met_through_it(tmp_path: Path):
    import sqlite3

    db = tmp_path / "n.db"
    out = netui("log", "--kind", "talk", "--summary", "Platform talk at the meetup", "--date", "2026-02-10", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "Logged talk on 2026-02-10 (#1)" in out.stdout
    refused = netui("log", "--kind", "coffee", "--db", str(db))
    assert refused.returncode == 1 and "at least one person" in refused.stderr
    added = netui("add", "Nia New", "--met-through", "1", "--db", str(db))
    assert added.returncode == 0, added.stderr
    wrong = netui("add", "Not Added", "--met-through", "99", "--db", str(db))
    assert wrong.returncode == 1 and "#99" in wrong.stderr
    rows = sqlite3.connect(db).execute("SELECT name, met_through_id FROM person ORDER BY id").fetchall()
    assert rows == [("Nia New", 1)]  # the refused one was not added either
    data = json.loads(netui("review", "--json", "--db", str(db)).stdout)
    talk = data["exposure"]["broadcasts"][0]
    assert (talk["interaction_id"], talk["kind"], talk["met"]) == (1, "talk", 1)
