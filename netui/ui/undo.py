"""One undo stack for the whole app: every screen pushes to it and `u` pops from it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerCancelled, WorkerFailed

from netui.store.errors import StoreError
from netui.ui.safe import notice
from netui.ui.store_calls import report_store_error

if TYPE_CHECKING:
    from netui.ui.screens.base import NetuiScreen


@dataclass(frozen=True)
class UndoEntry:
    label: str  # what undoing does, as the notice says it ("restored Ada Lovelace")
    undo: Callable[..., Any]  # a store call, ``undo(db)``, run in a worker thread
    person_id: int | None = None  # whom undoing changes, so a screen can refresh just them
    key: int | None = None  # the row undoing brings back, for the cursor to follow
    where: str = ""  # the list ``key`` is a row of ("journal", "agenda"): only that list follows it


class UndoStack:
    def __init__(self) -> None:
        self._entries: list[UndoEntry] = []
        self._busy = asyncio.Lock()  # one undo at a time
        self._writes = asyncio.Lock()  # changes that push an entry are stored one at a time, in order
        self._storing: set[Worker] = set()

    def __len__(self) -> int:
        return len(self._entries)

    def push(self, entry: UndoEntry) -> None:
        self._entries.append(entry)

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[None]:
        """Store a change that will push an entry after the ones before it (quick keys are
        stored in the order they were typed). Never taken by an undo: an undo waits for the
        workers themselves (``storing``)."""
        async with self._writes:
            yield

    def storing(self, worker: Worker) -> None:
        """A worker is storing a change that will push an entry: an undo waits for it, so `u`
        typed right after a key undoes that change, not the one before it. Called as the
        worker is started, in the key's own handler: an undo handled before the worker has
        even begun still waits."""
        self._storing = {w for w in self._storing if not w.is_finished}
        self._storing.add(worker)

    async def _stored(self) -> None:
        while self._storing:
            worker = self._storing.pop()
            try:
                await worker.wait()
            except (WorkerCancelled, WorkerFailed):
                pass  # nothing pushed; a failure was reported (or surfaces) where it happened

    async def undo_last(self, screen: NetuiScreen) -> UndoEntry | None:
        """Undo the newest change from ``screen``; the entry undone, or None."""
        async with self._busy:
            await self._stored()
            if not self._entries:
                notice(screen, "Nothing to undo.")
                return None
            entry = self._entries.pop()
            try:
                await screen.ask(entry.undo)
            except StoreError as exc:
                report_store_error(screen, exc)
                return None
            finally:
                screen.undone(entry)  # whether it worked or not, the screens catch up
            notice(screen, f"Undone: {entry.label}.")
            return entry
