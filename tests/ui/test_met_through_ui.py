""""Met through" in the person form and on the Person screen, driven by keys and checked in
the database and on screen."""

from __future__ import annotations

from datetime import date

from netui.domain.journal import InteractionDraft
from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.journal import add_interaction, delete_interaction
from netui.store.people import get_person, update_person
from tests.helpers import add, notifications, screen_text, settle


def broadcast(db, kind: str, summary: str, day: date, people=()) -> int:
    return add_interaction(db, InteractionDraft(day, kind, tuple(people), summary))


async def _open_people(pilot) -> None:
    await settle(pilot)
    await pilot.press("4")  # netui opens on the Overview
    await settle(pilot)


async def _suggested(pilot, field) -> None:
    """Wait until the field has been offered its completion (a worker posts it)."""
    await settle(pilot)
    assert field.offered, "no suggestion was offered"


def met_line(pilot) -> str:
    lines = [line.strip() for line in screen_text(pilot).splitlines() if "Met through" in line]
    return lines[0] if lines else ""


async def test_the_add_form_completes_a_talk_and_the_person_screen_shows_it(db, make_test_app):
    talk = broadcast(db, "talk", "Rust at scale", date(2026, 3, 1))
    broadcast(db, "post", "Rust in anger", date(2026, 2, 1))
    broadcast(db, "coffee", "Rust chat", date(2026, 3, 2), people=[add(db, "Someone Else")])  # not a broadcast
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_people(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Grace Hopper")
        field = app.screen.query_one("#met_through")
        field.focus()
        await pilot.press(*"talk r")
        await _suggested(pilot, field)
        await pilot.press("tab")
        assert field.value == "talk Rust at scale, 2026-03-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        grace = m.Person.get(m.Person.name == "Grace Hopper")
        assert grace.met_through_id == talk
        # Adding opens the new person.
        assert "Grace Hopper" in screen_text(pilot)
        assert met_line(pilot) == "Met through     talk Rust at scale, 2026-03-01"


async def test_the_summary_alone_completes_too_with_the_right_arrow(db, make_test_app):
    broadcast(db, "talk", "Rust at scale", date(2026, 3, 1))
    post = broadcast(db, "post", "Hiring in 2026", date(2026, 2, 1))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_people(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Grace Hopper")
        field = app.screen.query_one("#met_through")
        field.focus()
        await pilot.press(*"hir")
        await _suggested(pilot, field)
        await pilot.press("right")
        assert field.value == "Hiring in 2026, 2026-02-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert m.Person.get(m.Person.name == "Grace Hopper").met_through_id == post
        assert met_line(pilot) == "Met through     post Hiring in 2026, 2026-02-01"


async def test_an_unknown_entry_is_refused_and_what_was_typed_stays(db, make_test_app):
    broadcast(db, "talk", "Rust at scale", date(2026, 3, 1))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_people(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Grace Hopper")
        field = app.screen.query_one("#met_through")
        field.focus()
        await pilot.press(*"the keynote", "ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "No talk, post, article or panel called 'the keynote'" in text
        assert "Nothing was saved" in text
        assert field.value == "the keynote" and field.has_focus
        assert m.Person.select().count() == 0
        # Fixing it clears the message as it is typed, and then it saves.
        await pilot.press("end", "shift+home", "backspace", *"#1")
        await settle(pilot)
        assert "No talk, post" not in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert m.Person.get(m.Person.name == "Grace Hopper").met_through_id == 1


async def test_two_entries_with_one_summary_ask_for_the_date(db, make_test_app):
    broadcast(db, "post", "Weekly notes", date(2026, 3, 1))
    later = broadcast(db, "post", "Weekly notes", date(2026, 3, 8))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_people(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Grace Hopper")
        app.screen.query_one("#met_through").focus()
        await pilot.press(*"weekly notes", "ctrl+s")
        await settle(pilot)
        assert "2 entries are called 'weekly notes'" in screen_text(pilot)
        assert m.Person.select().count() == 0
        await pilot.press(*", 2026-03-08", "ctrl+s")
        await settle(pilot)
        assert m.Person.get(m.Person.name == "Grace Hopper").met_through_id == later


async def test_editing_changes_then_clears_the_link_and_u_undoes_each(db, make_test_app):
    talk = broadcast(db, "talk", "Rust at scale", date(2026, 3, 1))
    panel = broadcast(db, "panel", "Careers <b>[bold]panel[/]</b>", date(2026, 1, 15))
    pid = add(db, "Ada Lovelace", Ring.LUKEWARM, met_through_id=talk)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_people(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert met_line(pilot) == "Met through     talk Rust at scale, 2026-03-01"
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#met_through")
        assert field.value == "talk Rust at scale, 2026-03-01"
        field.focus()
        await pilot.press("end", "shift+home", "backspace", *"panel")
        await _suggested(pilot, field)
        await pilot.press("tab", "ctrl+s")
        await settle(pilot)
        person = get_person(db, pid)
        assert person.met_through_id == panel and person.version == 2
        # Markup in a summary is shown as typed, never drawn.
        assert met_line(pilot) == "Met through     panel Careers <b>[bold]panel[/]</b>, 2026-01-15"

        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#met_through").focus()
        await pilot.press("end", "shift+home", "backspace", "ctrl+s")
        await settle(pilot)
        assert get_person(db, pid).met_through_id is None
        assert met_line(pilot) == ""

        await pilot.press("u")
        await settle(pilot)
        assert get_person(db, pid).met_through_id == panel
        assert "Undone: the edit of Ada Lovelace." in notifications(app)
        assert "panel Careers" in met_line(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert get_person(db, pid).met_through_id == talk
        assert met_line(pilot) == "Met through     talk Rust at scale, 2026-03-01"


async def test_an_undo_after_another_session_changed_the_link_puts_nothing_back(db, make_test_app):
    talk = broadcast(db, "talk", "Rust at scale", date(2026, 3, 1))
    post = broadcast(db, "post", "Hiring in 2026", date(2026, 2, 1))
    pid = add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_people(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#met_through").focus()
        await pilot.press(*"#" + str(talk), "ctrl+s")
        await settle(pilot)
        assert get_person(db, pid).met_through_id == talk
        # Another session points her at the post meanwhile.
        update_person(db, pid, get_person(db, pid), {"met_through_id": post})
        await pilot.press("u")
        await settle(pilot)
        assert get_person(db, pid).met_through_id == post
        assert any("changed in another session" in n for n in notifications(app))


async def test_a_link_to_an_entry_in_the_trash_is_shown_and_kept_by_an_unrelated_edit(db, make_test_app):
    talk = broadcast(db, "talk", "Rust at scale", date(2026, 3, 1))
    pid = add(db, "Ada Lovelace", met_through_id=talk)
    delete_interaction(db, talk)  # to the trash
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_people(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert met_line(pilot) == "Met through     talk Rust at scale, 2026-03-01 (in the trash)"
        await pilot.press("e")
        await settle(pilot)
        title = app.screen.query_one("#title")
        title.focus()
        await pilot.press(*"Countess", "ctrl+s")
        await settle(pilot)
        person = get_person(db, pid)
        assert (person.title, person.met_through_id) == ("Countess", talk)


async def test_a_summary_with_control_characters_completes_and_shows_harmlessly(db, make_test_app):
    hostile = broadcast(db, "post", "Evil\x1b]0;pwned\x07 post\nsecond line", date(2026, 3, 1))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_people(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Grace Hopper")
        field = app.screen.query_one("#met_through")
        field.focus()
        await pilot.press(*"post ev")
        await _suggested(pilot, field)
        assert "\x1b" not in field.offered and "\x07" not in field.offered
        await pilot.press("tab", "ctrl+s")
        await settle(pilot)
        assert m.Person.get(m.Person.name == "Grace Hopper").met_through_id == hostile
        line = met_line(pilot)
        assert line.startswith("Met through     post Evil") and "second line, 2026-03-01" in line
        assert "\x1b" not in screen_text(pilot) and "\x07" not in screen_text(pilot)
