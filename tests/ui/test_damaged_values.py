"""A value that is not what its column holds (a date that is not a date, a setting that is not JSON)
never takes the app or a command down: the row shows with a visible placeholder date, the rest works."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from netui.domain.journal import InteractionDraft
from netui.store.journal import add_interaction
from netui.store.settings import load_settings
from tests.conftest import TODAY
from tests.helpers import add, screen_text, settle


def _damage(db) -> None:
    ada = add(db, "Ada Lovelace")
    grace = add(db, "Grace Hopper")
    bad = add_interaction(db, InteractionDraft(date=TODAY - timedelta(days=3), kind="call", person_ids=(ada,),
                                               summary="damaged entry", follow_up=TODAY))
    add_interaction(db, InteractionDraft(date=TODAY - timedelta(days=2), kind="coffee", person_ids=(grace,),
                                         summary="healthy entry"))
    with db.write():
        db.execute("UPDATE interaction SET date = 'not-a-date', follow_up = '13/13/13', "
                   "follow_up_snoozed_until = 'zzz', created_at = 'yesterday' WHERE id = ?", (bad,))
        db.execute("UPDATE person SET snoozed_until = 'zzz' WHERE id = ?", (grace,))
        db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('theme', '{bad'), ('cadence.buddy', '\"x\"')")


def test_damaged_settings_read_as_not_set(db):
    _damage(db)
    settings = load_settings(db)
    from netui.domain.rings import DEFAULT_CADENCE, Ring

    assert settings.theme == "" and settings.cadence[Ring.BUDDY] == DEFAULT_CADENCE[Ring.BUDDY]


async def test_the_app_keeps_working_with_a_damaged_row(db, make_test_app):
    _damage(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("3", "5", "4", "1"):
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(pilot)
        assert "healthy entry" in text and "damaged entry" in text


def test_commands_keep_working_with_a_damaged_row(db, db_path):
    _damage(db)
    db.close()
    for command in (["agenda"], ["journal"], ["funnel"], ["export", "ics"], ["export", "markdown"], ["export", "csv"]):
        result = subprocess.run([sys.executable, "-m", "netui", *command, "--db", str(db_path)],
                                capture_output=True, text=True, timeout=60, env={"NETUI_TODAY": TODAY.isoformat(),
                                                                                 **__import__("os").environ})
        assert result.returncode == 0 and "internal error" not in result.stderr, (command, result.stderr)
    journal = subprocess.run([sys.executable, "-m", "netui", "journal", "--db", str(db_path)],
                             capture_output=True, text=True, timeout=60)
    assert "0001-01-01" in journal.stdout and "healthy entry" in journal.stdout
