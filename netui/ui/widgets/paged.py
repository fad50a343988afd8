"""A long list read a page at a time, when a page is first drawn.

A list screen hands RowTable (or a CardList) a ``Paged``: it knows how many items there
are, holds the pages it has been given, and asks for a missing page the first time one
of its rows is drawn, showing a placeholder meanwhile. 200,000 journal entries or 50,000
people cost what one screenful does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from netui.ui.widgets.row_table import LazyRows

T = TypeVar("T")
PAGE = 100


class Paged(LazyRows, Generic[T]):
    """``total`` items, of which the pages ``put`` so far are known.

    ``make(item)`` turns an item into what the list draws (a Row, a Card); ``key_of(item)``
    is its key; ``fetch(self, page)`` is asked, once per page, to ``put`` it later;
    ``placeholder(index)`` stands in meanwhile and must have a negative key."""

    def __init__(
        self,
        total: int,
        *,
        make: Callable[[T], Any],
        key_of: Callable[[T], int],
        fetch: Callable[[Paged[T], int], None],
        placeholder: Callable[[int], Any],
        page_size: int = PAGE,
    ) -> None:
        self.total = total
        self.page_size = page_size
        self._make = make
        self._key_of = key_of
        self._fetch = fetch
        self._placeholder = placeholder
        self.pages: dict[int, list[T]] = {}
        self.pending: set[int] = set()
        self._made: dict[int, Any] = {}
        self._positions: dict[int, int] = {}  # key -> index, for the pages held

    def __len__(self) -> int:
        return self.total

    def put(self, page: int, items: list[T]) -> None:
        self.pending.discard(page)
        self.pages[page] = items
        for offset, item in enumerate(items):
            index = page * self.page_size + offset
            self._made.pop(index, None)
            self._positions[self._key_of(item)] = index

    def failed(self, page: int) -> None:
        """The page could not be read: ask again the next time it is drawn."""
        self.pending.discard(page)

    def item_at(self, index: int) -> T | None:
        page, offset = divmod(index, self.page_size)
        items = self.pages.get(page)
        return items[offset] if items is not None and offset < len(items) else None

    def item(self, key: int) -> T | None:
        index = self._positions.get(key)
        return None if index is None else self.item_at(index)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.total))]
        if index < 0:
            index += self.total
        if not 0 <= index < self.total:
            raise IndexError(index)
        made = self._made.get(index)
        if made is not None:
            return made
        item = self.item_at(index)
        if item is None:
            page = index // self.page_size
            if page not in self.pending:
                self.pending.add(page)
                self._fetch(self, page)
            return self._placeholder(index)
        made = self._made[index] = self._make(item)
        return made

    def index_of(self, key: int) -> int | None:
        return self._positions.get(key)

    def key_at(self, index: int) -> int:
        """The item's key, or the placeholder's (negative) while its page is on its way."""
        item = self.item_at(index)
        return self._key_of(item) if item is not None else self[index].key

    def last_before(self, page: int) -> T | None:
        """The last item of the page before ``page``, when that page is held and full (for
        keyset queries: the next page starts after it)."""
        before = self.pages.get(page - 1)
        if before and len(before) == self.page_size:
            return before[-1]
        return None

    def replace(self, key: int, item: T) -> bool:
        """Show ``item`` in place of the held item with the same key (say, after a ring move)."""
        index = self._positions.get(key)
        if index is None:
            return False
        page, offset = divmod(index, self.page_size)
        self.pages[page][offset] = item
        self._made.pop(index, None)
        return True
