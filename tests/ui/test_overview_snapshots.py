"""What the Overview looks like at 80x24 and 120x40, on the fixed demo network and date.

The mentee network's last six weeks are deleted so that one panel shows the
neglected state. Regenerate after a deliberate change with --snapshot-update, then
look at the .svg files in tests/__snapshots__/.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from netui.store import demo
from tests.conftest import TODAY
from tests.helpers import settle


@pytest.fixture
def demo_app(db, db_path, make_test_app):
    demo.generate(db, 120, 3000, seed=7, today=TODAY)
    db.execute(
        """UPDATE interaction SET deleted_at = '2026-03-14 12:00:00'
            WHERE date > ? AND id IN (SELECT pa.interaction_id FROM participant pa
                                        JOIN membership m ON m.person_id = pa.person_id AND m.network = 'mentee')""",
        ((TODAY - timedelta(days=45)).isoformat(),),
    )
    return make_test_app()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_overview_snapshot(snap_compare, demo_app, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=settle)


def test_agenda_snapshot(snap_compare, demo_app):
    async def to_agenda(pilot):
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=to_agenda)
