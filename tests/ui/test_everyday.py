"""What a new user tripped over in a week of use: each fixed, each checked with keys."""

from __future__ import annotations

import pytest

from netui.store import models as m
from tests.helpers import add, notifications, screen_text, settle, type_ahead, type_like_a_terminal

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


@pytest.fixture
def names_looked_up(monkeypatch):
    """Name fields complete and check by looking names up: reading everyone is a failure."""
    from netui.store import people

    def everyone(*args):
        raise AssertionError("a name field read every name")

    monkeypatch.setattr(people, "name_index", everyone)


async def _suggested(pilot, field) -> None:
    """Wait until the field has been offered its completion (a worker posts it)."""
    await settle(pilot)
    assert field.offered, "no suggestion was offered"


async def test_tab_accepts_the_suggested_name_in_the_add_person_form(db, make_test_app, names_looked_up):
    from netui.store.people import get_person

    ada = add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Grace Hopper")
        field = app.screen.query_one("#introduced_by")
        field.focus()
        await pilot.press(*"ADÁ")  # case and accents are not in the way
        await _suggested(pilot, field)
        await pilot.press("tab")
        assert field.value == "Ada Lovelace"
        await pilot.press("tab")  # nothing more to complete: tab moves on as usual
        assert not field.has_focus
        await pilot.press("ctrl+s")
        await settle(pilot)
        grace = m.Person.get(m.Person.name == "Grace Hopper")
        assert get_person(db, grace.id).introduced_by_id == ada


async def test_right_arrow_accepts_the_suggestion_in_the_journal_filter(db, make_test_app, names_looked_up):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        field = app.screen.query_one("#person")
        await pilot.press(*"ada")
        await _suggested(pilot, field)
        await pilot.press("tab")
        assert field.value == "Ada Lovelace"
        field.value = "ada"
        await _suggested(pilot, field)
        await pilot.press("right")
        assert field.value == "Ada Lovelace"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Ada Lovelace" in screen_text(pilot)
        assert "Nobody called" not in screen_text(pilot)


async def test_knows_dialog_completes_with_tab_and_keeps_what_was_typed_on_an_error(db, make_test_app, names_looked_up):
    from netui.store.people import get_person
    from netui.ui.dialogs import PersonPicker

    ada = add(db, "Ada Lovelace")
    add(db, "Grace Hopper")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("enter")  # Ada, first by name
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        await pilot.press(*"Nobody Here", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PersonPicker)  # still open, the text still there
        assert app.screen.query_one("#name").value == "Nobody Here"
        assert "Nobody called 'Nobody Here'" in screen_text(pilot)
        field = app.screen.query_one("#name")
        field.value = "gra"
        await _suggested(pilot, field)
        await pilot.press("tab")
        assert field.value == "Grace Hopper"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, PersonPicker)
        assert [k.other_name for k in get_person(db, ada).knows] == ["Grace Hopper"]


def _log(db, pid: int, summary: str) -> int:
    from netui.store.journal import InteractionDraft, add_interaction
    from tests.conftest import TODAY

    return add_interaction(db, InteractionDraft(date=TODAY, kind="coffee", person_ids=(pid,), summary=summary))


async def test_a_delete_typed_ahead_of_a_screen_change_deletes_nothing(db, make_test_app):

    ada = add(db, "Ada Lovelace")
    _log(db, ada, "Kept coffee")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_ahead(pilot, "3", "d")  # "3d" typed quickly: the d was typed before the Journal showed
        await settle(pilot)
        assert m.Interaction.select().where(m.Interaction.deleted_at.is_null()).count() == 1
        assert any("press d again" in n for n in notifications(app))
        await pilot.press("d")  # typed once the Journal is in front: it deletes
        await settle(pilot)
        assert m.Interaction.select().where(m.Interaction.deleted_at.is_null()).count() == 0


async def test_keys_typed_ahead_of_a_closing_dialog_delete_nothing_underneath(db, make_test_app):
    ada = add(db, "Ada Lovelace")
    _log(db, ada, "Kept coffee")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("enter")  # the entry, in a dialog
        await settle(pilot)
        await type_ahead(pilot, "escape", "d")  # close it and, in the same breath, d
        await settle(pilot)
        assert m.Interaction.select().where(m.Interaction.deleted_at.is_null()).count() == 1
        assert m.Person.get_by_id(ada).deleted_at is None


