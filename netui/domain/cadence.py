"""Keep-in-touch cadence: who is due, and by how much.

The rule (DESIGN 1): a person is *due* when the time since their last interaction
*exceeds* their interval. On exactly the interval they are not due yet; one day
later they are, and count as one day overdue. Someone never contacted is due at
once. Cold people and distant mentors are never due. A snooze hides a person
until its date: on that date they are due again if the rule says so.

``netui.store.overview`` computes the same rule in SQL for the whole network at
once; a store test checks that both agree person by person.
"""

from __future__ import annotations

from datetime import date

from netui.domain.rings import DEFAULT_CADENCE, Ring


def effective_cadence(
    ring: Ring,
    override: int | None,
    distant: bool = False,
    ring_cadence: dict[Ring, int | None] | None = None,
) -> int | None:
    """Days between contacts for a person, or None when they are never due.

    Cold people and distant mentors are never due, whatever their override says.
    """
    if ring == Ring.COLD or distant:
        return None
    if override is not None:
        return override
    table = DEFAULT_CADENCE if ring_cadence is None else {**DEFAULT_CADENCE, **ring_cadence}
    return table.get(ring)


def is_snoozed(snoozed_until: date | None, today: date) -> bool:
    """A snooze hides someone strictly before its date."""
    return snoozed_until is not None and snoozed_until > today


def days_until_due(
    last_contact: date | None,
    cadence_days: int | None,
    today: date,
    snoozed_until: date | None = None,
) -> int | None:
    """Days left before a person is due (negative when overdue), None if never due.

    Someone never contacted is due today (0). A person is due once the time since the
    last contact *exceeds* the interval, so on exactly the interval they have 0 days
    left and are not yet due; the next day they have -1. A snooze keeps them at least
    until its date.
    """
    if cadence_days is None:
        return None
    if last_contact is None:
        left = 0
    else:
        left = cadence_days - (today - last_contact).days
    if is_snoozed(snoozed_until, today):
        left = max(left, (snoozed_until - today).days)  # type: ignore[operator]
    return left


def overdue_days(
    last_contact: date | None,
    cadence_days: int | None,
    today: date,
    snoozed_until: date | None = None,
    added: date | None = None,
) -> int | None:
    """How many days a person has been due, counting today (1 = the first due day);
    None when they are not due.

    For someone contacted, that is the time since contact minus the interval. Someone
    never contacted has been due since the day they were added (``added``; today when
    unknown or in the future), so they sort by how long they have waited.
    """
    if cadence_days is None or is_snoozed(snoozed_until, today):
        return None
    if last_contact is None:
        waited = (today - added).days if added is not None else 0
        return max(waited, 0) + 1
    over = (today - last_contact).days - cadence_days
    return over if over >= 1 else None


def is_due(last_contact: date | None, cadence_days: int | None, today: date, snoozed_until: date | None = None) -> bool:
    return overdue_days(last_contact, cadence_days, today, snoozed_until) is not None


def urgency(overdue: int, ring: Ring) -> int:
    """How pressing an overdue person is: days overdue weighted by closeness.

    A day overdue counts once for lukewarm, twice for strategic and three times for a
    buddy, so a buddy a month late comes before a lukewarm contact two months late.
    """
    return overdue * ring.index


def due_words(left: int | None, never_contacted: bool, distant: bool = False) -> tuple[str, bool]:
    """A person's days before due, as People, the Person screen and ``netui people`` all
    word them, and whether that is overdue: ``! 3d over`` (three days past due), ``today``
    (due tomorrow if nobody gets in touch), ``in 4d`` (four days left), ``! due now``
    (never contacted), ``—`` (never due: cold), ``distant`` (a distant mentor).
    The days always count from the due date (``days_until_due``), never since contact."""
    if distant:
        return "distant", False
    if left is None:
        return "—", False
    if never_contacted and left == 0:
        return "! due now", True
    if left < 0:
        return f"! {-left}d over", True
    if left == 0:
        return "today", False
    return f"in {left}d", False


def due_sentence(left: int | None, never_contacted: bool, distant: bool, cadence: int | None) -> str:
    """What ``due_words`` means, in a sentence, for the Person screen and ``netui show``."""
    if distant:
        return "never due (distant mentor)"
    if cadence is None or left is None:
        return "never due (cold)"
    every = f"every {cadence} days"
    if never_contacted and left == 0:
        return f"never contacted, so due now; {every}"
    if left < 0:
        return f"{-left} day{'s' if left != -1 else ''} past the due date; {every}"
    if left == 0:
        return f"due tomorrow unless you get in touch today; {every}"
    return f"{left} day{'s' if left != 1 else ''} left before due; {every}"
