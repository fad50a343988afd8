"""The monthly review: five questions a contact list alone does not answer.

1. *Routine*: one person to reach in each network this month, and whether you kept
   the habit (a streak of months in which every network got a real contact).
2. *Social capital*: the kinds of help a network can give, and who can give each.
3. *Give and take*: help received against help given, who is owed thanks, and
   whether what mentors gave you is passed on to mentees.
4. *Readiness*: how warm your network outside your employer is, and your ways
   into the companies you might want to work for next.
5. *Exposure*: talks, posts, articles and panels, and the people they brought in.

Everything here is pure: the store (``netui.store.review``) hands in a few rows
per part, already cut down by SQL, and these functions decide and explain.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from netui.domain.cadence import urgency
from netui.domain.intro_paths import IntroPath, same_company
from netui.domain.networks import NETWORK_ORDER, Network
from netui.domain.rings import Ring, ring_outward

MONTHS_SHOWN = 12
QUIET_DAYS = 180  # someone not heard from for this long counts as cold for the review


# ---------------------------------------------------------------- months


def month_key(day: date) -> str:
    """``2026-03`` for any day in March 2026."""
    return f"{day.year:04d}-{day.month:02d}"


def month_back(day: date, n: int) -> date:
    """The first day of the month ``n`` months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def last_months(today: date, n: int = MONTHS_SHOWN) -> list[str]:
    """The keys of the last ``n`` months, oldest first, this month last."""
    return [month_key(month_back(today, i)) for i in range(n - 1, -1, -1)]


def _days(since: date | None, today: date) -> int | None:
    return None if since is None else (today - since).days


# ================================================================ 1. routine


class PickState:
    SUGGESTED = "suggested"
    DONE = "done"
    SNOOZED = "snoozed"
    SWAPPED = "swapped"  # passed over with "swap": not offered again this month

    ALL = ("suggested", "done", "snoozed", "swapped")


@dataclass(frozen=True)
class Candidate:
    """A member of a network as the routine sees them."""

    person_id: int
    name: str
    ring: Ring
    last_contact: date | None = None
    due_on: date | None = None  # the first due day; None: never due (cold, distant, no interval)
    snoozed_until: date | None = None
    distant: bool = False  # a mentor known only through books, talks or posts

    def overdue(self, today: date) -> int | None:
        """Days overdue (1 on the first due day), None when not due or snoozed."""
        if self.due_on is None or (self.snoozed_until is not None and self.snoozed_until > today):
            return None
        if self.last_contact is None:
            return max((today - self.due_on).days, 0) + 1
        over = (today - self.due_on).days + 1
        return over if over >= 1 else None


@dataclass(frozen=True)
class Pick:
    """What was stored for a month and a network: who, and what became of it."""

    month: str
    network: Network
    person_id: int
    state: str


@dataclass(frozen=True)
class Suggestion:
    network: Network
    person_id: int | None
    name: str = ""
    ring: Ring | None = None
    reason: str = ""  # why this person, in a few words
    state: str = PickState.SUGGESTED  # suggested, done or snoozed
    pinned: bool = False  # stored for this month (so it stays put while you act on it)
    last_contact: date | None = None

    @property
    def done(self) -> bool:
        return self.state == PickState.DONE


@dataclass(frozen=True)
class StripMonth:
    month: str
    networks: int  # networks with members that month
    reached: int  # of which got at least one real contact

    @property
    def mark(self) -> str:
        """A character for the strip: ● every network, ◐ some, ○ none, · nothing to reach."""
        if not self.networks:
            return "·"
        if self.reached >= self.networks:
            return "●"
        return "◐" if self.reached else "○"


@dataclass(frozen=True)
class Routine:
    month: str
    suggestions: tuple[Suggestion, ...]
    streak: int
    strip: tuple[StripMonth, ...]

    @property
    def done(self) -> int:
        return sum(1 for s in self.suggestions if s.done)


