"""Reads done ahead for the screens not shown yet.

Once the first screen shows its data, the app reads in a worker thread what each other
screen's first load would read (``NetuiScreen.first_load``). A screen's ``load`` of the
very same call then takes that result instead of reading again, once. Every change to the
data, this session's or another's (the app's ``data_changed`` signal), throws all of it
away, and a read that was under way at the change is not kept: a result taken is never
older than what the screen would have shown after that signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Call = tuple[Callable[..., Any], tuple[Any, ...]]


class Prefetched:
    """Results of store calls read ahead, each good for one load of an equal call."""

    def __init__(self) -> None:
        self._results: list[tuple[Call, Any]] = []
        self.generation = 0  # moves on at every change of the data

    def clear(self) -> None:
        self._results.clear()
        self.generation += 1

    def put(self, generation: int, call: Call, result: Any) -> None:
        """Keep ``result`` unless the data changed since its read began (``generation``)."""
        if generation == self.generation:
            self._results.append((call, result))

    def take(self, call: Call) -> tuple[bool, Any]:
        """(True, result) for a call read ahead (which is then gone), else (False, None)."""
        fn, args = call
        for index, ((kept_fn, kept_args), result) in enumerate(self._results):
            if kept_fn is fn and kept_args == args:
                del self._results[index]
                return True, result
        return False, None

    def __len__(self) -> int:
        return len(self._results)