async def test_a_yes_typed_ahead_of_the_question_answers_nothing(db, make_test_app):
    from netui.store.people import trash_person
    from netui.ui.dialogs import ConfirmDialog

    trash_person(db, add(db, "Ada Lovelace"))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await type_ahead(pilot, "P", "y")  # empty the trash, and a y before the question showed
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert m.Person.select().count() == 1
        await pilot.press("y")
        await settle(pilot)
        assert m.Person.select().count() == 0


async def test_after_an_undo_the_journal_cursor_is_on_the_restored_entry(db, make_test_app):
    from datetime import timedelta

    from netui.store.journal import InteractionDraft, add_interaction
    from netui.ui.screens.journal import EntryDialog
    from netui.ui.widgets.row_table import RowTable
    from tests.conftest import TODAY

    ada = add(db, "Ada Lovelace")
    ids = [
        add_interaction(db, InteractionDraft(date=TODAY - timedelta(days=n), kind="coffee", person_ids=(ada,),
                                             summary=f"Entry {n}", follow_up=TODAY + timedelta(days=1)))
        for n in (1, 2, 3)
    ]
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("o")  # open follow-ups only
        await settle(pilot)
        await pilot.press("down")  # Entry 2
        await settle(pilot)
        assert app.screen.query_one(RowTable).cursor_key == ids[1]
        await pilot.press("f")  # done: it leaves the list, the cursor moves on
        await settle(pilot)
        await pilot.press("u")  # back it comes, and the cursor with it
        await settle(pilot)
        assert app.screen.query_one(RowTable).cursor_key == ids[1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryDialog) and app.screen.entry.id == ids[1]


async def test_after_an_undo_the_agenda_cursor_is_on_the_restored_line(db, make_test_app):
    from datetime import timedelta

    from netui.store.journal import InteractionDraft, add_interaction
    from netui.ui.widgets.row_table import RowTable
    from tests.conftest import TODAY

    people = [add(db, name) for name in ("Ada Lovelace", "Bob Byte", "Cy Coder")]
    for n, pid in enumerate(people):
        add_interaction(db, InteractionDraft(date=TODAY - timedelta(days=5), kind="call", person_ids=(pid,),
                                             summary=f"Slides {n}", follow_up=TODAY - timedelta(days=3 - n)))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one(RowTable)
        await pilot.press("down")
        await settle(pilot)
        chosen = table.cursor_key
        await pilot.press("x")
        await settle(pilot)
        assert table.cursor_key != chosen
        await pilot.press("u")
        await settle(pilot)
        assert table.cursor_key == chosen


