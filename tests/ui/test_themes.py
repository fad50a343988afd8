"""Themes: shipped ones load, a broken user file is reported and skipped, the choice is kept."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from netui.store.settings import load_settings
from netui.ui.themes import load_themes, user_theme_dir
from tests.helpers import notifications, settle

ROOT = Path(__file__).resolve().parents[2]


def test_netui_ships_four_themes():
    loaded = load_themes(extra_dir=Path("/nonexistent"))
    assert loaded.problems == []
    names = {t.name for t in loaded.themes}
    assert {"netui-dark", "netui-light", "netui-high-contrast", "netui-16"} <= names
    assert next(t for t in loaded.themes if t.name == "netui-16").ansi
    for theme in loaded.themes:  # start-up does not work out the shipped colours: this does
        assert theme.to_color_system().generate(), theme.name


def test_a_broken_user_theme_is_reported_not_fatal(tmp_path: Path):
    (tmp_path / "bad.toml").write_text('name = "bad"\nprimary = "not a colour"\n')
    (tmp_path / "worse.toml").write_text("this is = = not toml")
    (tmp_path / "mine.toml").write_text('name = "mine"\nprimary = "#336699"\n')
    loaded = load_themes(extra_dir=tmp_path)
    assert "mine" in {t.name for t in loaded.themes}
    assert len(loaded.problems) == 2 and all("skipped" in p for p in loaded.problems)


async def test_app_starts_on_the_default_theme_and_remembers_a_change(db, make_test_app):
    app = make_test_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.theme == "netui-dark"
        app.theme = "netui-light"
        await settle(pilot)
    assert load_settings(db).theme == "netui-light"
    again = make_test_app()
    async with again.run_test() as pilot:
        assert again.theme == "netui-light"


async def test_broken_user_theme_shows_a_notification(make_test_app):
    folder = user_theme_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('name = "broken"\n')
    app = make_test_app(theme="broken")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.theme == "netui-dark"
        assert any("broken.toml is broken" in n for n in notifications(app))


def test_every_package_is_listed_for_installation():
    text = (ROOT / "pyproject.toml").read_text()
    listed = ast.literal_eval(text.split("packages = ", 1)[1].split("\n", 1)[0])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "netui").rglob("__init__.py")}
    assert found | {"netui.themes"} == set(listed)


async def test_a_theme_changed_on_one_screen_shows_on_a_screen_built_before(make_test_app):
    """Switching back to a built screen skips Textual's restyle; a new theme must still show."""
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        people = app.screen
        before = people.styles.background
        await pilot.press("1")
        await settle(pilot)
        app.theme = "netui-light"
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert app.screen is people
        assert people.styles.background != before
        await pilot.press("1")
        await settle(pilot)
        assert app.screen.styles.background == people.styles.background  # both in the new theme


@pytest.mark.parametrize("theme", ["netui-high-contrast", "netui-light", "netui-16", "nord"])
async def test_starting_in_a_theme_looks_as_switching_to_it_does(make_test_app, theme):
    """A theme started with is given to the style sheet before its first parse (no second
    parse); it must look exactly as the same theme picked once the app runs."""
    looks = []
    for start, switch in ((theme, None), (None, theme)):
        app = make_test_app(theme=start) if start else make_test_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            if switch:
                app.theme = switch
                await settle(pilot)
            assert app.theme == theme and app.has_class(f"-theme-{theme}")
            assert app.has_class("-dark-mode") == app.current_theme.dark != app.has_class("-light-mode")
            screen = app.screen
            looks.append((screen.styles.background, screen.styles.color, dict(app.theme_variables),
                          [type(f).__name__ for f in app.get_line_filters()]))
    assert looks[0] == looks[1]