def pick_for_network(
    network: Network,
    members: Sequence[Candidate],
    ring_counts: dict[Ring, int],
    today: date,
    exclude: Iterable[int] = (),
) -> Suggestion:
    """The one person to reach in ``network`` this month, and why.

    Never a distant mentor, a snoozed person or anyone in ``exclude`` (last month's
    picks, people passed over this month, people picked for another network). In order:

    1. the most pressing overdue member (days overdue weighted by closeness);
    2. else, for the innermost ring that holds nobody in this network, the member of the
       ring just outside it you spoke to most recently: the likeliest to move in;
    3. else whoever falls due next;
    4. else whoever you spoke to most recently (or anyone, by name).
    """
    skip = set(exclude)
    pool = [
        c for c in members
        if not c.distant and c.person_id not in skip
        and not (c.snoozed_until is not None and c.snoozed_until > today)
    ]
    if not pool:
        if not members:
            why = "nobody in this network yet"
        elif all(c.distant for c in members):
            why = "only distant mentors here: nobody to contact"
        else:
            why = "nobody left to suggest this month"
        return Suggestion(network, None, reason=why)

    def make(c: Candidate, reason: str) -> Suggestion:
        return Suggestion(network, c.person_id, c.name, c.ring, reason, last_contact=c.last_contact)

    overdue = [(c, c.overdue(today)) for c in pool]
    late = [(c, o) for c, o in overdue if o is not None]
    if late:
        c, o = min(late, key=lambda x: (-urgency(x[1], x[0].ring), -x[1], -x[0].ring.index, x[0].name.casefold()))
        never = c.last_contact is None
        return make(c, "never contacted" if never else f"{o} day{'s' if o != 1 else ''} overdue")

    for ring in (Ring.BUDDY, Ring.STRATEGIC, Ring.LUKEWARM):
        if ring_counts.get(ring, 0):
            continue
        outer = ring_outward(ring)
        near = [c for c in pool if c.ring == outer]
        if near:
            c = min(near, key=_recent_first)
            return make(c, f"no {ring.value} here yet: the closest to moving in")

    upcoming = [c for c in pool if c.due_on is not None]
    if upcoming:
        c = min(upcoming, key=lambda c: (c.due_on, -c.ring.index, c.name.casefold()))
        left = (c.due_on - today).days
        return make(c, "due today" if left <= 0 else f"due in {left} day{'s' if left != 1 else ''}")

    c = min(pool, key=lambda c: (-c.ring.index, *_recent_first(c)))
    return make(c, "keeps the network warm")


def why(c: Candidate, today: date) -> str:
    """Where a person stands, in a few words: overdue, due soon, or how long since contact."""
    o = c.overdue(today)
    if o is not None:
        return "never contacted" if c.last_contact is None else f"{o} day{'s' if o != 1 else ''} overdue"
    if c.due_on is not None and c.last_contact is not None:
        left = (c.due_on - today).days
        return "due today" if left <= 0 else f"due in {left} day{'s' if left != 1 else ''}"
    if c.last_contact is None:
        return "never contacted"
    return f"last contact {(today - c.last_contact).days} days ago"


def _recent_first(c: Candidate) -> tuple:
    return (-(c.last_contact.toordinal()) if c.last_contact else 1, c.name.casefold(), c.person_id)


