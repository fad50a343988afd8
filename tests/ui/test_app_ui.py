"""App-wide behaviour: screens by number, help from live bindings, the palette, quitting."""

from __future__ import annotations

from netui.domain.rings import Ring
from netui.ui.screens.help import binding_groups
from netui.ui.screens.person import PersonScreen
from tests.helpers import add, screen_text, settle


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


async def test_help_lists_every_key_of_the_current_screen(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        screen = app.screen
        expected = [desc for _, rows in binding_groups(screen) for _, desc, _ in rows]
        own = {b.description for group in screen._bindings.key_to_bindings.values() for b in group if b.id}
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
        await settle(pilot)
        await pilot.pause(0.3)
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


async def test_the_collector_paused_for_start_up_runs_again_once_the_first_screen_is_up(make_test_app):
    import gc

    from netui.ui import collector

    try:
        collector.pause_for_start_up()
        assert not gc.isenabled()
        app = make_test_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # what start-up made is out of the collector's way
    finally:
        gc.enable()
        gc.unfreeze()


async def test_a_pause_after_typing_collects_and_freezes_while_nobody_waits(make_test_app):
    import gc

    from netui.ui import collector

    app = make_test_app(watch_seconds=0.1)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            gc.unfreeze()
            await pilot.press("down")
            assert collector._activity
            tidied: list[bool] = []
            original = collector.tidy_if_idle
            collector.IDLE_SECONDS, idle = 0.2, collector.IDLE_SECONDS
            collector._last_tidy = float("-inf")
            try:
                collector.tidy_if_idle = lambda now=None: tidied.append(original(now)) or tidied[-1]
                await pilot.pause(0.1)
                assert True not in tidied  # not straight after a key
                await pilot.pause(0.5)
                assert True in tidied and gc.get_freeze_count() > 0
                ran = tidied.count(True)
                await pilot.pause(0.4)
                assert tidied.count(True) == ran  # nothing done since: nothing to tidy
            finally:
                collector.tidy_if_idle = original
                collector.IDLE_SECONDS = idle
    finally:
        gc.unfreeze()


def test_tidying_leaks_nothing_that_was_frozen():
    """A cycle frozen while alive and dropped later is found at the next pause."""
    import gc
    import weakref

    from netui.ui import collector

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    watch = weakref.ref(a)
    try:
        gc.freeze()
        del a, b
        gc.collect()
        assert watch() is not None  # frozen: ordinary collections skip it
        collector.activity()
        collector._last_tidy = float("-inf")
        assert collector.tidy_if_idle(now=collector._last_activity + collector.IDLE_SECONDS + 1)
        assert watch() is None
        collector.activity()  # soon after another: waits for the spacing
        assert not collector.tidy_if_idle(now=collector._last_activity + collector.IDLE_SECONDS + 1)
    finally:
        gc.unfreeze()


async def test_a_screen_shown_for_the_first_time_is_styled_once_and_right(db, make_test_app, monkeypatch):
    """Textual restyles every widget of a screen when it shows; a screen showing for the first
    time was styled as it mounted, so netui skips that. Restyling it now changes nothing."""
    from textual.screen import Screen

    from netui.domain.networks import Network

    add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.PEER,))
    whole_screen: list[Screen] = []
    restyle = Screen.update_node_styles

    def spy(self, animate: bool = True) -> None:
        whole_screen.append(self)
        restyle(self, animate)

    monkeypatch.setattr(Screen, "update_node_styles", spy)
    for theme in (None, "netui-light"):
        app = make_test_app(theme=theme)
        async with app.run_test(size=(100, 30)) as pilot:
            for key in ("", "4", "1"):  # the Overview, People shown for the first time, back
                if key:
                    await pilot.press(key)
                await settle(pilot)
                painted = [list(strip) for strip in app.screen._compositor.render_strips()]
                app.stylesheet.update(app.screen)  # what the skipped refresh would have done
                app.screen.refresh(layout=True)
                await settle(pilot)
                assert [list(strip) for strip in app.screen._compositor.render_strips()] == painted, (theme, key)
        assert whole_screen == [], theme
