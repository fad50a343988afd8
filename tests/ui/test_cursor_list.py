"""The cursor lists on their own: RowTable and CardList (in a CardBoard) in a tiny app.

Keys and clicks go through Textual's pilot; the tests then look at the cursor, the
messages the app heard and the lines the widgets draw.
"""

from __future__ import annotations

from textual import events, on
from textual.app import App, ComposeResult
from textual.geometry import Region

from netui.ui.widgets.card_list import Card, CardBoard, CardList
from netui.ui.widgets.cursor_list import CursorList
from netui.ui.widgets.row_table import Column, LazyRows, Row, RowTable

ROWS = [Row(100 + i, (f"Person {i:02}", f"Company {i:02}", str(i)), "due" if i == 3 else "") for i in range(20)]
CARDS = [Card(200 + i, f"Card {i:02}", "!" if i == 1 else "", f"Firm {i:02}", f"{i}d") for i in range(12)]


class Heard(App[None]):
    """Records every message the widgets post, by the handler the screens use."""

    CSS = "RowTable { height: 10; } CardBoard { height: 1fr; } CardList { width: 1fr; }"

    def __init__(self, *, board: bool = False) -> None:
        super().__init__()
        self.with_board = board
        self.heard: list[tuple[str, object, int | None]] = []

    def compose(self) -> ComposeResult:
        yield RowTable(
            [Column("Name"), Column("Company", hide_rank=1), Column("N", width=3, align_right=True)],
            empty_text="No one yet.",
            id="table",
        )
        if self.with_board:
            yield CardBoard(CardList("Left", id="left"), CardList("Right", empty_text="Empty column.", id="right"))

    @on(RowTable.Highlighted)
    def _row_highlighted(self, event: RowTable.Highlighted) -> None:
        assert event.control is event.table
        self.heard.append(("row highlighted", event.table, event.key))

    @on(RowTable.Selected)
    def _row_selected(self, event: RowTable.Selected) -> None:
        assert event.control is event.table
        self.heard.append(("row selected", event.table, event.key))

    @on(CardList.Highlighted)
    def _card_highlighted(self, event: CardList.Highlighted) -> None:
        assert event.control is event.cards
        self.heard.append(("card highlighted", event.cards, event.key))

    @on(CardList.Selected)
    def _card_selected(self, event: CardList.Selected) -> None:
        assert event.control is event.cards
        self.heard.append(("card selected", event.cards, event.key))

    @on(CardBoard.ColumnChanged)
    def _column(self, event: CardBoard.ColumnChanged) -> None:
        assert event.control is event.board
        self.heard.append(("column", event.board, event.index))

    def take(self) -> list[tuple[str, object, int | None]]:
        heard, self.heard = self.heard, []
        return heard


