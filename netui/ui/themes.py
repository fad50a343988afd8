"""Themes as data: netui's own (shipped in the package) and the user's (config folder).

A theme file is TOML with the fields of ``textual.theme.Theme`` (name, primary,
background, dark, …). A broken file is reported and skipped, never fatal.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from textual.theme import Theme

DEFAULT_THEME = "netui-dark"
_FIELDS = set(Theme.__dataclass_fields__)


@dataclass
class LoadedThemes:
    themes: list[Theme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def theme_from_toml(text: str, origin: str, *, check: bool = True) -> Theme:
    """A theme from a file. ``check`` works out every colour now, so a bad one fails here
    rather than mid-session; netui's own files are checked by the tests instead."""
    data = tomllib.loads(text)
    unknown = set(data) - _FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        raise ValueError("a theme needs a name")
    if "primary" not in data:
        raise ValueError("a theme needs a primary colour")
    theme = Theme(**data)
    if check:
        theme.to_color_system().generate()
    return theme


def _shipped_dir() -> Path:
    """The folder of netui's own theme files (the netui.themes package)."""
    import netui.themes  # a plain folder in every install (not importlib.resources: it pulls in zipfile)

    return Path(netui.themes.__file__).parent


def user_theme_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path("netui", appauthor=False) / "themes"


def load_themes(extra_dir: Path | None = None) -> LoadedThemes:
    """netui's themes, then the user's (which may replace one of the same name)."""
    loaded = LoadedThemes()
    sources: list[tuple[str, str, bool]] = []  # text, where from, whether to check the colours
    shipped = _shipped_dir()
    for path in sorted(shipped.glob("*.toml")):
        if path.is_file():
            sources.append((path.read_text(encoding="utf-8"), f"built-in {path.name}", False))
    folder = extra_dir if extra_dir is not None else user_theme_dir()
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            try:
                sources.append((path.read_text(encoding="utf-8"), str(path), True))
            except (OSError, UnicodeDecodeError) as exc:
                loaded.problems.append(f"Theme file {path} could not be read ({exc}); skipped.")
    for text, origin, check in sources:
        try:
            loaded.themes.append(theme_from_toml(text, origin, check=check))
        except Exception as exc:  # noqa: BLE001 - any fault in a user's file is reported, not raised
            loaded.problems.append(f"Theme file {origin} is broken ({exc}); skipped.")
    return loaded
