"""Hostile text on every screen and dialog beyond People: Overview, Funnel (cards, side
panel, intro paths, report), Journal (rows, entry, edit form, filters, search), Agenda
(and its snooze dialog), Settings, Trash, Import (the report of a hostile file), Help,
the command palette and notifications.

Each step checks: the app still runs, no control character reaches the screen, no
hyperlink and no click action is made from data, and short markup-like names show
literally. The stored values are compared before and after: looking changes nothing.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from netui.store import models as m
from netui.ui.screens.import_screen import ImportScreen
from netui.ui.screens.trash import TrashScreen
from tests.helpers import notifications, screen_styles, screen_text, settle
from tests.hostile import HOSTILE_NAMES, MANY_LINES
from tests.hostile_seed import LITERAL, seed_hostile

CONTROLS = ("\x1b", "\x9b", "\x07", "\x00", "\x7f", "\u202e", "\u2066")


def check(pilot, where: str, literal: tuple[str, ...] = ()) -> str:
    app = pilot.app
    assert app.is_running, where
    text = screen_text(pilot)
    for ch in CONTROLS:
        assert ch not in text, (where, repr(ch))
    for message in notifications(app):
        for ch in CONTROLS:
            assert ch not in str(message), (where, message)
    lines = text.splitlines()
    for y, row in enumerate(screen_styles(pilot, dimmed=False)):  # links and actions, not colours
        for x, style in enumerate(row):
            assert not style.link, (where, lines[y], x, style.link)
            click = (style.meta or {}).get("@click")
            # Textual's own footer keys are clickable; nothing made from data may be.
            assert click is None or "app.quit" not in str(click), (where, lines[y], x, click)
    for name in literal:
        assert name in text, (where, name)
    return text


def _dump(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return [
            *conn.execute("SELECT id, name, company, title, notes, version FROM person ORDER BY id"),
            *conn.execute("SELECT id, summary, notes, version FROM interaction ORDER BY id"),
            *conn.execute("SELECT key, value FROM setting WHERE key != 'theme' ORDER BY key"),
        ]
    finally:
        conn.close()


async def go(pilot, *keys: str, rounds: int = 4) -> None:
    await pilot.press(*keys)
    await settle(pilot, rounds=rounds)


async def test_overview_and_funnel_show_hostile_text_literally(db, make_test_app, db_path):
    seed_hostile(db)
    before = _dump(db_path)
    app = make_test_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, rounds=8)
        check(pilot, "overview", ("Overview",))
        for _ in range(6):
            await go(pilot, "down")
            check(pilot, "overview moving")
        await go(pilot, "right", "down", "enter")  # a network's people, or a person
        check(pilot, "overview -> enter")
        await go(pilot, "escape")

        await go(pilot, "2", rounds=8)
        check(pilot, "funnel")
        for key in ("down", "down", "right", "down", "right", "down", "right"):
            await go(pilot, key)
            check(pilot, f"funnel {key}")
        await go(pilot, "i")
        check(pilot, "funnel intro paths")
        await go(pilot, "escape", "slash", *"[b", rounds=6)
        check(pilot, "funnel filter", ("[b]bold",))
        await go(pilot, "escape", "escape")
        await go(pilot, "r", rounds=6)
        check(pilot, "funnel report")
        await go(pilot, "s")
        check(pilot, "funnel report period")
        await go(pilot, "escape")
        assert _dump(db_path) == before  # looking changed nothing
    assert app.return_code in (None, 0)


async def test_journal_agenda_settings_people_help_palette_and_trash(db, make_test_app, db_path):
    seed_hostile(db)
    before = _dump(db_path)
    app = make_test_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, rounds=8)
        await go(pilot, "3", rounds=8)
        check(pilot, "journal", ("x[/", "[b]bold"))
        for _ in range(3):
            await go(pilot, "down")
            await go(pilot, "enter")
            check(pilot, "journal entry")
            await go(pilot, "escape")
        await go(pilot, "e")
        check(pilot, "journal edit form")
        await go(pilot, "escape")
        await go(pilot, "n")  # the form may ask to discard nothing; a new log form
        check(pilot, "journal new form")
        await go(pilot, "escape")
        if "Discard" in screen_text(pilot):
            await go(pilot, "y")
        await go(pilot, "F")
        check(pilot, "journal filters")
        await go(pilot, "escape")
        await go(pilot, "slash", *"smile", rounds=8)
        check(pilot, "journal search", (":smile: face",))
        await go(pilot, "escape", "x")

        await go(pilot, "5", rounds=8)
        check(pilot, "agenda")
        for _ in range(8):
            await go(pilot, "down")
            check(pilot, "agenda moving")
        await go(pilot, "S")
        check(pilot, "agenda snooze dialog")
        await go(pilot, "escape")

        await go(pilot, "7", rounds=8)  # stores this month's picks only: people and journal unchanged
        check(pilot, "review")
        await go(pilot, "tab", "end")
        check(pilot, "review, the parts below")

        await go(pilot, "comma", rounds=6)
        check(pilot, "settings", ("[@click=app.quit]me[/]",))
        await go(pilot, "escape")

        await go(pilot, "4", rounds=6)
        check(pilot, "people", LITERAL)
        await go(pilot, "enter", rounds=6)
        check(pilot, "person")
        await go(pilot, "k")  # the "knows" picker
        check(pilot, "person knows picker")
        await go(pilot, "escape", "m")
        check(pilot, "person move dialog")
        await go(pilot, "escape", "escape")

        await go(pilot, "question_mark")
        check(pilot, "help", ("Keys",))
        await go(pilot, "escape")
        await go(pilot, "ctrl+p")
        await go(pilot, *"[", rounds=6)
        check(pilot, "palette [")
        await go(pilot, "backspace", *"click", rounds=6)
        check(pilot, "palette click")
        await go(pilot, "escape")
        assert _dump(db_path) == before  # looking changed nothing

        await go(pilot, "d", rounds=6)  # the delete notice names the person
        check(pilot, "delete notice")
        app.push_screen(TrashScreen())
        await settle(pilot, rounds=6)
        check(pilot, "trash")
        await go(pilot, "p")
        check(pilot, "purge question")
        await go(pilot, "n", "escape")
    assert app.return_code in (None, 0)


async def test_import_report_of_a_hostile_file(make_test_app, tmp_path: Path):
    path = tmp_path / "hostile [b]x [@click=app.quit]y [$accent].csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Company", "Email", "Ring", "Notes"])
        for name in HOSTILE_NAMES:
            name = name.replace("\x00", "")  # a NUL makes it a binary file: refused, tested below
            writer.writerow([name, name[:40], "[@click=app.quit]@x", "", MANY_LINES])
        writer.writerow(["Bad ring", "", "", "[b]\x1b]0;pwned\x07", ""])
        writer.writerow(["", "\x1b]0;pwned\x07", "", "", ""])
    app = make_test_app()
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        app.push_screen(ImportScreen(str(path)))
        await settle(pilot)
        await go(pilot, "ctrl+r", rounds=10)
        text = check(pilot, "import preview", ("ignored email '[@click=app.quit]@x'", "unknown ring '[b]]0;pwned'", "[$accent].csv"))
        assert "Dry run" in text
        assert m.Person.select().count() == 0
        await go(pilot, "ctrl+s")
        await go(pilot, "y", rounds=12)
        check(pilot, "import applied")
        assert m.Person.select().count() > 0
        stored = {p.name for p in m.Person.select()}
        assert "[@click=app.quit]x[/]" in stored and "[$accent]x" in stored
        assert not any("\x1b" in n or "\x9b" in n for n in stored)  # cleaned on the way in


async def test_import_of_a_file_with_a_nul_is_refused_plainly(make_test_app, tmp_path: Path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Name,Company\nAda\x00,\x1b]0;pwned\x07\n")
    app = make_test_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ImportScreen(str(path)))
        await go(pilot, "ctrl+r", rounds=10)
        text = check(pilot, "import nul")
        assert "is not a CSV file" in text
        assert m.Person.select().count() == 0