def plan_routine(
    today: date,
    members: dict[Network, Sequence[Candidate]],
    ring_counts: dict[Network, dict[Ring, int]],
    picks: Sequence[Pick],
    reached: dict[str, set[Network]],
    populated: dict[str, set[Network]] | None = None,
    pinned: dict[int, Candidate] | None = None,
) -> Routine:
    """This month's routine.

    ``members``: each network's candidates (the store sends the few that can win);
    ``picks``: what was stored for this month and the last; ``reached``: for each month,
    the networks that got at least one real contact; ``populated``: the networks that had
    members that month (default: those with members now); ``names``: name, ring and last
    contact of people in this month's stored picks that ``members`` may lack.

    A pick stored for this month stays (done when you were in touch this month, or marked
    done); networks without one get a fresh suggestion. Nobody picked last month for a
    network is picked again for it, nor the same person for two networks.
    """
    month = month_key(today)
    previous = month_key(month_back(today, 1))
    first_day = month_back(today, 0)
    known = dict(pinned or {})
    last_month = {(p.network, p.person_id) for p in picks if p.month == previous and p.state != PickState.SWAPPED}
    last_month_people = {pid for _, pid in last_month}
    this_month = [p for p in picks if p.month == month]
    swapped = {(p.network, p.person_id) for p in this_month if p.state == PickState.SWAPPED}
    current = {p.network: p for p in this_month if p.state != PickState.SWAPPED}
    taken = {p.person_id for p in current.values()}

    out = []
    for network in NETWORK_ORDER:
        pick = current.get(network)
        cands = members.get(network, ())
        if pick is not None and pick.person_id in known:
            c = known[pick.person_id]
            state = pick.state
            in_touch = c.last_contact is not None and c.last_contact >= first_day
            if state != PickState.DONE and in_touch:
                state = PickState.DONE
            if state == PickState.DONE:
                reason = "in touch this month" if in_touch else "marked done"
            elif state == PickState.SNOOZED:
                reason = "snoozed for this month"
            else:
                reason = why(c, today)
            out.append(Suggestion(network, c.person_id, c.name, c.ring, reason, state, True, c.last_contact))
            continue
        exclude = taken | last_month_people | {pid for n, pid in swapped if n == network}
        s = pick_for_network(network, cands, ring_counts.get(network, {}), today, exclude)
        if s.person_id is not None:
            taken.add(s.person_id)
        out.append(s)

    now = {n for n in NETWORK_ORDER if sum(ring_counts.get(n, {}).values()) or members.get(n)}
    strip = []
    for key in last_months(today):
        nets = (populated or {}).get(key, now)
        got = reached.get(key, set()) & nets
        strip.append(StripMonth(key, len(nets), len(got)))
    return Routine(month, tuple(out), streak_of(strip), tuple(strip))


def streak_of(strip: Sequence[StripMonth]) -> int:
    """Months in a row, ending with the latest, in which every network was reached.

    The month under way counts once complete; until then the streak runs to last month.
    Months with no network at all neither break nor extend it.
    """
    months = list(strip)
    if months and not _complete(months[-1]):
        months = months[:-1]
    n = 0
    for m in reversed(months):
        if not m.networks:
            continue
        if not _complete(m):
            break
        n += 1
    return n


def _complete(m: StripMonth) -> bool:
    return bool(m.networks) and m.reached >= m.networks


# ================================================================ 2. social capital


@dataclass(frozen=True)
class CapitalKind:
    key: str
    label: str  # what the help is, in a few words
    tags: tuple[str, ...]  # "can help with" tags that count (the first is the one to suggest)
    side: str | None = None  # "inside" / "outside": only people at / away from your employer
    mentors: bool = False  # every mentor who is not distant counts, tagged or not
    any_tag: bool = False  # anyone with a "can help with" tag counts (with ``side``)


CAPITAL_KINDS: tuple[CapitalKind, ...] = (
    CapitalKind("advice", "expert advice, a call away", ("advice", "technical help", "expertise")),
    CapitalKind("leads", "leads and recommendations", ("leads", "references", "recommendations", "introductions")),
    CapitalKind("inside", "a shortcut inside your organisation", ("inside shortcut",), side="inside", any_tag=True),
    CapitalKind("backing", "backing from someone with influence", ("backing", "sponsor", "influence")),
    CapitalKind("warning", "early warning", ("early warning",)),
    CapitalKind("mentor", "a mentor outside your employer", ("mentoring",), side="outside", mentors=True),
    CapitalKind("interviews", "friends elsewhere who open interviews", ("interviews", "hiring"), side="outside"),
)

# The tags the person form suggests for "can help with": one per kind of help.
CAPITAL_TAGS: tuple[str, ...] = tuple(k.tags[0] for k in CAPITAL_KINDS)


@dataclass(frozen=True)
class Giver:
    """Someone who may give one or more kinds of help."""

    person_id: int
    name: str
    ring: Ring
    last_contact: date | None = None
    company: str = ""
    tags: frozenset[str] = frozenset()
    mentor: bool = False  # in the mentor network and not distant


