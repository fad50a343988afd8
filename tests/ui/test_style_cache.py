"""Parsed style sheets kept between starts (netui.ui.style_cache): read back on the next
start, they paint exactly what parsing paints, and a bad or foreign file changes nothing."""

from __future__ import annotations

import pickle
import tomllib
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.ui import style_cache, themes
from netui.ui.style_cache import StyleCache
from tests.helpers import add, settle


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Every style sheet Textual's own parser reads."""
    seen: list[str] = []
    original = style_cache._original

    def counting(sheet, css, *args, **kwargs):
        seen.append(css)
        return original(sheet, css, *args, **kwargs)

    monkeypatch.setattr(style_cache, "_original", counting)
    # Through the cache's hook even when no cache is in use, so every parse is seen.
    monkeypatch.setattr(Stylesheet, "_parse_rules", style_cache._parse_rules)
    return seen


async def painted(make_test_app, cache: StyleCache | None) -> list:
    """The Overview's first screenful, every cell with its colours and styles."""
    app = make_test_app(style_cache=cache)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert style_cache._active is None  # served only until the first paint
        return [list(strip) for strip in app.screen._compositor.render_strips()]


async def test_a_warm_start_paints_the_same_without_parsing(make_test_app, tmp_path, parses, monkeypatch):
    add("Ada Lovelace", Ring.BUDDY, networks=(Network.PEER,))
    path = tmp_path / "cache" / "styles.pickle"
    plain = await painted(make_test_app, None)
    texts = set(parses)

    parses.clear()
    cold = await painted(make_test_app, StyleCache(path))
    assert path.exists() and set(parses) == texts
    saved = path.stat().st_mtime_ns

    parses.clear()
    warm_cache = StyleCache(path)
    assert warm_cache.loaded > 0
    toml_read: list[str] = []
    real_loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: toml_read.append(text) or real_loads(text))
    warm = await painted(make_test_app, warm_cache)
    theme_file = (themes._shipped_dir() / "netui-dark.toml").read_text(encoding="utf-8")
    assert theme_file in pickle.loads(path.read_bytes())[3]
    assert toml_read.count(theme_file) == 1  # not at start-up: once after, with all the others
    assert cold == plain and warm == plain
    # Nothing the file held was parsed again (what start-up did not need, the app parses
    # later as always), and the file, which had everything, was not written again.
    served = {css for (css, *_rest) in pickle.loads(path.read_bytes())[2]}
    assert served and not served & set(parses)
    assert path.stat().st_mtime_ns == saved


async def test_another_theme_misses_and_is_saved_in_its_place(make_test_app, tmp_path):
    path = tmp_path / "styles.pickle"
    await painted(make_test_app, StyleCache(path))
    first = path.read_bytes()
    app = make_test_app(style_cache=StyleCache(path), theme="netui-light")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "netui-light"
    assert path.read_bytes() != first
    assert pickle.loads(path.read_bytes())[1]["background"] == app.get_css_variables()["background"]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda path: path.write_bytes(b"not a pickle"),
        lambda path: path.write_bytes(pickle.dumps((("another textual",), *pickle.loads(path.read_bytes())[1:]))),
        lambda path: path.write_bytes(pickle.dumps([1, 2, 3])),
        lambda path: path.chmod(0o666),  # anyone may write it: not read at all
    ],
    ids=["garbage", "other-textual", "wrong-shape", "world-writable"],
)
async def test_a_bad_or_foreign_file_is_ignored_and_replaced(make_test_app, tmp_path, spoil):
    path = tmp_path / "styles.pickle"
    plain = await painted(make_test_app, None)
    await painted(make_test_app, StyleCache(path))
    spoil(path)
    cache = StyleCache(path)
    assert cache.loaded == 0
    assert await painted(make_test_app, cache) == plain
    assert StyleCache(path).loaded > 0  # written again, good this time


async def test_a_cache_folder_that_cannot_be_made_changes_nothing(make_test_app, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")  # even root cannot make it
    plain = await painted(make_test_app, None)
    assert await painted(make_test_app, StyleCache(blocker / "netui" / "styles.pickle")) == plain
    assert blocker.read_text() == "a file where the folder should be"


async def test_textual_parses_as_usual_once_the_app_is_up(make_test_app, tmp_path, parses):
    await painted(make_test_app, StyleCache(tmp_path / "styles.pickle"))
    before = len(parses)
    sheet = Stylesheet()
    sheet.add_source("Label { color: red; }")
    assert sheet.rules and len(parses) == before + 1


def test_the_default_file_is_in_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert style_cache.default_path() == Path(tmp_path) / "netui" / "styles.pickle"
