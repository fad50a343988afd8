"""The monthly review pinned exactly: its JSON, word for word, and its rules at their edges."""

from __future__ import annotations

from datetime import date, timedelta

from netui.domain.intro_paths import IntroPath
from netui.domain.networks import Network
from netui.domain.review import (
    CAPITAL_KINDS,
    Broadcast,
    Capital,
    CapitalCell,
    Contact,
    Exposure,
    ExposureMonth,
    Flow,
    GiveAndTake,
    Giver,
    Move,
    Readiness,
    Review,
    Routine,
    StripMonth,
    Suggestion,
    TargetView,
    ThanksOwed,
    review_as_dict,
)
from netui.domain.rings import Ring

TODAY = date(2026, 3, 14)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def a_full_review() -> Review:
    routine = Routine(
        "2026-03",
        (
            Suggestion(Network.SUPPORT, None, reason="nobody in this network yet"),
            Suggestion(Network.PEER, 2, "Bo", Ring.BUDDY, "10 days overdue", "done", True, date(2026, 3, 2)),
            Suggestion(Network.MENTOR, 3, "Cy", Ring.STRATEGIC, "never contacted"),
        ),
        1,
        (StripMonth("2026-02", 2, 2), StripMonth("2026-03", 3, 1)),
    )
    advice, leads = CAPITAL_KINDS[0], CAPITAL_KINDS[1]
    capital = Capital((
        CapitalCell(advice, (Giver(2, "Bo", Ring.BUDDY, date(2026, 3, 2)), Giver(5, "Eve", Ring.COLD)), 4, 1),
        CapitalCell(leads, (), 0, 0, "nobody yet: tag who could help with “leads”"),
    ))
    gat = GiveAndTake(
        since=date(2025, 3, 14),
        networks={Network.SUPPORT: Flow(1, 2, 3), Network.MENTEE: Flow(0, 4, 5)},
        total=Flow(6, 7, 8),
        thanks_owed=(ThanksOwed(3, "Cy", date(2026, 1, 5), 2, 41, "intro to Globex"),),
        thanks_total=9,
        from_mentors=10,
        to_mentees=11,
    )
    ola = Contact(7, "Ola", Ring.LUKEWARM, "Globex", date(2025, 12, 1))
    ian = Contact(8, "Ian", Ring.COLD, "Globex")
    eve = IntroPath(5, "Eve", Ring.BUDDY, True, False, date(2026, 3, 1))
    ready = Readiness(
        score=37,
        outside_total=6,
        outside_in_touch=5,
        targets=(TargetView("Globex", (ola, ian), ((eve, ian),), 0.5), TargetView("Hooli", (), (), 0.0)),
        moves=(Move("nobody at Hooli yet", 10 / 3), Move("Ola at Globex is lukewarm", 7.25, 7)),
        explanation=("first line", "second line"),
    )
    expo = Exposure(
        (ExposureMonth("2026-02"), ExposureMonth("2026-03", 1, 4, 2, 3)),
        (Broadcast(51, date(2026, 3, 3), "talk", "PyCon", 3, 1),),
    )
    return Review(TODAY, routine, capital, gat, ready, expo)


def test_review_json_names_every_part_and_value():
    assert review_as_dict(a_full_review()) == {
        "date": "2026-03-14",
        "routine": {
            "month": "2026-03",
            "streak": 1,
            "strip": [{"month": "2026-02", "networks": 2, "reached": 2},
                      {"month": "2026-03", "networks": 3, "reached": 1}],
            "suggestions": [
                {"network": "support", "id": None, "name": "", "ring": None, "reason": "nobody in this network yet",
                 "state": "suggested", "last_contact": None},
                {"network": "peer", "id": 2, "name": "Bo", "ring": "buddy", "reason": "10 days overdue",
                 "state": "done", "last_contact": "2026-03-02"},
                {"network": "mentor", "id": 3, "name": "Cy", "ring": "strategic", "reason": "never contacted",
                 "state": "suggested", "last_contact": None},
            ],
        },
        "capital": [
            {"kind": "advice", "label": "expert advice, a call away", "tags": ["advice", "technical help", "expertise"],
             "count": 4, "warm": 1, "gap": False, "next_step": "",
             "givers": [{"id": 2, "name": "Bo", "ring": "buddy", "last_contact": "2026-03-02"},
                        {"id": 5, "name": "Eve", "ring": "cold", "last_contact": None}]},
            {"kind": "leads", "label": "leads and recommendations",
             "tags": ["leads", "references", "recommendations", "introductions"],
             "count": 0, "warm": 0, "gap": True, "next_step": "nobody yet: tag who could help with “leads”",
             "givers": []},
        ],
        "give_and_take": {
            "since": "2025-03-14",
            "networks": {"support": {"received": 1, "given": 2, "mutual": 3},
                         "mentee": {"received": 0, "given": 4, "mutual": 5}},
            "total": {"received": 6, "given": 7, "mutual": 8},
            "thanks_owed": [{"id": 3, "name": "Cy", "since": "2026-01-05", "times": 2, "interaction_id": 41,
                             "summary": "intro to Globex"}],
            "thanks_owed_total": 9,
            "from_mentors": 10,
            "to_mentees": 11,
        },
        "readiness": {
            "score": 37,
            "explanation": ["first line", "second line"],
            "outside": {"total": 6, "in_touch": 5},
            "targets": [
                {"company": "Globex", "status": "intro path", "score": 0.5,
                 "contacts": [{"id": 7, "name": "Ola", "ring": "lukewarm", "last_contact": "2025-12-01"},
                              {"id": 8, "name": "Ian", "ring": "cold", "last_contact": None}],
                 "paths": [{"via": {"id": 5, "name": "Eve", "ring": "buddy"}, "to": {"id": 8, "name": "Ian"}}]},
                {"company": "Hooli", "status": "nobody yet", "score": 0.0, "contacts": [], "paths": []},
            ],
            # Gains to one decimal: 10/3 is 3.3 (not 3 nor 3.33); 7.25 rounds to even, 7.2.
            "moves": [{"text": "nobody at Hooli yet", "gain": 3.3, "id": None},
                      {"text": "Ola at Globex is lukewarm", "gain": 7.2, "id": 7}],
        },
        "exposure": {
            "months": [{"month": "2026-02", "broadcasts": 0, "added": 0, "moved_in": 0, "met_through": 0},
                       {"month": "2026-03", "broadcasts": 1, "added": 4, "moved_in": 2, "met_through": 3}],
            "broadcasts": [{"interaction_id": 51, "date": "2026-03-03", "kind": "talk", "summary": "PyCon",
                            "met": 3, "moved_in": 1}],
            "added": 4,
            "moved_in": 2,
        },
    }
