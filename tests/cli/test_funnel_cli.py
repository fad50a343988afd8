"""`netui funnel` run as a real command in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

from netui.domain.models import PersonDraft
from netui.domain.rings import Ring
from netui.store.people import add_person, move_ring


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netui", *args], capture_output=True, text=True, timeout=60)


def seed(db) -> None:
    ada = add_person(db, PersonDraft("Ada", Ring.COLD), now=datetime(2025, 6, 1, 9))
    move_ring(db, ada, Ring.LUKEWARM, now=datetime(2025, 6, 11, 9))  # 10 days on cold
    bo = add_person(db, PersonDraft("Bo", Ring.COLD), now=datetime(2026, 1, 2, 9))
    move_ring(db, bo, Ring.LUKEWARM, now=datetime(2026, 1, 22, 9))  # 20 days on cold
    move_ring(db, bo, Ring.STRATEGIC, now=datetime(2026, 3, 3, 9))  # 40 days on lukewarm


def test_json_report(db, db_path):
    seed(db)
    result = run("funnel", "--db", str(db_path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["today"] == "2026-03-14" and data["since"] is None
    assert data["rings"] == {"cold": 0, "lukewarm": 1, "strategic": 1, "buddy": 0}
    assert data["totals"] == {"inward": 3, "outward": 0, "added": 2}
    assert data["months"][0]["month"] == "2025-06" and data["months"][-1]["month"] == "2026-03"
    assert data["median_days_before_inward"]["cold"] == {"days": 15, "moves": 2}
    assert data["median_days_before_inward"]["lukewarm"] == {"days": 40, "moves": 1}
    assert [s["name"] for s in data["longest_on_ring"]["lukewarm"]] == ["Ada"]


def test_since_accepts_dates_and_offsets(db, db_path):
    seed(db)
    by_date = json.loads(run("funnel", "--db", str(db_path), "--json", "--since", "2026-01-01").stdout)
    assert [m["month"] for m in by_date["months"]] == ["2026-01", "2026-02", "2026-03"]
    assert by_date["totals"] == {"inward": 2, "outward": 0, "added": 1}
    by_offset = json.loads(run("funnel", "--db", str(db_path), "--json", "--since", "90d").stdout)
    assert by_offset["since"] == "2025-12-14"
    assert by_offset["totals"] == by_date["totals"]


def test_text_report(db, db_path):
    seed(db)
    result = run("funnel", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "Funnel report · all time · today 2026-03-14" in result.stdout
    assert "2026-03  ▶ " in result.stdout
    assert "Sat longest on each ring" in result.stdout


def test_bad_since_is_one_line_on_stderr(db_path):
    for bad in ("someday", "2027-01-01"):
        result = run("funnel", "--db", str(db_path), "--since", bad)
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("netui: error:")


def test_missing_database_is_an_error_not_a_new_file(tmp_path):
    missing = tmp_path / "nope.db"
    result = run("funnel", "--db", str(missing))
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert not missing.exists()


def test_help():
    result = run("funnel", "--help")
    assert result.returncode == 0 and "--since WHEN" in result.stdout and "--json" in result.stdout



def test_exposure_in_the_json_and_text_report(db, db_path):
    from netui.domain.journal import InteractionDraft
    from netui.store.journal import add_interaction

    seed(db)
    talk = add_interaction(db, InteractionDraft(datetime(2026, 1, 20).date(), "talk", (), "Rust at scale"))
    met = add_person(db, PersonDraft("Met At Talk", Ring.COLD, met_through_id=talk), now=datetime(2026, 1, 21, 9))
    move_ring(db, met, Ring.LUKEWARM, now=datetime(2026, 2, 21, 9))
    data = json.loads(run("funnel", "--db", str(db_path), "--json", "--since", "2026-01-01").stdout)
    assert data["exposure"]["totals"] == {"added": 2, "met_through": 1, "moved_in": 2, "broadcasts": 1}
    assert data["exposure"]["broadcasts"] == [
        {"id": talk, "date": "2026-01-20", "kind": "talk", "summary": "Rust at scale", "met": 1, "moved_in": 1}]
    assert data["exposure"]["months"][0] == {"month": "2026-01", "added": 2, "met_through": 1, "moved_in": 2,
                                             "broadcasts": 1}
    text = run("funnel", "--db", str(db_path), "--since", "2026-01-01").stdout
    assert "Exposure: new people per month, and what brought them" in text
    assert "2 new, 1 met through a broadcast, 2 (100%) on a closer ring now than when added" in text
    assert "2026-01-20 talk    Rust at scale" in text and f"1 met  1 moved in  #{talk}" in text


def test_edit_sets_and_clears_met_through_and_show_says_it(db, db_path):
    from netui.domain.journal import InteractionDraft
    from netui.store.journal import add_interaction
    from netui.store.people import get_person

    talk = add_interaction(db, InteractionDraft(datetime(2026, 1, 20).date(), "post", (), "Hiring notes"))
    ada = add_person(db, PersonDraft("Ada", Ring.COLD))
    out = run("edit", "Ada", "--met-through", str(talk), "--db", str(db_path))
    assert out.returncode == 0, out.stderr
    assert "(#1): met through (version 2)" in out.stdout and get_person(db, ada).met_through_id == talk
    shown = run("show", "Ada", "--db", str(db_path)).stdout
    assert f"Met through     post Hiring notes, 2026-01-20 (#{talk})" in shown
    doc = json.loads(run("show", "Ada", "--json", "--db", str(db_path)).stdout)
    assert doc["met_through"] == {"id": talk, "date": "2026-01-20", "kind": "post", "summary": "Hiring notes",
                                  "in_trash": False}
    wrong = run("edit", "Ada", "--met-through", "99", "--db", str(db_path))
    assert wrong.returncode == 1 and "#99" in wrong.stderr
    cleared = run("edit", "Ada", "--no-met-through", "--db", str(db_path))
    assert cleared.returncode == 0, cleared.stderr
    assert get_person(db, ada).met_through_id is None
    assert run("edit", "Ada", "--met-through", "1", "--no-met-through", "--db", str(db_path)).returncode == 2