@dataclass(frozen=True)
class CapitalCell:
    kind: CapitalKind
    givers: tuple[Giver, ...]  # best first: inner ring, then most recent contact
    count: int
    warm: int  # givers on strategic or buddy rings, in touch within QUIET_DAYS
    next_step: str = ""

    @property
    def gap(self) -> bool:
        return self.warm == 0


@dataclass(frozen=True)
class Capital:
    cells: tuple[CapitalCell, ...]

    @property
    def gaps(self) -> tuple[CapitalCell, ...]:
        return tuple(c for c in self.cells if c.gap)


def is_warm(g: Giver, today: date) -> bool:
    quiet = _days(g.last_contact, today)
    return g.ring.index >= Ring.STRATEGIC.index and quiet is not None and quiet <= QUIET_DAYS


def _gives(kind: CapitalKind, g: Giver, my_company: str) -> bool:
    tagged = bool(g.tags) if kind.any_tag else bool(g.tags & set(kind.tags))
    if not (kind.mentors and g.mentor) and not tagged:
        return False
    if kind.side is None:
        return True
    inside = same_company(g.company, my_company)
    return inside if kind.side == "inside" else not inside


def giver_order(g: Giver) -> tuple:
    """Closest ring first, then the most recent contact (never contacted last), then the
    one added first."""
    recency = -g.last_contact.toordinal() if g.last_contact else 1
    return (-g.ring.index, recency, g.person_id)


def social_capital(
    givers: Iterable[Giver],
    my_company: str,
    today: date,
    intro: dict[int, IntroPath] | None = None,
    shown: int = 3,
) -> Capital:
    """Each kind of help against the people who can give it, best first (see ``capital_cell``).

    The store counts in SQL and calls ``capital_cell`` itself; this is the same rule over a
    list of people, for small networks and for tests."""
    everyone = list(givers)
    cells = []
    for kind in CAPITAL_KINDS:
        found = sorted((g for g in everyone if _gives(kind, g, my_company)), key=giver_order)
        warm = sum(1 for g in found if is_warm(g, today))
        cells.append(capital_cell(kind, found[:shown], len(found), warm, my_company, today, intro))
    return Capital(tuple(cells))


def capital_cell(
    kind: CapitalKind,
    best: Sequence[Giver],
    count: int,
    warm: int,
    my_company: str,
    today: date,
    intro: dict[int, IntroPath] | None = None,
) -> CapitalCell:
    """One kind of help: ``best`` are its first givers (inner ring, then most recent contact),
    ``count`` all of them, ``warm`` those on strategic or buddy rings in touch within
    ``QUIET_DAYS``. Without anyone warm the kind is a gap, and its next step names the
    closest person to fill it (with an intro path to them when ``intro`` has one), or says
    which tag to add."""
    if kind.side == "inside" and not my_company.strip():
        return CapitalCell(kind, (), 0, 0, "set your company in Settings (,) to see who is inside")
    step = "" if warm else _capital_step(kind, list(best), today, intro or {})
    return CapitalCell(kind, tuple(best), count, warm, step)


def _capital_step(kind: CapitalKind, found: list[Giver], today: date, intro: dict[int, IntroPath]) -> str:
    if not found:
        return f"nobody yet: tag who could help with “{kind.tags[0]}”"
    g = found[0]
    quiet = _days(g.last_contact, today)
    how = "never contacted" if quiet is None else f"{quiet} days quiet"
    step = f"closest: {g.name} ({g.ring.value}, {how})"
    path = intro.get(g.person_id)
    if path is not None and g.ring.index < Ring.STRATEGIC.index:
        step += f"; {path.name} could reintroduce you"
    return step


# ================================================================ 3. give and take


@dataclass(frozen=True)
class Flow:
    """Help that changed hands over the window: interactions marked with a reciprocity."""

    received: int = 0
    given: int = 0
    mutual: int = 0

    @property
    def balance(self) -> int:
        """Given minus received: above zero you give more than you take."""
        return self.given - self.received


