"""The settings and the Overview's data, loaded while Textual is still being imported.

Importing Textual is most of netui's start-up. SQLite runs its queries outside Python's
global lock, so the first screen's queries can run on another core in the meantime, and
the first paint already shows the user's numbers instead of "loading…". The thread reads
on a plain sqlite3 connection (``netui.store.plain``): the ORM is imported after the first
paint, not before it.

This module must not import Textual: the command line calls it before the UI is imported.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

SWITCH_INTERVAL = 0.0002  # seconds

if TYPE_CHECKING:
    from netui.domain.settings import Settings
    from netui.domain.overview import Overview


class EarlyLoad(NamedTuple):
    settings: "Future[Settings]"  # first: the app picks its theme from them
    overview: "Future[tuple[Overview, Settings]]"


def load_overview_early(path: Path, today: Callable[[], date]) -> EarlyLoad:
    """Start reading the settings and the Overview of the (checked) file at ``path`` in a thread."""
    # Imported here, before the thread starts, so the thread goes straight to SQLite and
    # needs Python's lock as little as possible while Textual is imported.
    from netui.store.overview import overview
    from netui.store.plain import load_settings, plain_connection

    early = EarlyLoad(Future(), Future())

    def load() -> None:
        try:
            with plain_connection(path):
                settings = load_settings()
                early.settings.set_result(settings)
                early.overview.set_result((overview(today(), settings), settings))
        except BaseException as exc:  # the screen loads again and reports it the usual way
            for future in early:
                if not future.done():
                    future.set_exception(exc)

    # SQLite lets go of Python's lock while it works, but needs it back after every row and
    # statement, and the import running meanwhile keeps it for up to the switch interval
    # (5 ms) each time. A shorter interval until the load is done lets both get on.
    usual = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    early.overview.add_done_callback(lambda _: sys.setswitchinterval(usual))
    threading.Thread(target=load, name="netui-early-overview", daemon=True).start()
    return early
