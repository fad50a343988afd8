"""Pasting into a one-line field: nothing is lost without a word, and one notice says what happened."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from netui.ui.screens.interaction_form import MAX_SUMMARY, InteractionForm
from tests.helpers import add, notifications, settle


async def _log_form_summary(pilot) -> Input:
    """The Summary field of the log form opened on Ada, focused and empty."""
    await settle(pilot)
    await pilot.press("4")  # netui opens on the Overview
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InteractionForm)
    field = pilot.app.screen.query_one("#summary", Input)
    assert pilot.app.focused is field and field.value == ""
    return field


async def _paste(pilot, text: str) -> None:
    pilot.app.post_message(events.Paste(text))  # the way a terminal's paste arrives: to the app
    await settle(pilot)


async def test_a_long_paste_keeps_what_fits_and_says_once_how_much_was_cut(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        field = await _log_form_summary(pilot)
        text = "\n".join(f"line {n:04} " + "x" * 90 for n in range(100))  # 100 lines, 10,099 characters
        assert len(text) > 10_000
        await _paste(pilot, text)
        assert field.value == " ".join(text.split())[:MAX_SUMMARY]
        shown = notifications(app)
        assert len(shown) == 1, shown
        (message,) = shown
        assert "joined with spaces" in message
        assert f"at most {MAX_SUMMARY}" in message
        left_out = len(" ".join(text.split())) - MAX_SUMMARY
        assert f"{left_out:,}" in message and "left out" in message
        assert "not inserted" not in message


async def test_a_paste_into_a_full_field_says_nothing_went_in(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        field = await _log_form_summary(pilot)
        field.value = "y" * MAX_SUMMARY
        await _paste(pilot, "one\ntwo")
        assert field.value == "y" * MAX_SUMMARY
        shown = notifications(app)
        assert len(shown) == 1, shown
        assert "nothing was pasted" in shown[0] and f"at most {MAX_SUMMARY}" in shown[0]


async def test_a_paste_over_a_selection_counts_the_room_the_selection_frees(db, make_test_app):
    from textual.widgets.input import Selection

    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        field = await _log_form_summary(pilot)
        field.value = "a" * (MAX_SUMMARY - 10) + "b" * 10
        field.selection = Selection(MAX_SUMMARY - 10, MAX_SUMMARY)
        await _paste(pilot, "c" * 10)
        assert field.value == "a" * (MAX_SUMMARY - 10) + "c" * 10
        assert notifications(app) == []  # it all fit: nothing to say


async def test_a_short_multi_line_paste_is_joined_with_one_notice(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        field = await _log_form_summary(pilot)
        await _paste(pilot, "Coffee\nabout\x1b[31m the book")
        assert field.value == "Coffee about[31m the book"
        shown = notifications(app)
        assert len(shown) == 1 and "joined with spaces" in shown[0], shown
