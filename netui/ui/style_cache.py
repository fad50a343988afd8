"""Parsed style sheets and theme files kept from one start-up to the next.

At every start Textual parses the style sheets of the first screen from their text:
its own widgets' and netui's, about 8,000 characters, which costs 7-8 ms of netui's
start-up; and netui reads its theme from a TOML file, whose parser costs 2 ms more to
import. What comes out depends only on that text (and, for styles, where it came from
and the theme's variables), so netui keeps it in a file in the user's cache folder and
reads it back on the next start in about a millisecond, much as Python keeps compiled
modules in ``__pycache__``.

The cache is only used while the app starts (``StyleCache.install`` until
``StyleCache.finish``, called after the first paint); everything later parses as
Textual always does. Nothing in it is trusted beyond that: a file from another Textual
or Python, another theme, or with any other text simply misses and is written again,
and a file that cannot be read or written is ignored. It holds nothing of the user's
data, only styles.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from textual.css.stylesheet import Stylesheet

FORMAT = 2  # bump when what is stored changes


def default_path() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("netui", appauthor=False) / "styles.pickle"


def _textual_stamp() -> tuple[Any, ...]:
    """What the parsed rules depend on besides the text: this Python, and this very copy
    of Textual (its parser's files, by size and time, change with any upgrade)."""
    import textual.css.model as model
    import textual.css.parse as parse
    import textual.css.styles as styles

    files = []
    for module in (parse, model, styles):
        stat = os.stat(module.__file__ or "")
        files.append((module.__file__, stat.st_size, stat.st_mtime_ns))
    return (FORMAT, sys.version_info[:2], tuple(files))


class StyleCache:
    """Serve Textual's parser from ``path`` while the app starts; save what it missed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp = _textual_stamp()
        self._variables: dict[str, str] | None = None
        self._entries: dict[tuple, list] = {}
        self._used: dict[tuple, list] = {}
        self._toml: dict[str, dict[str, Any]] = {}  # theme file text: its parsed contents
        self._toml_used: dict[str, dict[str, Any]] = {}
        self._missed = False
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                info = os.fstat(handle.fileno())
                # Only a file of the user's own that nobody else may write is unpickled.
                if info.st_uid != os.getuid() or info.st_mode & 0o022:
                    return
                stamp, variables, entries, toml = pickle.load(handle)
        except Exception:  # noqa: BLE001 - missing, unreadable or damaged: parse as usual
            return
        if stamp == self._stamp and all(isinstance(part, dict) for part in (variables, entries, toml)):
            self._variables, self._entries, self._toml = variables, entries, toml

    @property
    def loaded(self) -> int:
        """How many parsed style sheets and theme files the file held."""
        return len(self._entries) + len(self._toml)

    def install(self) -> None:
        """Route Textual's style sheet parsing through this cache until ``finish``. (The hook
        stays on Textual's Stylesheet; with no cache active it calls Textual's own parser.)"""
        global _active
        if Stylesheet._parse_rules is not _parse_rules:
            Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
        _active = self

    def finish(self) -> None:
        """Stop serving (Textual parses as usual from here) and save what start-up parsed,
        if anything was missing from the file."""
        global _active
        if _active is self:
            _active = None
        if self._missed and (self._used or self._toml_used):
            self._missed = False
            self._save()

    def _parse(self, sheet: Stylesheet, key: tuple) -> list:
        if sheet._variables != self._variables:  # another theme: none of the entries apply
            self._variables, self._entries, self._used = dict(sheet._variables), {}, {}
        rules = sheet._parse_cache.get(key)
        if rules is None:
            rules = self._entries.get(key)
        if rules is None:
            rules = _original(sheet, *key)
            self._missed = True
        sheet._parse_cache[key] = rules
        self._used[key] = rules
        return rules

    def _save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            data = pickle.dumps(
                (self._stamp, self._variables, self._used, self._toml_used), protocol=pickle.HIGHEST_PROTOCOL
            )
            fd, temp = tempfile.mkstemp(prefix=".styles-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(temp, self.path)
            except BaseException:
                os.unlink(temp)
                raise
        except Exception:  # noqa: BLE001 - a read-only or full disk: the next start parses again
            pass


_active: StyleCache | None = None
_original = Stylesheet._parse_rules


def _parse_rules(sheet: Stylesheet, css: str, read_from, is_default_rules: bool = False,
                 tie_breaker: int = 0, scope: str = ""):
    key = (css, read_from, is_default_rules, tie_breaker, scope)
    if _active is None:
        return _original(sheet, *key)
    return _active._parse(sheet, key)


def load_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``: while the app starts, from the cache when it holds that very
    text (a theme file), which keeps the TOML parser off start-up."""
    cache = _active
    data = cache._toml.get(text) if cache is not None else None
    if data is None:
        import tomllib

        data = tomllib.loads(text)
        if cache is not None:
            cache._missed = True
    if cache is not None:
        cache._toml_used[text] = data
    return data
