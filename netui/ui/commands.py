"""Command palette: jump to anyone by a fuzzy name or by the people query language
(`ring:strategic net:mentor`, see netui.domain.query), or run a screen's action."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from netui.ui.safe import highlight, markup_literal, plain

MAX_HITS = 30


class PeopleProvider(Provider):
    """`Go to person`: every live person, matched fuzzily by name and company."""

    async def startup(self) -> None:
        from netui.store.people import name_index
        from netui.ui.store_calls import StoreCalls

        self.index = []
        caller = self.screen if isinstance(self.screen, StoreCalls) else self.app
        found = await caller.store(name_index)
        if found is not None:
            self.index = found

    def _open(self, person_id: int) -> None:
        from netui.ui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(person_id))

    async def _search_store(self, wanted) -> Hits:
        rows = await _store_hits(self, wanted)
        for rank, row in enumerate(rows):
            yield Hit(
                1.0 - rank / (MAX_HITS * 2),
                plain(f"Go to {row.name}"),
                partial(self._open, row.id),
                text=row.name,
                help=markup_literal(" · ".join(filter(None, (row.company, row.ring.value)))),
            )

    async def discover(self) -> Hits:
        for person_id, name, company in self.index[:10]:
            yield DiscoveryHit(
                plain(f"Go to {name}"), partial(self._open, person_id), text=f"Go to {name}", help=markup_literal(company)
            )

    async def search(self, query: str) -> Hits:
        from netui.domain.query import parse_query

        wanted = parse_query(query)
        if _has_conditions(wanted):
            async for hit in self._search_store(wanted):
                yield hit
            return
        matcher = self.matcher(query)
        needle = query.casefold().replace(" ", "")
        scored = []
        for person_id, name, company in self.index:
            folded = name.casefold()
            # A cheap in-order check first: the fuzzy matcher is too slow to run on every name.
            pos = 0
            for ch in needle:
                pos = folded.find(ch, pos) + 1
                if not pos:
                    break
            else:
                score = matcher.match(name)
                if score > 0:
                    scored.append((score, person_id, name, company))
        scored.sort(key=lambda s: -s[0])
        for score, person_id, name, company in scored[:MAX_HITS]:
            yield Hit(
                score,
                highlight(matcher, name),
                partial(self._open, person_id),
                text=name,
                help=markup_literal(company) if company else None,
            )


def _has_conditions(wanted) -> bool:
    """A query with anything beyond plain words (`ring:`, `-word`, `due`...) goes to the store."""
    from dataclasses import replace

    return replace(wanted, words=()).active


async def _store_hits(provider: PeopleProvider, wanted) -> list:
    from netui.store import people_query
    from netui.ui.store_calls import StoreCalls

    caller = provider.screen if isinstance(provider.screen, StoreCalls) else provider.app
    spec = people_query.PeopleList(filter=wanted)
    found = await caller.store(people_query.page, spec, provider.app.today(), 0, MAX_HITS)
    return found or []
