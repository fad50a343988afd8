"""When Python's cycle collector runs, so that it never runs in the middle of a keypress.

A full collection walks every object the app holds: with 10,000 people on screen that is
75-150 ms, and left to itself Python starts one every so often while a key is handled
(measured: 20 of them in one benchmark session, each one a visible stall). So:

- during start-up the collector is paused (start-up makes hundreds of thousands of
  objects and no garbage worth the walk), then everything alive is frozen: moved where
  collections never look again;
- every couple of seconds (``settle``) the young objects are collected, a cheap walk, and
  the survivors frozen, so the full collections Python starts by itself during typing
  only ever walk the few objects made since;
- while the user pauses (no key for a second and a half, and not more often than every
  half minute), a full collection runs over everything, frozen or not, and what
  survives is frozen again.

Unfreezing before each idle collection means nothing frozen is ever leaked: garbage in a
frozen object (a dialog closed since, say) is found at the next pause.

This module must not import Textual (the command line uses it before Textual is loaded).
"""

from __future__ import annotations

import gc
import time

IDLE_SECONDS = 1.5  # no key for this long: the user is reading, not typing
TIDY_SPACING = 30.0  # at most one full walk per this many seconds (each is 50-300 ms)

_paused = False
_activity = False
_last_activity = 0.0
_last_tidy = float("-inf")
_started = time.monotonic()


def pause_for_start_up() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_after_first_paint() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def activity() -> None:
    """A key, a click, new data: something made objects since the last tidy."""
    global _activity, _last_activity
    _activity = True
    _last_activity = time.monotonic()


def seconds_since_activity(now: float | None = None) -> float:
    """How long since the last key or click (from start-up if none yet)."""
    now = time.monotonic() if now is None else now
    return now - _last_activity if _last_activity else now - _started


def tidy_if_idle(now: float | None = None) -> bool:
    """Collect everything and freeze what survives, once the user has paused after doing
    something. Returns whether it ran."""
    global _activity, _last_tidy
    now = time.monotonic() if now is None else now
    if not _activity or now - _last_activity < IDLE_SECONDS or now - _last_tidy < TIDY_SPACING:
        return False
    if not gc.isenabled():
        return False
    _activity = False
    _last_tidy = now
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return True


def settle() -> None:
    """Collect the young generations (a few milliseconds) and freeze what survives."""
    if gc.isenabled():
        gc.collect(1)
        gc.freeze()
