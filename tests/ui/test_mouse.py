"""The mouse works but data never becomes clickable: a name that looks like Textual's
`[@click=…]` markup is text, and clicking it runs nothing."""

from __future__ import annotations

import pytest

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.journal import InteractionDraft, add_interaction
from tests.conftest import TODAY
from tests.helpers import add, screen_text, settle

NAME = "[@click=app.quit]x"
COMPANY = "[@click=app.add_person]co"
SUMMARY = "[@click=app.quit]summary"


@pytest.fixture
def hostile_app(db, make_test_app):
    from datetime import timedelta

    pid = add(db, NAME, Ring.STRATEGIC, company=COMPANY, networks=(Network.SUPPORT,))
    add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.SUPPORT,))
    add_interaction(db, InteractionDraft(TODAY - timedelta(days=200), "coffee", (pid,), SUMMARY, "", None, None))
    app = make_test_app()
    ran: list[str] = []
    # Record, rather than run, the actions the markup names.
    app.action_quit = lambda: ran.append("quit")  # type: ignore[method-assign]
    app.action_add_person = lambda: ran.append("add_person")  # type: ignore[method-assign]
    app.ran = ran  # type: ignore[attr-defined]
    return app


def _where(pilot, text: str) -> tuple[int, int]:
    for y, line in enumerate(screen_text(pilot).splitlines()):
        x = line.find(text)
        if x >= 0:
            return x, y
    raise AssertionError(f"{text!r} is not on screen:\n{screen_text(pilot)}")


async def _click_text(pilot, text: str) -> None:
    x, y = _where(pilot, text)
    for dx in (0, 2, len(text) - 1):
        await pilot.click(offset=(x + dx, y))
        await settle(pilot)


@pytest.mark.parametrize(
    ("key", "texts"),
    [("1", [NAME[:12]]), ("2", [NAME[:12]]), ("3", [SUMMARY[:16], NAME[:12]]), ("4", [NAME, COMPANY[:12]]),
     ("5", [NAME[:12]])],
)
async def test_clicking_hostile_text_runs_nothing(hostile_app, key, texts):
    app = hostile_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        screen = app.screen
        for text in texts:
            await _click_text(pilot, text)
            assert app.ran == [], f"a click on {text!r} ran {app.ran}"
            assert app.is_running and app.return_code is None
            assert app.screen is screen, "a single click selects; it opens nothing"
        assert NAME[:12] in screen_text(pilot)  # still shown literally


async def test_a_click_selects_a_row_and_the_person_screen_title_is_inert(hostile_app):
    app = hostile_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("RowTable")
        rows = [row.cells[0] for row in table.rows]
        await _click_text(pilot, NAME)
        assert rows[table.cursor] == NAME  # the click moved the cursor to that row
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "PersonScreen"
        await _click_text(pilot, NAME)
        await _click_text(pilot, COMPANY[:12])
        assert app.ran == [] and app.is_running