def drawn(widget: CursorList) -> list[str]:
    """The widget's lines as text, as they are drawn now."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.scrollable_content_region.height)]


def cursor_style(widget: CursorList, focused: bool = True):
    return widget.get_component_rich_style("cursor-list--cursor" if focused else "cursor-list--cursor-blurred")


def has_style(widget: CursorList, y: int, part) -> bool:
    """Whether line ``y`` is drawn with every attribute of ``part`` (a component's style)."""
    style = next(iter(widget.render_line(y))).style
    return style is not None and style + part == style


# ------------------------------------------------------------------ RowTable


async def test_table_keys_move_the_cursor_and_say_so_once_per_row():
    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.set_rows(ROWS)
        table.focus()
        await pilot.pause()
        assert app.take() == [("row highlighted", table, 100)]
        page = table.page_size
        assert 1 < page < len(ROWS)

        steps = [
            ("down", 1),
            ("j", 2),
            ("k", 1),
            ("up", 0),
            ("up", 0),  # already at the top: nothing moves, nothing is said
            ("pagedown", page),
            ("pagedown", 2 * page),
            ("pageup", page),
            ("end", 19),
            ("home", 0),
            ("G", 19),
            ("pagedown", 19),
            ("g", 0),
        ]
        expected_cursor = 0
        for key, cursor in steps:
            await pilot.press(key)
            await pilot.pause()
            assert table.cursor == cursor, key
            said = [("row highlighted", table, 100 + cursor)] if cursor != expected_cursor else []
            assert app.take() == said, key
            expected_cursor = cursor
            assert table.cursor_key == 100 + cursor


async def test_enter_selects_the_row_under_the_cursor():
    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.set_rows(ROWS)
        table.focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.take()[-1] == ("row selected", table, 102)


async def test_the_table_draws_its_header_rows_and_cursor_and_scrolls_it_into_view():
    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.set_rows(ROWS)
        table.focus()
        await pilot.pause()
        lines = drawn(table)
        assert lines[0].split() == ["Name", "Company", "N"]
        assert lines[1].split() == ["Person", "00", "Company", "00", "0"]
        assert has_style(table, 1, cursor_style(table))
        assert not has_style(table, 2, cursor_style(table))
        assert has_style(table, 4, table.get_component_rich_style("cursor-list--due"))

        await pilot.press("end")
        await pilot.pause()
        lines = drawn(table)
        last = lines.index(next(line for line in lines if line.startswith("Person 19")))
        assert last == table.body_height  # the last row sits on the bottom line
        assert has_style(table, last, cursor_style(table))
        assert lines[0].split() == ["Name", "Company", "N"]  # the header never scrolls

        table.blur()
        await pilot.pause()
        assert has_style(table, last, cursor_style(table, focused=False))
        assert not has_style(table, last, cursor_style(table))


async def test_a_cursor_move_repaints_only_the_two_rows_it_touches(monkeypatch):
    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.set_rows(ROWS)
        table.focus()
        await pilot.pause()
        repainted: list[tuple[Region, ...]] = []
        real_refresh = table.refresh

        def spy(*regions, **kwargs):
            repainted.append(regions)
            return real_refresh(*regions, **kwargs)

        monkeypatch.setattr(table, "refresh", spy)
        await pilot.press("down")
        await pilot.pause()
        width = table.content_width
        assert width == table.size.width - 1  # the scroll bar beside the rows is left alone
        assert repainted == [(Region(0, 1, width, 1),), (Region(0, 2, width, 1),)]


def gutter(widget: CursorList) -> list[str]:
    """What the scroll bar's cell on each line below the header shows: thumb, track or blank."""
    thumb = widget.get_component_rich_style("cursor-list--thumb")
    track = widget.get_component_rich_style("cursor-list--track")
    out = []
    for y in range(1, widget.scrollable_content_region.height):
        cell = list(widget.render_line(y))[-1]
        assert cell.text == " "
        out.append("thumb" if cell.style + thumb == cell.style else "track" if cell.style + track == cell.style else "")
    return out


async def test_the_list_draws_its_own_scroll_bar_where_the_view_is():
    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.focus()
        table.set_rows(ROWS[:5])
        await pilot.pause()
        assert not table.show_vertical_scrollbar  # no Textual scroll bar widget: one layout pass a change
        assert gutter(table) == [""] * 9  # five rows fit under the header: nothing to scroll
        table.set_rows(ROWS)  # 20 rows in 9 lines: a thumb of 9 * 9 // 20 = 4 lines
        await pilot.pause()
        assert gutter(table) == ["thumb"] * 4 + ["track"] * 5
        await pilot.press("end")
        await pilot.pause()
        assert table.scroll_y == 11
        assert gutter(table) == ["track"] * 5 + ["thumb"] * 4
        assert drawn(table)[-1].split()[:2] == ["Person", "19"]


async def shown(pilot, rows: list[Row]) -> RowTable:
    """The app's table, given ``rows`` and drawn."""
    table = pilot.app.query_one(RowTable)
    table.set_rows(rows)
    await pilot.pause()
    return table


def wheel(kind, widget):
    """A turn of the mouse wheel over a row of ``widget``."""
    return kind(widget, 5, 3, 0, 0, 0, False, False, False, screen_x=5, screen_y=3)


async def test_the_wheel_scrolls_the_view_and_a_click_on_the_bar_jumps():
    async with Heard().run_test(size=(60, 16)) as pilot:
        table = await shown(pilot, ROWS)
        for _ in range(2):
            table.post_message(wheel(events.MouseScrollDown, table))
        await pilot.pause()
        assert table.scroll_y == 6 and table.cursor == 0  # the view moved, the cursor did not
        for _ in range(3):  # never past the last row
            table.post_message(wheel(events.MouseScrollDown, table))
        await pilot.pause()
        assert table.scroll_y == table.last_scroll_y == 11
        table.post_message(wheel(events.MouseScrollUp, table))
        await pilot.pause()
        assert table.scroll_y == 8
        await pilot.click(RowTable, offset=(table.size.width - 1, 1))  # the top of the bar
        await pilot.pause()
        assert table.scroll_y == 0 and table.cursor == 0
        await pilot.click(RowTable, offset=(table.size.width - 1, 9))  # its bottom
        await pilot.pause()
        assert table.scroll_y == 11 and table.cursor == 0


async def test_the_table_keeps_the_cursor_on_its_key_when_rows_change():
    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.set_rows(ROWS)
        table.focus()
        await pilot.press("down", "down", "down")
        await pilot.pause()
        app.take()
        table.set_rows(list(reversed(ROWS)))
        await pilot.pause()
        assert table.cursor_key == 103 and table.cursor == 16
        assert app.take() == []  # same row, nothing new to say

        table.set_rows([row for row in ROWS if row.key != 103])  # gone: the same position
        await pilot.pause()
        assert table.cursor == 16 and table.cursor_key == 117
        assert app.take() == [("row highlighted", table, 117)]

        table.set_rows(ROWS, keep_key=105)
        await pilot.pause()
        assert table.cursor_key == 105


async def test_lazy_rows_are_looked_up_by_key_without_making_rows():
    made: list[int] = []

    def make(i: int) -> Row:
        made.append(i)
        return Row(i, (f"Lazy {i}", "", ""))

    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.set_rows(LazyRows(list(range(1000)), key=lambda i: i, make=make), keep_key=500)
        await pilot.pause()
        assert table.cursor == 500 and table.cursor_key == 500
        assert all(abs(i - 500) < 20 for i in made)  # only the rows on screen were made
        assert any(line.startswith("Lazy 500") for line in drawn(table))


async def test_an_empty_table_says_so_and_ignores_the_keys():
    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.set_rows([])
        table.focus()
        await pilot.press("down", "end", "pagedown", "enter")
        await pilot.pause()
        assert table.cursor == 0 and table.cursor_key is None
        assert app.take() == []
        assert drawn(table)[1] == "No one yet."
        assert has_style(table, 1, table.get_component_rich_style("cursor-list--empty"))

        table.set_rows(ROWS[:2])
        await pilot.pause()
        table.set_rows([])
        await pilot.pause()
        assert app.take() == [("row highlighted", table, 100), ("row highlighted", table, None)]


async def test_a_click_moves_the_cursor_and_a_double_click_opens():
    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.set_rows(ROWS)
        await pilot.pause()
        app.take()
        await pilot.click(RowTable, offset=(2, 3))
        await pilot.pause()
        assert table.cursor == 2
        assert app.take() == [("row highlighted", table, 102)]
        await pilot.click(RowTable, offset=(2, 0))  # the header: nothing happens
        await pilot.pause()
        assert table.cursor == 2 and app.take() == []
        await pilot.double_click(RowTable, offset=(2, 5))
        await pilot.pause()
        assert table.cursor == 4
        assert app.take() == [("row highlighted", table, 104), ("row selected", table, 104)]


async def test_a_narrow_table_hides_the_least_important_column():
    app = Heard()
    async with app.run_test(size=(60, 16)) as pilot:
        table = app.query_one(RowTable)
        table.set_rows(ROWS)
        await pilot.pause()
        assert "Company" in drawn(table)[0]
        # 15 cells beside the scroll bar: Name and N at their narrowest need 6 + 1 + 3,
        # Company 6 more and a gap.
        await pilot.resize_terminal(16, 16)
        await pilot.pause()
        assert table.content_width == 15
        assert drawn(table)[0].split() == ["Name", "N"]
        assert drawn(table)[1].split() == ["Person", "00", "0"]


# ------------------------------------------------------------------ CardList in a CardBoard


async def _board(pilot) -> tuple[CardBoard, CardList, CardList]:
    board = pilot.app.query_one(CardBoard)
    left, right = board.columns
    left.set_cards(CARDS, count_text="12")
    right.set_cards(CARDS[:3], count_text="3")
    board.focus()
    await pilot.pause()
    return board, left, right


async def test_board_keys_move_the_cursor_of_the_active_column():
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        board, left, right = await _board(pilot)
        assert ("card highlighted", left, 200) in app.take()
        page = left.page_size
        assert page == left.body_height // 2 and 1 < page < len(CARDS)

        steps = [
            ("down", 1),
            ("j", 2),
            ("k", 1),
            ("up", 0),
            ("pagedown", page),
            ("pageup", 0),
            ("end", 11),
            ("home", 0),
            ("G", 11),
            ("g", 0),
        ]
        before = 0
        for key, cursor in steps:
            await pilot.press(key)
            await pilot.pause()
            assert left.cursor == cursor, key
            assert app.take() == ([("card highlighted", left, 200 + cursor)] if cursor != before else []), key
            before = cursor
        assert right.cursor == 0  # only the active column moved

        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.take() == [("card highlighted", left, 201), ("card selected", left, 201)]


async def test_sideways_gives_the_cursor_to_the_next_column_level_with_it():
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        board, left, right = await _board(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        app.take()
        await pilot.press("l")
        await pilot.pause()
        assert board.active == 1 and board.current is right
        assert right.cursor == 2
        assert app.take() == [("column", board, 1), ("card highlighted", right, 202)]
        await pilot.press("h")
        await pilot.pause()
        assert board.active == 0 and left.cursor == 2
        assert board.has_focus  # the focus never leaves the board


async def test_cards_are_drawn_on_two_lines_with_the_cursor_on_both():
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        board, left, right = await _board(pilot)
        await pilot.press("down")
        await pilot.pause()
        lines = drawn(left)
        assert lines[0].split() == ["Left", "12"]
        assert lines[1].split() == ["Card", "00"]
        assert lines[2].split() == ["Firm", "00", "0d"]
        assert lines[3].split() == ["Card", "01", "!"]
        assert lines[4].split() == ["Firm", "01", "1d"]
        assert not has_style(left, 1, cursor_style(left))
        assert has_style(left, 3, cursor_style(left)) and has_style(left, 4, cursor_style(left))
        assert has_style(left, 2, left.get_component_rich_style("cursor-list--detail"))
        assert has_style(left, 0, left.get_component_rich_style("cursor-list--header-active"))
        # The inactive column draws no cursor at all.
        assert not any(has_style(right, y, cursor_style(right, focused=False)) for y in range(1, 7))

        board.blur()
        await pilot.pause()
        assert has_style(left, 3, cursor_style(left, focused=False))
        assert not has_style(left, 3, cursor_style(left))
        board.focus()
        await pilot.pause()
        assert has_style(left, 3, cursor_style(left))


async def test_the_boards_focus_restyles_the_board_not_its_columns():
    """The columns draw the board's focus themselves; restyling them (eleven component
    styles each) on every focus change would be wasted. The board itself is restyled."""
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        board, left, right = await _board(pilot)
        sheet = app.stylesheet
        restyled: list[str] = []
        real = sheet.update_nodes

        def spy(nodes, animate=False):
            nodes = list(nodes)
            restyled.extend(type(node).__name__ for node in nodes)
            return real(nodes, animate=animate)

        sheet.update_nodes = spy
        try:
            for change in (board.blur, board.focus):
                restyled.clear()
                change()
                await pilot.pause()
                assert "CardBoard" in restyled
                assert "CardList" not in restyled
        finally:
            del sheet.update_nodes
        assert board.has_focus and has_style(left, 1, cursor_style(left))  # the top card, focused


async def test_a_card_move_repaints_only_the_two_cards_it_touches(monkeypatch):
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        board, left, right = await _board(pilot)
        repainted: list[tuple[Region, ...]] = []
        real_refresh = left.refresh

        def spy(*regions, **kwargs):
            repainted.append(regions)
            return real_refresh(*regions, **kwargs)

        monkeypatch.setattr(left, "refresh", spy)
        await pilot.press("down")
        await pilot.pause()
        width = left.content_width
        assert width == left.size.width - 1  # the scroll bar's gutter beside the cards is left alone
        assert repainted == [(Region(0, 1, width, 2),), (Region(0, 3, width, 2),)]


async def test_an_empty_column_says_so():
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        board, left, right = await _board(pilot)
        right.set_cards([], count_text="0")
        await pilot.pause()
        assert drawn(right)[1].strip() == "Empty column."
        await pilot.press("l", "down", "enter")
        await pilot.pause()
        assert right.cursor_key is None
        assert [h for h in app.take() if h[0] == "card selected"] == []


async def test_cards_come_and_go_in_place():
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        board, left, right = await _board(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        app.take()
        assert left.remove_card(200)  # above the cursor: the cursor stays on its card
        await pilot.pause()
        assert left.cursor_key == 202 and left.cursor == 1
        assert app.take() == []
        assert not left.remove_card(999)
        assert left.virtual_size.height == 1 + 2 * len(left.cards)

        index = left.insert_card(Card(200, "Card 00"), sort_key=lambda c: c.title)
        await pilot.pause()
        assert index == 0 and left.cursor_key == 202 and left.cursor == 2
        assert left.virtual_size.height == 1 + 2 * len(CARDS)

        assert left.select_key(210)
        await pilot.pause()
        assert left.cursor_key == 210
        assert app.take() == [("card highlighted", left, 210)]
        assert any(line.split()[:2] == ["Card", "10"] for line in drawn(left))  # scrolled into view


async def test_a_column_that_grows_shows_the_card_it_keeps():
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        left = app.query_one("#left", CardList)
        assert left.cards == [] and not left.show_vertical_scrollbar
        many = [Card(300 + i, f"Many {i:03}") for i in range(200)]
        left.set_cards(many + [Card(999, "Zed")], keep_key=999)  # the scrollbar comes with them
        await pilot.pause()
        assert left.cursor_key == 999
        lines = drawn(left)
        assert lines[-2].split() == ["Zed"]  # the last card fills the bottom two lines
        assert left.scroll_y == left.max_scroll_y


async def test_a_click_on_another_column_moves_the_cursor_there():
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        board, left, right = await _board(pilot)
        app.take()
        await pilot.click("#right", offset=(3, 4))  # line 4: the second card's detail line
        await pilot.pause()
        assert board.active == 1 and right.cursor == 1 and board.has_focus
        assert app.take() == [("column", board, 1), ("card highlighted", right, 201)]
        await pilot.double_click("#right", offset=(3, 5))
        await pilot.pause()
        assert app.take() == [("card highlighted", right, 202), ("card selected", right, 202)]


async def test_each_widget_hears_only_its_own_messages():
    assert RowTable.Highlighted is not CardList.Highlighted
    assert not issubclass(CardList.Selected, RowTable.Selected)
    assert not issubclass(RowTable.Selected, CardList.Selected)
    assert RowTable.Selected.handler_name == "on_row_table_selected"
    assert CardList.Highlighted.handler_name == "on_card_list_highlighted"
    app = Heard(board=True)
    async with app.run_test(size=(60, 30)) as pilot:
        board, left, right = await _board(pilot)
        table = app.query_one(RowTable)
        table.set_rows(ROWS)
        await pilot.pause()
        app.take()
        left.select()
        table.select()
        await pilot.pause()
        # They travel up different parents, so either may arrive first.
        assert sorted(app.take(), key=lambda heard: heard[0]) == [
            ("card selected", left, 200),
            ("row selected", table, 100),
        ]
