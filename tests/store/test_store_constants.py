"""The store's module-level values: a change to one is a change someone must mean."""

from __future__ import annotations

from netui.domain.rings import Ring
from netui.store import overview as ov
from netui.store import people


def test_overview_limits():
    assert ov.TOP_PER_NETWORK == 3
    assert ov.DUE_RINGS == (Ring.LUKEWARM, Ring.STRATEGIC, Ring.BUDDY)
    assert ov._SNOOZED == "ifnull(snoozed_until > :today, 0)"


def test_people_text_fields():
    assert people._TEXT_FIELDS == ("name", "company", "title", "email", "phone", "url", "location", "purpose")
