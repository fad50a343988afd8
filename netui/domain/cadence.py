"""Keep-in-touch cadence: who is due, and by how much."""

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


def days_until_due(
    last_contact: date | None,
    cadence_days: int | None,
    today: date,
    snoozed_until: date | None = None,
) -> int | None:
    """Days left before a person is due (negative when overdue), None if never due.

    Someone never contacted is due today. A person is due once the time since the
    last contact *exceeds* the interval, so on exactly the interval they have 0 days left.
    """
    if cadence_days is None:
        return None
    if last_contact is None:
        left = 0
    else:
        left = cadence_days - (today - last_contact).days
    if snoozed_until is not None and snoozed_until > today:
        left = max(left, (snoozed_until - today).days)
    return left


def is_due(last_contact: date | None, cadence_days: int | None, today: date, snoozed_until: date | None = None) -> bool:
    left = days_until_due(last_contact, cadence_days, today, snoozed_until)
    if left is None:
        return False
    if last_contact is None:
        return snoozed_until is None or snoozed_until <= today
    return left < 0
