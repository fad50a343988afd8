"""`netui agenda`: the real command in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.journal import InteractionDraft, add_interaction
from tests.conftest import TODAY
from tests.helpers import add


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netui", "agenda", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def log(db, pid: int, days_ago: int, **kw) -> int:
    return add_interaction(db, InteractionDraft(date=TODAY - timedelta(days=days_ago), kind="call", person_ids=(pid,), **kw))


def test_empty_agenda_exits_0_with_a_friendly_line(db, db_path):
    db.close()
    result = run(db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "netui agenda for Saturday 14 March 2026",
        "Nothing due today: every follow-up is done and everyone is in touch. Enjoy the quiet.",
    ]
    assert result.stderr == ""


def test_text_has_headings_each_step_once_and_a_count_when_long(db, db_path):
    ada = add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.MENTOR,))
    log(db, ada, 45, summary="Coffee", follow_up=TODAY - timedelta(days=3))
    for i in range(8):
        add(db, f"Person {i}", Ring.STRATEGIC)
    db.close()
    result = run(db_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "netui agenda for Saturday 14 March 2026: 11 to do"
    assert lines[1:4] == [
        "Follow-ups (1)",
        "  Ada Lovelace (3d overdue): Follow up on: Coffee",
        "Neglected networks (1)",
    ]
    assert lines[4] == "  Mentor network (quiet 45d, limit 30d): Get in touch with Ada Lovelace, the closest to due."
    assert lines[5] == "People due (9)"
    # The people due share their ring's step: it is said once, with the people under it.
    assert lines[6] == "  Keep the friendship warm: check in without an agenda."
    assert lines[7] == "    Ada Lovelace (buddy, 15d over)"
    assert lines[8].startswith("  See them")
    assert all(line.startswith("    Person ") and line.endswith("(strategic, no contact)") for line in lines[9:13])
    assert len(lines) == 14  # five people under two steps, then the count of the rest
    assert lines[-1] == "  … and 4 more (netui agenda --all, or press 5 in netui)"
    everything = run(db_path, "--all").stdout.splitlines()
    assert len(everything) == 17 and "more" not in everything[-1]


def test_text_says_each_next_step_once_per_group(db, db_path):
    from netui.domain.playbook import next_step

    for i in range(3):
        log(db, add(db, f"Buddy {i}", Ring.BUDDY), 60 + i)
    for i in range(2):
        log(db, add(db, f"Luke {i}", Ring.LUKEWARM), 300 + i)
    db.close()
    out = run(db_path, "--all").stdout
    for ring in (Ring.BUDDY, Ring.LUKEWARM):
        assert out.count(next_step(ring)) == 1, out
    lines = out.splitlines()
    people = lines[lines.index("People due (5)") + 1:]
    # The most pressing group first (lukewarm: 200-odd days over), most pressing first in each.
    assert [line.split(", ")[0] if line.startswith("    ") else line for line in people] == [
        f"  {next_step(Ring.LUKEWARM)}",
        "    Luke 1 (lukewarm",
        "    Luke 0 (lukewarm",
        f"  {next_step(Ring.BUDDY)}",
        "    Buddy 2 (buddy",
        "    Buddy 1 (buddy",
        "    Buddy 0 (buddy",
    ]


def test_json_for_scripts(db, db_path):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    iid = log(db, ada, 40, follow_up=TODAY)
    db.close()
    result = run(db_path, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == "2026-03-14"
    assert data["counts"] == {"follow_ups": 1, "dates": 0, "networks": 0, "people": 1, "total": 2, "inbox": 0,
                              "coming_up": 0, "jobs": 0}
    follow, person = data["items"]
    assert follow["kind"] == "follow-up" and follow["interaction_id"] == iid and follow["due"] == "2026-03-14"
    assert person == {
        "kind": "person",
        "title": "Ada Lovelace",
        "status": "buddy, 10d over",
        "next_step": "Keep the friendship warm: check in without an agenda.",
        "person_id": ada,
        "interaction_id": None,
        "network": None,
        "ring": "buddy",
        "due": None,
        "overdue_days": 10,
        "date_id": None,
        "repeats": None,
    }


def test_date_moves_the_day(db, db_path):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    log(db, ada, 30)  # exactly on the interval today: due tomorrow
    db.close()
    assert "Nothing due today" in run(db_path).stdout
    tomorrow = run(db_path, "--date", "tomorrow")
    assert tomorrow.returncode == 0
    assert "Sunday 15 March 2026" in tomorrow.stdout and "Ada Lovelace (buddy, 1d over)" in tomorrow.stdout
    iso = json.loads(run(db_path, "--json", "--date", "2026-04-13").stdout)
    assert iso["date"] == "2026-04-13" and iso["items"][0]["overdue_days"] == 30


def test_a_bad_date_is_one_line_and_exit_1(db, db_path):
    db.close()
    result = run(db_path, "--date", "someday")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "netui: error: Could not read 'someday' as a date; try tomorrow, next monday, 2w, +3 or 2026-03-21.\n"
    )


def test_control_characters_never_reach_the_terminal(db, db_path):
    from netui.store import models as m

    pid = add(db, "Eve", Ring.BUDDY)
    # As if written by another tool: netui's own inputs already drop these.
    m.Person.update(name="\x1b]0;pwned\x07Eve").where(m.Person.id == pid).execute()
    db.close()
    out = run(db_path).stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "pwned" in out and "Eve" in out
    assert json.loads(run(db_path, "--json").stdout)["items"][0]["title"] == "\x1b]0;pwned\x07Eve"


def test_the_agenda_command_does_not_import_textual(db, db_path):
    db.close()
    code = (
        "import sys; from netui.cli import main; "
        f"main(['agenda', '--db', {str(db_path)!r}]); "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "False"



def test_an_empty_agenda_for_another_day_does_not_say_today(db, db_path):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    log(db, ada, 1)
    db.close()
    other = run(db_path, "--date", "2026-03-16")
    assert other.returncode == 0
    assert "Monday 16 March 2026" in other.stdout
    assert "Nothing due that day" in other.stdout and "today" not in other.stdout
