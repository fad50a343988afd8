"""NO_COLOR: every state colour shows is also a sign or a text style.

Textual reads NO_COLOR when the App is built, so each test sets it first. With an
ANSI theme every colour then becomes the terminal's default, so what is left on
screen is exactly what a NO_COLOR user (or a colour-blind one) can tell apart.
"""

from __future__ import annotations

import pytest

from netui.store import demo
from tests.conftest import TODAY
from tests.helpers import screen_styles, screen_text, settle


@pytest.fixture
def no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def demo_data(db, db_path):
    demo.generate(db, people=40, interactions=400, seed=5, today=TODAY)


def _style_at(pilot, x: int, y: int):
    """The style of the cell at (x, y) on screen."""
    return pilot.app.screen.get_style_at(x, y)


def _no_colour_anywhere(pilot) -> None:
    lines = screen_text(pilot).splitlines()
    for y, row in enumerate(screen_styles(pilot)):
        for x, style in enumerate(row):
            for colour in (style.color, style.bgcolor):
                assert colour is None or colour.is_default, (lines[y], x, str(style))


def _stands_out(pilot, region, selected_row: int, other_row: int) -> None:
    """The selected line of a widget is reverse and bold; another line of it is not reverse."""
    x = region.x + 2
    chosen = _style_at(pilot, x, region.y + selected_row)
    plain = _style_at(pilot, x, region.y + other_row)
    assert chosen.reverse and chosen.bold, str(chosen)
    assert not plain.reverse, str(plain)


async def test_people_and_agenda_and_journal_rows_show_the_cursor_without_colour(no_color, demo_data, make_test_app):
    app = make_test_app(theme="netui-16")
    assert app.no_color
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("4", "5", "3"):
            await pilot.press(key)
            await settle(pilot)
            table = app.screen.query_one("RowTable")
            assert table.has_focus and table.cursor == 0 and len(table.rows) > 2
            _stands_out(pilot, table.region, 1, 2)  # row 0 is the header
            await pilot.press("down")
            await settle(pilot)
            _stands_out(pilot, table.region, 2, 1)
            _no_colour_anywhere(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert " ! " in screen_text(pilot)  # due people carry a sign, not just a colour


async def test_the_funnel_card_cursor_shows_without_colour(no_color, demo_data, make_test_app):
    app = make_test_app(theme="netui-16")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        column = app.screen.column(0)
        assert len(column.cards) > 2 and column.cursor == 0
        _stands_out(pilot, column.content_region, 1, 3)  # header, then two lines per card
        _stands_out(pilot, column.content_region, 2, 4)
        # The heading of the column the keys act on is marked too.
        heading = _style_at(pilot, column.content_region.x + 1, column.content_region.y)
        other = app.screen.column(1)
        assert heading.reverse and not _style_at(pilot, other.content_region.x + 1, other.content_region.y).reverse
        _no_colour_anywhere(pilot)


async def test_the_overview_focused_panel_and_its_cursor_show_without_colour(no_color, demo_data, make_test_app):
    from netui.ui.screens.overview import NetworkPanel

    app = make_test_app(theme="netui-16")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panels = list(app.screen.query(NetworkPanel))
        assert panels[0].has_focus
        line = screen_text(pilot).splitlines()[panels[0].region.y]
        assert line.startswith("╔") and "╔" not in line[2:]  # a double border: this panel, and only it
        _stands_out(pilot, panels[0].content_region, 0, 1)
        await pilot.press("down")
        await settle(pilot)
        assert panels[0].cursor == 1
        first_person = len(panels[0].lines(panels[0].content_region.width)) - len(panels[0].people)
        _stands_out(pilot, panels[0].content_region, first_person, 0)
        _no_colour_anywhere(pilot)


async def test_an_empty_or_neglected_network_says_so_in_words(db, no_color, make_test_app):
    from tests.helpers import add

    add(db, "Ada Lovelace")  # in no network: all four panels warn
    app = make_test_app(theme="netui-16")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "⚠ EMPTY" in text and "Support: empty" in text


async def test_the_dark_theme_under_no_color_is_grey_and_the_cursor_still_shows(no_color, demo_data, make_test_app):
    app = make_test_app()  # netui-dark: Textual turns its colours to greys
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        lines = screen_text(pilot).splitlines()
        for y, row in enumerate(screen_styles(pilot)):
            for x, style in enumerate(row):
                for colour in (style.color, style.bgcolor):
                    if colour is not None and not colour.is_default:
                        r, g, b = colour.get_truecolor()
                        assert r == g == b, (lines[y], x, str(style))
        _stands_out(pilot, app.screen.query_one("RowTable").region, 1, 2)


async def test_an_ansi_theme_picked_later_still_gets_the_right_filter(no_color, demo_data, make_test_app):
    """Textual picks its NO_COLOR filter for the theme it starts with; netui picks again on a change."""
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.theme = "netui-16"
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        _no_colour_anywhere(pilot)
