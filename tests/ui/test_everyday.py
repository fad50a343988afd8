"""What a new user tripped over in a week of use: each fixed, each checked with keys."""

from __future__ import annotations

from netui.store import models as m
from tests.helpers import settle, type_like_a_terminal

PERSIAN = "\u0639\u0644\u06cc\u200c\u0632\u0627\u062f\u0647"  # علی‌زاده: the ZWNJ spells the word
CODER = "\U0001f469\u200d\U0001f4bb"  # 👩‍💻: one emoji held together by a ZWJ


async def test_typed_joiners_are_kept_in_one_line_fields_and_notes(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_like_a_terminal(pilot, f"{PERSIAN} {CODER}")
        app.screen.query_one("#notes").focus()
        await type_like_a_terminal(pilot, f"{CODER}\u202eevil")
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = m.Person.get()
        assert row.name == f"{PERSIAN} {CODER}"
        assert row.notes == f"{CODER}evil"  # the bidi override is still removed


def test_every_way_in_keeps_joiners_and_drops_bidi_overrides():
    from netui.domain.text import clean_input, without_controls

    for clean in (clean_input, without_controls, lambda t: clean_input(t, multiline=True)):
        assert clean(f"{PERSIAN}\u202e{CODER}") == f"{PERSIAN}{CODER}"