@dataclass(frozen=True)
class Help:
    """One time someone helped you (a "received" entry) and who it was."""

    interaction_id: int
    person_id: int
    name: str
    day: date
    summary: str = ""
    thanked: bool = False  # its follow-up ("tell them how it helped") is done


@dataclass(frozen=True)
class ThanksOwed:
    person_id: int
    name: str
    since: date  # the oldest help not yet returned
    times: int  # helps since then
    interaction_id: int
    summary: str = ""


@dataclass(frozen=True)
class GiveAndTake:
    since: date
    networks: dict[Network, Flow]
    total: Flow
    thanks_owed: tuple[ThanksOwed, ...]
    thanks_total: int
    from_mentors: int  # times mentors helped you (received or mutual)
    to_mentees: int  # times you helped mentees (gave or mutual)

    @property
    def forward(self) -> str:
        """Paying it forward, in one sentence."""
        got, gave = self.from_mentors, self.to_mentees
        if not got and not gave:
            return "no help marked with mentors or mentees this year"
        if gave >= got:
            return f"you passed on as much as mentors gave you ({gave} to mentees, {got} from mentors)"
        return f"mentors helped you {got} times, you helped mentees {gave}: there is some to pass on"


def thanks_owed(helps: Iterable[Help], returned: dict[int, date]) -> list[ThanksOwed]:
    """Everyone who helped you with nothing given back since: no later ``gave`` or
    ``mutual`` entry with them (``returned`` holds the date of the latest such entry per
    person) and no done follow-up on the help. Oldest debt first."""
    owed: dict[int, list[Help]] = {}
    for h in helps:
        back = returned.get(h.person_id)
        if h.thanked or (back is not None and back >= h.day):
            continue
        owed.setdefault(h.person_id, []).append(h)
    out = []
    for pid, items in owed.items():
        first = min(items, key=lambda h: (h.day, h.interaction_id))
        out.append(ThanksOwed(pid, first.name, first.day, len(items), first.interaction_id, first.summary))
    out.sort(key=lambda t: (t.since, t.name.casefold(), t.person_id))
    return out


def give_and_take(
    since: date,
    total: Flow,
    per_person: dict[str, dict[int, int]],
    returned: dict[int, date],
    helps: Iterable[Help],
    networks_of: dict[int, Sequence[Network]],
    trashed: Collection[int] = (),
    shown: int = 10,
) -> GiveAndTake:
    """Help both ways since ``since``.

    ``total``: entries marked received, gave and mutual; ``per_person``: for each of those
    three, how many such entries each person was in; ``returned``: each person's latest
    ``gave`` or ``mutual`` entry; ``helps``: every (person, ``received`` entry) pair;
    ``networks_of``: each live person's networks; ``trashed``: people in the trash, left
    out of the thanks owed. A network's figures count each of its people in an entry once.
    """
    slot = {"received": 0, "gave": 1, "mutual": 2}
    per_net: dict[Network, list[int]] = {n: [0, 0, 0] for n in NETWORK_ORDER}
    for recip, counts in per_person.items():
        i = slot[recip]
        for pid, n in counts.items():
            for net in networks_of.get(pid, ()):
                per_net[net][i] += n
    gone = set(trashed)
    owed = thanks_owed((h for h in helps if h.person_id not in gone), returned)
    nets = {n: Flow(*v) for n, v in per_net.items()}
    mentors, mentees = nets[Network.MENTOR], nets[Network.MENTEE]
    return GiveAndTake(
        since=since,
        networks=nets,
        total=total,
        thanks_owed=tuple(owed[:shown]),
        thanks_total=len(owed),
        from_mentors=mentors.received + mentors.mutual,
        to_mentees=mentees.given + mentees.mutual,
    )


# ================================================================ 4. readiness


@dataclass(frozen=True)
class Contact:
    """Someone at a company, as readiness sees them."""

    person_id: int
    name: str
    ring: Ring
    company: str = ""
    last_contact: date | None = None
    due_on: date | None = None

    def quiet(self, today: date) -> int | None:
        return _days(self.last_contact, today)

    def in_touch(self, today: date) -> bool:
        """Contacted, and not yet due again (or within ``QUIET_DAYS`` when never due)."""
        if self.last_contact is None:
            return False
        if self.due_on is not None:
            return self.due_on > today
        return (today - self.last_contact).days <= QUIET_DAYS


