"""The one change netui makes to the Python process it runs in, owned by the app.

Start-up makes a few hundred thousand objects (Textual's modules, the style sheet, the
first screen's widgets) and next to no garbage, yet Python's cycle collector walks them
over and over as they are made. So the collector is paused from just before Textual is
imported until the first screen shows its data. Then everything alive is frozen (moved
where later collections never look: it lives as long as the app does) and the collector is
switched back on with Python's own thresholds, so collections during the session walk only
what was made since. Each screen's first visit builds a few thousand more objects that
live as long as the app (its widgets, their styles, its first data): once it is drawn,
they are frozen too (``settled``). Otherwise every full collection, which comes every so
often, walks all of them again, in the middle of whatever key it lands on. What this buys
is measured in docs/performance.md.

This module must not import Textual: the command line uses it before Textual is loaded.
"""

from __future__ import annotations

import gc


class ProcessTuning:
    """Pause the cycle collector for start-up (``pause``), resume it once the first screen
    is up (``started``). Both are safe to call more than once, and ``started`` is a no-op
    when nothing was paused (the tests, or a collector someone else switched off).

    As a context manager it pauses on entry and makes sure of the resume on exit, for an
    app that ends (or fails) before its first screen is up."""

    def __init__(self) -> None:
        self._paused = False
        self._resumed = False

    def __enter__(self) -> ProcessTuning:
        self.pause()
        return self

    def __exit__(self, *exc: object) -> None:
        self.started()

    def pause(self) -> None:
        if gc.isenabled():
            gc.disable()
            self._paused = True

    def started(self) -> None:
        if self._paused:
            self._paused = False
            self._resumed = True
            gc.freeze()
            gc.enable()

    def settled(self) -> None:
        """A screen seen for the first time is drawn: freeze what is alive now, so that
        later collections leave it alone. Only once the collector was paused for start-up
        and resumed (``started``); a no-op otherwise."""
        if self._resumed and gc.isenabled():
            gc.freeze()

    @property
    def paused(self) -> bool:
        return self._paused
