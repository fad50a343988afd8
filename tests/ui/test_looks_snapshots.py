"""How netui looks in each of its themes, without colour, on first run, and the screens that
other snapshot files do not cover, at 80x24.

The Overview in netui-dark and the other screens at 80x24 are in test_snapshots.py,
test_overview_snapshots.py, test_funnel_snapshots.py and test_journal_snapshots.py.
Regenerate after a deliberate change with --snapshot-update, then look at the .svg files.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from netui.store import demo
from tests.conftest import TODAY
from tests.helpers import settle


def _demo_network(db) -> None:
    demo.generate(db, 120, 3000, seed=7, today=TODAY)
    # The mentee network's last six weeks are deleted so that one panel is neglected.
    db.execute(
        """UPDATE interaction SET deleted_at = '2026-03-14 12:00:00'
            WHERE date > ? AND id IN (SELECT pa.interaction_id FROM participant pa
                                        JOIN membership m ON m.person_id = pa.person_id AND m.network = 'mentee')""",
        ((TODAY - timedelta(days=45)).isoformat(),),
    )


@pytest.mark.parametrize("theme", ["netui-light", "netui-high-contrast", "netui-16"])
def test_overview_in_each_theme(db, snap_compare, make_test_app, theme):
    _demo_network(db)
    assert snap_compare(make_test_app(theme=theme), terminal_size=(80, 24), run_before=settle)


def test_people_without_colour(db, snap_compare, make_test_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    demo.generate(db, people=40, interactions=400, seed=5, today=TODAY)

    async def people(pilot):
        await settle(pilot)
        await pilot.press("4", "down", "down")
        await settle(pilot)

    assert snap_compare(make_test_app(), terminal_size=(80, 24), run_before=people)


def test_first_run_welcome(snap_compare, make_test_app):
    assert snap_compare(make_test_app(), terminal_size=(80, 24), run_before=settle)


def test_settings_at_80x24(db, snap_compare, make_test_app):
    demo.generate(db, people=40, interactions=400, seed=5, today=TODAY)

    async def settings(pilot):
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)

    assert snap_compare(make_test_app(), terminal_size=(80, 24), run_before=settings)


def test_help_on_people_at_80x24(db, snap_compare, make_test_app):
    demo.generate(db, people=40, interactions=400, seed=5, today=TODAY)

    async def help_on_people(pilot):
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_test_app(), terminal_size=(80, 24), run_before=help_on_people)