async def test_counts_of_one_person_are_singular(db, make_test_app):
    from netui.store.people import trash_person
    from netui.ui.dialogs import ConfirmDialog

    add(db, "Grace Hopper")
    trash_person(db, add(db, "Ada Lovelace"))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "1 person" in screen_text(pilot) and "1 people" not in screen_text(pilot)  # the Overview
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert "Trash · 1 person" in screen_text(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(pilot)
        assert "1 people" not in text and "Delete the one person in the trash for good?" in text


async def test_a_search_that_matches_nothing_says_so_and_how_to_clear_it(db, make_test_app):
    ada = add(db, "Ada Lovelace")
    _log(db, ada, "Coffee at the station")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("slash", *"zebra")
        await settle(pilot)
        text = screen_text(pilot)
        assert "No interactions yet" not in text
        assert "No entry matches. esc clears the search" in text


async def test_the_person_screen_says_due_now_as_people_does(db, make_test_app):
    from netui.domain.rings import Ring

    add(db, "Ada Lovelace", Ring.BUDDY)  # never contacted: due now
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "due now" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "due in 0 days" not in text and "so due now; every 30 days" in text


async def test_a_confirm_dialog_keeps_the_screen_behind_it_visible(db, make_test_app):
    from netui.store.people import trash_person
    from netui.ui.dialogs import ConfirmDialog

    trash_person(db, add(db, "Ada Lovelace"))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(pilot)
        assert "in the trash for good?" in text
        assert "Trash · 1 person" in text  # the title line behind the dialog is still there


async def test_the_funnel_key_line_shows_the_keys_that_move_people_at_120_columns(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        bar = screen_text(pilot).splitlines()[-1]
        for shown in ("> Ring in", "< Ring out", "m Move", "u Undo", "L Log", "r Report", "? Help"):
            assert shown in bar, (shown, bar)
        assert "…" not in bar


async def test_a_checkbox_shows_its_state_as_a_sign_under_no_color(db, make_test_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        box = app.screen.query_one("#open")

        def line() -> str:
            return next(ln for ln in screen_text(pilot).splitlines() if "Only open follow-ups" in ln)

        assert "✓" not in line()
        box.value = True
        await pilot.pause()
        assert "✓" in line()
        box.value = False
        await pilot.pause()
        assert "✓" not in line()


async def test_at_40x12_journal_rows_drop_whole_columns_instead_of_ending_in_ellipses(db, make_test_app):
    from netui.store.journal import InteractionDraft, add_interaction
    from tests.conftest import TODAY

    ada = add(db, "Ada Lovelace")
    add_interaction(db, InteractionDraft(date=TODAY, kind="coffee", person_ids=(ada,), summary="Engines",
                                         follow_up=TODAY))
    app = make_test_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        lines = screen_text(pilot).splitlines()
        header = next(line for line in lines if line.startswith("Date"))
        row = next(line for line in lines if "Ada Lovelace" in line)
        assert not header.rstrip().endswith("…") and not row.rstrip().endswith("…"), (header, row)
        assert TODAY.isoformat() in row  # the date whole


async def test_after_the_first_person_the_overview_keeps_guiding_until_every_network_has_someone(db, make_test_app):
    from netui.domain.networks import Network

    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "Import people" in text and "netui import linkedin" not in text  # the in-app import, not the shell
    add(db, "Ada Lovelace", networks=(Network.SUPPORT,))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "Next: Peer, Mentor and Mentee have nobody yet." in text
        assert "Import people" in text
    add(db, "Grace Hopper", networks=(Network.PEER, Network.MENTOR, Network.MENTEE))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Next:" not in screen_text(pilot)


async def test_the_funnel_at_60_columns_shows_the_cursor_column_with_its_neighbours_counts(db, make_test_app):
    from netui.domain.rings import Ring

    add(db, "Ada Lovelace")
    grace = add(db, "Grace Hopper", Ring.LUKEWARM)
    app = make_test_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Grace Hopper" in text and "Ada Lovelace" not in text  # the cursor's column, not cold
        header = text.splitlines()[1]
        assert header.lstrip().startswith("lukewarm 1") and "cold 1" in header and "strategic 0" in header
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert m.Person.get_by_id(grace).ring == "strategic"
        text = screen_text(pilot)
        assert "Grace Hopper" in text  # the selection is still in view


async def _run_palette_command(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*words)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_export_and_backup_from_inside_the_app(db, make_test_app, tmp_path):
    import json
    import sqlite3

    from netui.ui.screens.export_dialog import ExportDialog

    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await _run_palette_command(pilot, "Export or back up")
        assert isinstance(app.screen, ExportDialog)
        target = tmp_path / "copy.db"
        app.screen.query_one("#path").value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert sqlite3.connect(target).execute("SELECT name FROM person").fetchall() == [("Ada Lovelace",)]
        assert any("Backed up the database" in n for n in notifications(app))
        # JSON, to a file; then a refused target keeps the dialog and what was typed.
        await _run_palette_command(pilot, "Export or back up")
        app.screen.query_one("#format").value = "json"
        await settle(pilot)
        dump = tmp_path / "all.json"
        app.screen.query_one("#path").value = str(dump)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [p["name"] for p in json.loads(dump.read_text())["tables"]["person"]] == ["Ada Lovelace"]
        await _run_palette_command(pilot, "Export or back up")
        app.screen.query_one("#format").value = "csv"
        await settle(pilot)
        app.screen.query_one("#path").value = str(db.path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#path").value == str(db.path)
        assert "is the database itself" in screen_text(pilot)


async def test_the_import_file_field_completes_paths_with_tab(make_test_app, tmp_path, monkeypatch):
    (tmp_path / "Downloads").mkdir()
    (tmp_path / "Downloads" / "Connections.csv").write_text("First Name,Last Name\nAda,Lovelace\n")
    monkeypatch.chdir(tmp_path)
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await _run_palette_command(pilot, "Import people")
        field = app.screen.query_one("#path")
        field.focus()
        await pilot.press(*"Down")
        await _suggested(pilot, field)
        await pilot.press("tab")
        assert field.value == "Downloads/"
        await pilot.press("C")
        await _suggested(pilot, field)
        await pilot.press("tab")
        assert field.value == "Downloads/Connections.csv"