@dataclass(frozen=True)
class TargetView:
    company: str
    contacts: tuple[Contact, ...]  # people there, best first
    paths: tuple[tuple[IntroPath, Contact], ...]  # who could introduce you to whom there
    score: float  # 0..1: 1 a warm contact there, 0.5 an intro path, 0.25 someone known but quiet

    @property
    def status(self) -> str:
        if self.score >= 1:
            return "warm contact"
        if self.score >= 0.5:
            return "intro path"
        if self.score > 0:
            return "known, gone quiet"
        return "nobody yet"


@dataclass(frozen=True)
class Move:
    text: str
    gain: float  # points the move would add to the readiness number
    person_id: int | None = None


@dataclass(frozen=True)
class Readiness:
    score: int  # 0..100
    outside_total: int  # buddies and strategic contacts outside your employer
    outside_in_touch: int
    targets: tuple[TargetView, ...]
    moves: tuple[Move, ...]
    explanation: tuple[str, ...]


OUTSIDE_FULL = 10  # this many warm close contacts outside your employer earn all their points
OUTSIDE_POINTS = 40
TARGET_POINTS = 60


def contact_order(c: Contact, today: date) -> tuple:
    recency = -c.last_contact.toordinal() if c.last_contact else 1
    return (not c.in_touch(today), -c.ring.index, recency, c.name.casefold(), c.person_id)


def target_view(
    company: str,
    contacts: Iterable[Contact],
    paths: Iterable[tuple[IntroPath, Contact]],
    today: date,
    shown: int = 3,
    warm: bool | None = None,
    any_in_touch: bool | None = None,
) -> TargetView:
    """Your way into one company. ``contacts``: people there (the store sends the first
    few, with ``warm``, whether a strategic or buddy one is in touch, and ``any_in_touch``
    counted over all of them); ``paths``: intro paths to people there."""
    there = sorted(contacts, key=lambda c: contact_order(c, today))
    if warm is None:
        warm = any(c.in_touch(today) and c.ring.index >= Ring.STRATEGIC.index for c in there)
    if any_in_touch is None:
        any_in_touch = any(c.in_touch(today) for c in there)
    good_paths = sorted(
        ((p, c) for p, c in paths if p.ring.index >= Ring.STRATEGIC.index),
        key=lambda pc: (-pc[0].ring.index, -(pc[0].last_contact.toordinal() if pc[0].last_contact else 0),
                        pc[0].name.casefold(), pc[1].name.casefold()),
    )
    if warm:
        score = 1.0
    elif good_paths or any_in_touch:
        score = 0.5
    elif there:
        score = 0.25
    else:
        score = 0.0
    return TargetView(company, tuple(there[:shown]), tuple(good_paths[:shown]), score)


def outside_figures(outside: Sequence[Contact], today: date, shown: int = 3) -> tuple[int, int, list[Contact]]:
    """(how many, how many in touch, the first few not in touch) of your buddies and
    strategic contacts outside your employer; the store counts these in SQL."""
    lapsed = sorted((c for c in outside if not c.in_touch(today)), key=lambda c: contact_order(c, today))
    return len(outside), sum(1 for c in outside if c.in_touch(today)), lapsed[:shown]


