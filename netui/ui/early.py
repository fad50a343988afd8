"""The Overview's data, loaded while Textual is still being imported.

Importing Textual is most of netui's start-up. SQLite runs its queries outside Python's
global lock, so the first screen's queries can run on another core in the meantime, and
the first paint already shows the user's numbers instead of "loading…".

This module must not import Textual: the command line calls it before the UI is imported.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from typing import TYPE_CHECKING

SWITCH_INTERVAL = 0.0002  # seconds

if TYPE_CHECKING:
    from netui.domain.models import Settings
    from netui.domain.overview import Overview

def load_overview_early(today: Callable[[], date]) -> "Future[tuple[Overview, Settings]]":
    """Start loading the settings and the Overview in a thread; the screen takes the result."""
    # Imported here, before the thread starts, so the thread goes straight to SQLite and
    # needs Python's lock as little as possible while Textual is imported.
    from netui.store.models import database
    from netui.store.overview import overview
    from netui.store.settings import load_settings

    future: Future = Future()

    def load() -> None:
        try:
            settings = load_settings()
            future.set_result((overview(today(), settings), settings))
        except BaseException as exc:  # the screen loads again and reports it the usual way
            future.set_exception(exc)
        finally:
            database.close()  # this thread's connection; the app's workers open their own

    # SQLite lets go of Python's lock while it works, but needs it back after every row and
    # statement, and the import running meanwhile keeps it for up to the switch interval
    # (5 ms) each time. A shorter interval until the load is done lets both get on.
    usual = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    future.add_done_callback(lambda _: sys.setswitchinterval(usual))
    threading.Thread(target=load, name="netui-early-overview", daemon=True).start()
    return future

