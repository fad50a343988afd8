"""App-wide behaviour: screens by number, help from live bindings, the palette, quitting."""

from __future__ import annotations

from netui.domain.rings import Ring
from netui.ui.screens.help import binding_groups
from netui.ui.screens.person import PersonScreen
from tests.helpers import add, own_bindings, screen_text, settle


def recording(monkeypatch, cls, name: str, note) -> list[str]:
    """Calls of ``cls.name`` still happen, each first noted in the list as ``note(self)``."""
    calls: list[str] = []
    real = getattr(cls, name)

    def spy(self, *args, **kwargs):
        calls.append(note(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, spy)
    return calls


async def test_number_keys_switch_screens_and_placeholders_say_so(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        for key, word in (("1", "Overview"), ("2", "Funnel"), ("3", "Journal"), ("5", "Agenda"), ("4", "People")):
            await pilot.press(key)
            await settle(pilot)
            assert word in screen_text(pilot).splitlines()[0], key



async def test_only_a_first_visit_holds_back_the_frames_of_a_switch(make_test_app, monkeypatch):
    """Textual hides a screen being built by holding back frames (`App.delay_update`); a
    screen seen before is drawn at once, and the palette's switch behaves as the keys do."""
    from textual.app import App

    held = recording(monkeypatch, App, "delay_update", lambda app: type(app.screen).__name__)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert held == ["OverviewScreen"]  # leaving the Overview for People, built now
        assert "People" in screen_text(pilot).splitlines()[0]
        for key, word in (("1", "Overview"), ("4", "People"), ("1", "Overview")):
            await pilot.press(key)
            await settle(pilot)
            assert word in screen_text(pilot).splitlines()[0], key
        app.switch_mode("people")
        await settle(pilot)
        assert "People" in screen_text(pilot).splitlines()[0]
        assert held == ["OverviewScreen"]  # none of these was held back
        await pilot.press("3")
        await settle(pilot)
        assert held == ["OverviewScreen", "PeopleScreen"]  # the Journal is new: held back

async def test_a_first_visit_is_not_restyled_on_resume_and_a_return_is(make_test_app, monkeypatch):
    """A new screen's widgets are styled as they mount; Textual's restyles on the two
    resume events of a first visit are skipped, not those of a return (the theme may have
    changed meanwhile: tests/ui/test_themes.py), nor a theme change while it is shown."""
    from textual.screen import Screen

    from netui.ui.screens.people import PeopleScreen

    restyled = recording(monkeypatch, Screen, "update_node_styles", lambda screen: type(screen).__name__)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert "PeopleScreen" not in restyled
        before = app.screen.styles.background
        app.theme = "netui-light"  # shown, never hidden: the theme change restyles it
        await settle(pilot)
        assert app.screen.styles.background != before
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert restyled.count("PeopleScreen") == 1  # the return


async def test_a_first_visit_parses_the_style_sheet_no_more_and_a_theme_change_does(make_test_app, monkeypatch):
    """Textual re-parses the whole style sheet twice as a mode's first screen is made; with
    the theme unchanged that would change no style, so netui skips it. A theme change still
    re-parses it, and a screen first seen after the change is built in the new theme."""
    from textual.css.stylesheet import Stylesheet

    parsed = recording(monkeypatch, Stylesheet, "reparse", lambda sheet: "reparse")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key, word in (("2", "Funnel"), ("3", "Journal"), ("1", "Overview"), ("2", "Funnel")):
            await pilot.press(key)
            await settle(pilot)
            assert word in screen_text(pilot).splitlines()[0], key
        assert parsed == []
        before = app.screen.styles.background
        app.theme = "netui-light"
        await settle(pilot)
        assert parsed == ["reparse"]
        assert app.screen.styles.background != before
        await pilot.press("4")  # made after the change
        await settle(pilot)
        assert "People" in screen_text(pilot).splitlines()[0]
        assert app.screen.styles.background == app.get_screen_stack("funnel")[0].styles.background
        assert parsed == ["reparse"]


async def test_a_new_title_asks_for_no_layout_pass(make_test_app, monkeypatch):
    """The title bar is one line as wide as the screen: a new title repaints that line and
    never makes Textual arrange the whole screen again."""
    from netui.ui.screens.base import TitleBar

    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        title = app.screen.query_one(TitleBar)
        seen = []
        real_refresh = TitleBar.refresh

        def refresh(self, *regions, layout=False, **kwargs):
            seen.append(layout)
            return real_refresh(self, *regions, layout=layout, **kwargs)

        monkeypatch.setattr(TitleBar, "refresh", refresh)
        title.show("netui", "Overview", "a title never shown before")
        await settle(pilot)
        assert seen and not any(seen)
        assert "a title never shown before" in screen_text(pilot).splitlines()[0]


async def test_help_lists_every_key_of_the_current_screen(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        screen = app.screen
        expected = [desc for _, rows in binding_groups(screen) for _, desc, _ in rows]
        own = {b.description for b in own_bindings(screen) if b.id}
        assert {"Edit", "Delete", "Ring in", "Ring out", "Filter", "Sort", "Trash"} <= own
        assert own <= set(expected)  # the screen's own bindings are all in the help
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(pilot)
        for description in expected:
            assert description in text, description
        for key in ("s", "/", ">", "<", "enter", "ctrl+p"):
            assert f"  {key}" in text or f"/{key}" in text or f"{key}/" in text, key


async def test_help_follows_a_remapped_key(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 50)) as pilot:
        app.set_keymap({"people.sort": "o"})
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        line = next(line for line in screen_text(pilot).splitlines() if "Sort" in line)
        assert line.strip(" │").startswith("o ")


async def test_palette_jumps_to_a_person_by_fuzzy_name(db, make_test_app):
    add(db, "Grace Hopper", Ring.STRATEGIC, company="Navy")
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"grhop")
        await settle(pilot)  # the palette's search is a worker of its own
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "Grace Hopper" in screen_text(pilot)


async def test_palette_takes_the_people_query_language(db, make_test_app):
    add(db, "Grace Hopper", Ring.STRATEGIC, company="Navy")
    add(db, "Gary Strategic", Ring.COLD, company="Navy")  # the word is in his name, not his ring
    add(db, "Ada Lovelace", Ring.STRATEGIC)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"ring:str co:navy")
        await settle(pilot)
        await settle(pilot)
        shown = screen_text(pilot)
        assert "Go to Grace Hopper" in shown
        assert "Gary" not in shown and "Ada Lovelace" not in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "Grace Hopper" in screen_text(pilot)


async def test_q_quits_with_code_zero(make_test_app):
    app = make_test_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("q")
    assert app.return_code == 0


def test_store_and_domain_never_import_textual():
    import subprocess
    import sys

    code = (
        "import sys; import netui.store.people, netui.store.demo, netui.store.journal, netui.domain.cadence; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; print(bad); sys.exit(bool(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_what_the_overview_reads_at_start_up_leaves_dateutil_unloaded():
    import subprocess
    import sys

    code = (
        "import sys; import netui.ui.app, netui.store.overview, netui.store.settings; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'dateutil'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_import_contracts_hold():
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    linter = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    out = subprocess.run([linter], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


async def test_keys_remapped_in_config_file(db, make_test_app):
    from netui.ui.config import config_path

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\n"people.sort" = "o"\n')
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert "sorted by ring" in screen_text(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        line = next(line for line in screen_text(pilot).splitlines() if "Sort" in line)
        assert line.strip(" │").startswith("o ") and "people.sort" in line


async def test_broken_config_is_reported_and_ignored(make_test_app):
    from netui.ui.config import config_path
    from tests.helpers import notifications

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[keys\n")
    app = make_test_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        assert any("could not be read" in n for n in notifications(app))