def readiness(
    targets: Sequence[TargetView],
    outside_total: int,
    outside_in_touch: int,
    lapsed: Sequence[Contact],
    today: date,
    moves_shown: int = 3,
) -> Readiness:
    """How ready your network is for a move, out of 100, with its reasons.

    Outside your employer: up to ``OUTSIDE_POINTS`` for how many of your buddies and
    strategic contacts there are in touch (``OUTSIDE_FULL`` earn them all); ``lapsed`` are
    the closest of those who are not. Target companies share ``TARGET_POINTS`` by how warm
    your way into each is. Without targets, the outside part alone is scaled to 100.
    """
    outside_part = min(outside_in_touch, OUTSIDE_FULL) / OUTSIDE_FULL
    if targets:
        target_part = sum(t.score for t in targets) / len(targets)
        score = OUTSIDE_POINTS * outside_part + TARGET_POINTS * target_part
        full = OUTSIDE_POINTS
    else:
        score = 100 * outside_part
        full = 100
    explanation = [
        f"{outside_in_touch} of {outside_total} buddies and strategic contacts outside your employer are in touch:"
        f" {min(outside_in_touch, OUTSIDE_FULL) * full // OUTSIDE_FULL} of {full} points ({OUTSIDE_FULL} earn them all)",
    ]
    if targets:
        got = round(TARGET_POINTS * target_part)
        explanation.append(
            f"target companies: {got} of {TARGET_POINTS} points, shared among {len(targets)}; each counts in full"
            " with a warm contact there, half with an intro path or a contact in touch, a quarter with someone"
            " known but quiet"
        )
    else:
        explanation.append("no target companies yet: add some in Settings (,) to see your ways in")

    per_target = TARGET_POINTS / len(targets) if targets else 0.0
    per_outside = full / OUTSIDE_FULL
    moves: list[Move] = []
    for t in targets:
        if t.score >= 1:
            continue
        gain = (1.0 - t.score) * per_target
        quiet_ones = [c for c in t.contacts if not c.in_touch(today)]
        if quiet_ones:
            c = quiet_ones[0]
            moves.append(Move(f"{c.name} at {t.company} is {c.ring.value} and {_quiet_text(c, today)}", gain,
                              c.person_id))
        elif t.paths:
            p, c = t.paths[0]
            moves.append(Move(f"ask {p.name} ({p.ring.value}) to introduce you to {c.name} at {t.company}",
                              gain * 0.5, c.person_id))
        elif t.contacts:
            c = t.contacts[0]
            moves.append(Move(f"{c.name} at {t.company} is in touch but {c.ring.value}: meet in person", gain * 0.5,
                              c.person_id))
        else:
            moves.append(Move(f"nobody at {t.company} yet: ask your buddies who they know there", gain * 0.25))
    if outside_in_touch < OUTSIDE_FULL:
        for c in list(lapsed)[:moves_shown]:
            where = f" at {c.company}" if c.company else ""
            moves.append(Move(f"{c.name}{where} is {c.ring.value} and {_quiet_text(c, today)}", per_outside,
                              c.person_id))
    moves.sort(key=lambda m: -m.gain)
    return Readiness(
        score=round(score),
        outside_total=outside_total,
        outside_in_touch=outside_in_touch,
        targets=tuple(targets),
        moves=tuple(moves[:moves_shown]),
        explanation=tuple(explanation),
    )


def _quiet_text(c: Contact, today: date) -> str:
    quiet = c.quiet(today)
    return "never contacted" if quiet is None else f"{quiet} days quiet"


# ================================================================ 5. exposure


@dataclass(frozen=True)
class Broadcast:
    """A talk, post, article or panel, and the people met through it."""

    interaction_id: int
    day: date
    kind: str
    summary: str = ""
    met: int = 0  # people marked "met through" it
    moved_in: int = 0  # of whom are on a closer ring now than when added


@dataclass(frozen=True)
class ExposureMonth:
    month: str
    broadcasts: int = 0
    added: int = 0  # new people that month
    moved_in: int = 0  # of whom are on a closer ring now than when added
    met_through: int = 0  # of whom came through a broadcast


@dataclass(frozen=True)
class Exposure:
    months: tuple[ExposureMonth, ...]
    broadcasts: tuple[Broadcast, ...]  # the window's broadcasts, most people met first

    @property
    def added(self) -> int:
        return sum(m.added for m in self.months)

    @property
    def moved_in(self) -> int:
        return sum(m.moved_in for m in self.months)

    @property
    def broadcast_count(self) -> int:
        return sum(m.broadcasts for m in self.months)

    @property
    def summary(self) -> str:
        if not self.added and not self.broadcast_count:
            return "nobody new this year and nothing broadcast: a talk or a post brings people to you"
        rate = f"{self.moved_in * 100 // self.added}%" if self.added else "none"
        return (f"{self.added} new people in {len(self.months)} months, {self.moved_in} ({rate}) moved inward since;"
                f" {self.broadcast_count} talks, posts, articles or panels")


