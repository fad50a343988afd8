"""Hostile names on every screen of the People slice: no crash, shown literally, nothing clickable."""

from __future__ import annotations

from netui.domain.text import clean_input
from netui.store import models as m
from netui.store.people import get_person, link_knows
from tests.helpers import add, notifications, screen_text, settle
from tests.hostile import HOSTILE_NAMES

PRINTABLE = [n for n in HOSTILE_NAMES if clean_input(n) == n]


def _seed(db) -> list[int]:
    ids = []
    for name in HOSTILE_NAMES:
        # Stored through the store, which cleans input; a raw row below keeps the controls in.
        ids.append(add(db, name, company=name[:50], help_tags=(name[:30],)))
    # An older version or another tool may have stored control characters: write one raw.
    m.Person.update(name="Raw\x1b]0;pwned\x07", company="\x1b[31mred").where(m.Person.id == ids[0]).execute()
    link_knows(db, ids[1], ids[2], "[@click=app.quit]note")
    return ids


def _no_escapes(text: str) -> None:
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text


async def test_people_table_and_person_screen_show_hostile_names_literally(db, make_test_app):
    ids = _seed(db)
    app = make_test_app()
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        text = screen_text(pilot)
        _no_escapes(text)
        for name in ("[/", "x[/", "[@click=app.quit]x[/]", "[$accent]x", "[ red]x", "[b]bold", ":smile: face"):
            assert name in text, name
        assert "Raw␛]0;pwned␇" in text  # controls stored by someone else show as visible pictures
        assert app.is_running  # the click tag quit nothing
        # Open each hostile person: the Person screen must render them too.
        for pid in ids:
            from netui.ui.screens.person import PersonScreen

            await app.push_screen(PersonScreen(pid))
            await settle(pilot)
            shown = screen_text(pilot)
            _no_escapes(shown)
            name = get_person(db, pid).name
            if name in PRINTABLE:
                assert name[:100] in shown.replace("\n", "")
            await pilot.press("escape")
            await settle(pilot)
        assert app.is_running


async def test_filter_help_palette_and_notifications_with_hostile_text(db, make_test_app):
    _seed(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("slash", *"[@click")
        await settle(pilot)
        assert "[@click=app.quit]x[/]" in screen_text(pilot)
        await pilot.press("escape", "d")  # trash the selected hostile person: the notice names them
        await settle(pilot)
        _no_escapes(screen_text(pilot))
        trashed = [p for p in m.Person.select() if p.deleted_at is not None]
        assert len(trashed) == 1
        assert trashed[0].name == "[@click=app.quit]x[/]"  # the row the filter left selected
        assert notifications(app) == ["Moved [@click=app.quit]x[/] to the trash. Press u to undo."]
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"click")
        await settle(pilot)
        text = screen_text(pilot)
        # The palette finds the live one literally; the trashed one is gone from it.
        assert "[link=https://evil.example]click[/link]" in text
        assert "[@click=app.quit]x[/]" not in text
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert "Keys" in screen_text(pilot)
        await pilot.press("escape")
        assert app.is_running


async def test_form_keeps_hostile_input_literal(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"[@click=app.quit]x[/]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [p.name for p in m.Person.select()] == ["[@click=app.quit]x[/]"]
        assert "[@click=app.quit]x[/]" in screen_text(pilot)
        assert app.is_running

