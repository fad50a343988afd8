"""The one way the UI reaches the database: a store call in a Textual worker thread.

Every screen and dialog that shows or changes data mixes in ``StoreCalls``:

- ``load(fn, *args, then=...)`` runs ``fn(db, *args)`` in a worker thread, one at a time
  per name (a newer load cancels an older one still under way), and hands the result to
  ``then`` on the UI thread, through the worker's state-changed message; a result the
  app read ahead in its own worker (``netui.ui.prefetch``) goes to ``then`` at once, so
  a screen's first frame already shows it, and one still being read ahead goes to
  ``then`` as soon as it is in (or, if that read failed, the load is made as usual);
- ``await store(fn, *args)`` runs a store call (a write, or a read an action needs) and
  returns its result, or None when it failed;
- ``await ask(fn, *args)`` is the same but lets a ``StoreError`` through, for forms that
  show it beside the fields.

One policy for failures (``report_store_error``): a ``StoreError`` becomes a notice (a
damaged file also turns the session read-only); anything else is a bug and surfaces as
one, after the unsaved forms are kept (see ``netui.ui.drafts``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from netui.store.db import as_store_error
from netui.store.errors import DatabaseBusy, DatabaseDamaged, StoreError
from netui.ui.safe import notice

if TYPE_CHECKING:
    from netui.store.db import Database

T = TypeVar("T")

# A form's save waits this long for another session's write lock before giving up
# (each try waits a few seconds itself, in its thread: the screen never freezes).
BUSY_PATIENCE_SECONDS = 300.0
BUSY_RETRY_PAUSE = 0.25
WAITING_MESSAGE = (
    "Another netui session is saving. What you typed is kept and will be saved as soon as it finishes."
)


def report_store_error(node: Any, error: StoreError) -> None:
    """The one policy for a store call that failed in a way the user should hear about."""
    if isinstance(error, DatabaseDamaged):
        node.app.database_damaged(str(error))
    else:
        notice(node, str(error), severity="error", timeout=8)


def surface_bug(node: Any, error: BaseException) -> None:
    """A bug in a store call: keep what the user typed, then let it take the app down loudly."""
    from netui.ui.drafts import keep_drafts

    keep_drafts(node.app)
    raise error


class StoreCalls:
    """Mixin for a Screen (or ModalScreen) that calls the store."""

    def _store_worker(self, fn: Callable[..., T], args: tuple, kwargs: dict, name: str, exclusive: bool) -> Worker[T]:
        db: Database = self.app.db  # type: ignore[attr-defined]

        def job() -> T:
            with db.connection_context():
                return fn(db, *args, **kwargs)

        return self.run_worker(  # type: ignore[attr-defined]
            job, name=name, group=name, thread=True, exclusive=exclusive, exit_on_error=False,
            description=getattr(fn, "__qualname__", name),
        )

    def load(
        self,
        fn: Callable[..., T],
        *args: Any,
        then: Callable[[T], object],
        failed: Callable[[StoreError], object] | None = None,
        name: str = "",
        **kwargs: Any,
    ) -> Worker[T] | None:
        """Run ``fn(db, *args, **kwargs)`` in a thread and hand its result to ``then``. A newer
        load of the same ``name`` (default: the function's) cancels this one. A StoreError
        goes to ``failed`` if given, else to the one policy. The very same call read ahead
        (``netui.ui.prefetch``) is handed to ``then`` before this returns (and None is
        returned): the screen's next frame then shows it, rather than one frame later."""
        prefetched = getattr(self.app, "prefetched", None)  # type: ignore[attr-defined]
        name = name or f"load:{fn.__qualname__}"
        serials = self.__dict__.setdefault("_load_serials", {})
        serial = serials[name] = serials.get(name, 0) + 1
        if prefetched is not None and not kwargs:
            hit, result = prefetched.take((fn, args))
            if hit:
                self.workers.cancel_group(self, name)  # type: ignore[attr-defined]  # an older load is older news
                then(result)
                return None

            def read_ahead_ended(ok: bool, result: Any) -> None:
                if serials.get(name) != serial or not self.is_attached:  # type: ignore[attr-defined]
                    return  # a newer load of the same name was made meanwhile, or the screen is gone
                if ok:
                    then(result)
                else:
                    self.load(fn, *args, then=then, failed=failed, name=name)

            if prefetched.wait((fn, args), read_ahead_ended):
                self.workers.cancel_group(self, name)  # type: ignore[attr-defined]
                return None
        worker = self._store_worker(fn, args, kwargs, name, exclusive=True)
        self.__dict__.setdefault("_loads", {})[worker] = (then, failed)
        return worker

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one handler for loads: the result to its callback, a failure to the policy."""
        loads = self.__dict__.get("_loads", {})
        worker = event.worker
        if worker not in loads or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        then, failed = loads.pop(worker)
        event.stop()
        if event.state == WorkerState.SUCCESS:
            then(worker.result)
        elif event.state == WorkerState.ERROR and worker.error is not None:
            translated = as_store_error(worker.error)
            if translated is None:
                surface_bug(self, worker.error)
            elif failed is not None:
                failed(translated)
            else:
                report_store_error(self, translated)

    async def ask(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """The result of ``fn(db, *args, **kwargs)``, run in a thread; a StoreError is raised
        to the caller (SQLite's own errors translated), a bug surfaces."""
        worker = self._store_worker(fn, args, kwargs, f"call:{fn.__qualname__}", exclusive=False)
        try:
            return await worker.wait()
        except WorkerFailed as failed:
            translated = as_store_error(failed.error)
            if translated is None:
                surface_bug(self, failed.error)
            raise translated from failed.error
        except WorkerCancelled:
            raise StoreError("The change was cancelled before it finished.") from None

    async def store(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``ask``, with a failure reported by the one policy; None when it failed."""
        try:
            return await self.ask(fn, *args, **kwargs)
        except StoreError as exc:
            report_store_error(self, exc)
            return None

    async def ask_when_free(
        self, fn: Callable[..., T], *args: Any, waiting: Callable[[], None] | None = None, **kwargs: Any
    ) -> T:
        """``ask`` for a form's save: while another session holds the write lock, keep
        trying. ``waiting`` is called once, when the first try finds the database busy."""
        started: float | None = None
        while True:
            try:
                return await self.ask(fn, *args, **kwargs)
            except DatabaseBusy:
                now = time.monotonic()
                if started is None:
                    started = now
                    if waiting is not None:
                        waiting()
                elif now - started > BUSY_PATIENCE_SECONDS:
                    raise
                await asyncio.sleep(BUSY_RETRY_PAUSE)