def exposure(today: date, months: dict[str, ExposureMonth], broadcasts: Iterable[Broadcast], shown: int = 5) -> Exposure:
    keys = last_months(today)
    rows = tuple(months.get(k, ExposureMonth(k)) for k in keys)
    ranked = sorted(broadcasts, key=lambda b: (-b.met, -b.moved_in, -b.day.toordinal(), b.interaction_id))
    return Exposure(rows, tuple(ranked[:shown]))


# ================================================================ the whole review


@dataclass(frozen=True)
class Review:
    today: date
    routine: Routine
    capital: Capital
    give_and_take: GiveAndTake
    readiness: Readiness
    exposure: Exposure


def _d(day: date | None) -> str | None:
    return day.isoformat() if day else None


def review_as_dict(r: Review) -> dict:
    """The review as plain JSON values, one key per part; people carry their ``id``."""
    routine = r.routine
    return {
        "date": r.today.isoformat(),
        "routine": {
            "month": routine.month,
            "streak": routine.streak,
            "strip": [{"month": m.month, "networks": m.networks, "reached": m.reached} for m in routine.strip],
            "suggestions": [
                {"network": s.network.value, "id": s.person_id, "name": s.name,
                 "ring": s.ring.value if s.ring else None, "reason": s.reason, "state": s.state,
                 "last_contact": _d(s.last_contact)}
                for s in routine.suggestions
            ],
        },
        "capital": [
            {"kind": c.kind.key, "label": c.kind.label, "tags": list(c.kind.tags), "count": c.count, "warm": c.warm,
             "gap": c.gap, "next_step": c.next_step,
             "givers": [{"id": g.person_id, "name": g.name, "ring": g.ring.value, "last_contact": _d(g.last_contact)}
                        for g in c.givers]}
            for c in r.capital.cells
        ],
        "give_and_take": {
            "since": r.give_and_take.since.isoformat(),
            "networks": {n.value: _flow(f) for n, f in r.give_and_take.networks.items()},
            "total": _flow(r.give_and_take.total),
            "thanks_owed": [
                {"id": t.person_id, "name": t.name, "since": t.since.isoformat(), "times": t.times,
                 "interaction_id": t.interaction_id, "summary": t.summary}
                for t in r.give_and_take.thanks_owed
            ],
            "thanks_owed_total": r.give_and_take.thanks_total,
            "from_mentors": r.give_and_take.from_mentors,
            "to_mentees": r.give_and_take.to_mentees,
        },
        "readiness": {
            "score": r.readiness.score,
            "explanation": list(r.readiness.explanation),
            "outside": {"total": r.readiness.outside_total, "in_touch": r.readiness.outside_in_touch},
            "targets": [
                {"company": t.company, "status": t.status, "score": t.score,
                 "contacts": [{"id": c.person_id, "name": c.name, "ring": c.ring.value,
                               "last_contact": _d(c.last_contact)} for c in t.contacts],
                 "paths": [{"via": {"id": p.person_id, "name": p.name, "ring": p.ring.value},
                            "to": {"id": c.person_id, "name": c.name}} for p, c in t.paths]}
                for t in r.readiness.targets
            ],
            "moves": [{"text": m.text, "gain": round(m.gain, 1), "id": m.person_id} for m in r.readiness.moves],
        },
        "exposure": {
            "months": [{"month": m.month, "broadcasts": m.broadcasts, "added": m.added, "moved_in": m.moved_in,
                        "met_through": m.met_through} for m in r.exposure.months],
            "broadcasts": [{"interaction_id": b.interaction_id, "date": b.day.isoformat(), "kind": b.kind,
                            "summary": b.summary, "met": b.met, "moved_in": b.moved_in}
                           for b in r.exposure.broadcasts],
            "added": r.exposure.added,
            "moved_in": r.exposure.moved_in,
        },
    }


def _flow(f: Flow) -> dict:
    return {"received": f.received, "given": f.given, "mutual": f.mutual}

