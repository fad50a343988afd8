"""Reads done ahead for the screens not shown yet.

As the app starts, it reads in a worker thread what the Overview opens with, while
Textual builds the screen; once the Overview shows its data, what each other screen's
first load would read (``NetuiScreen.first_load``). A screen's ``load`` of the very same
call then takes that result instead of reading again, once; a load made while that read is
still under way waits for it (``wait``) rather than reading the same thing a second time.
Every change to the data, this session's or another's (the app's ``data_changed``
signal), throws all of it away, and a read that was under way at the change is not kept
(whoever waited for it reads again): a result taken is never older than what the screen
would have shown after that signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Call = tuple[Callable[..., Any], tuple[Any, ...]]
# Told how a read waited for ended: (True, result), or (False, None) to read again.
Waiter = Callable[[bool, Any], object]


class Prefetched:
    """Results of store calls read ahead, each good for one load of an equal call."""

    def __init__(self) -> None:
        self._results: list[tuple[Call, Any]] = []
        self._under_way: list[tuple[Call, list[Waiter]]] = []
        self.generation = 0  # moves on at every change of the data

    def clear(self) -> None:
        self._results.clear()
        self.generation += 1
        under_way, self._under_way = self._under_way, []
        for _call, waiters in under_way:
            for waiter in waiters:
                waiter(False, None)  # its answer would predate the change: read again

    def begin(self, call: Call) -> int:
        """Note that ``call`` is being read ahead from now; the generation to ``put`` it with."""
        self._under_way.append((call, []))
        return self.generation

    def put(self, generation: int, call: Call, result: Any) -> None:
        """Keep ``result`` unless the data changed since its read began (``generation``); a
        load waiting for it gets it at once (the first one; any other reads again)."""
        if generation != self.generation:
            return  # the data changed meanwhile (``clear`` told any waiter)
        waiters = self._end(call)
        if waiters:
            waiters[0](True, result)
            for waiter in waiters[1:]:
                waiter(False, None)
        else:
            self._results.append((call, result))

    def failed(self, generation: int, call: Call) -> None:
        """The read ahead of ``call`` failed: whoever waits for it reads for itself (and
        hears why, if it fails again)."""
        if generation == self.generation:
            for waiter in self._end(call):
                waiter(False, None)

    def take(self, call: Call) -> tuple[bool, Any]:
        """(True, result) for a call read ahead (which is then gone), else (False, None)."""
        for index, (kept, result) in enumerate(self._results):
            if _same(kept, call):
                del self._results[index]
                return True, result
        return False, None

    def wait(self, call: Call, waiter: Waiter) -> bool:
        """If ``call`` is being read ahead, have ``waiter`` told how it ends and say True."""
        for kept, waiters in self._under_way:
            if _same(kept, call):
                waiters.append(waiter)
                return True
        return False

    def _end(self, call: Call) -> list[Waiter]:
        for index, (kept, waiters) in enumerate(self._under_way):
            if _same(kept, call):
                del self._under_way[index]
                return waiters
        return []

    def __len__(self) -> int:
        return len(self._results)


def _same(a: Call, b: Call) -> bool:
    return a[0] is b[0] and a[1] == b[1]
