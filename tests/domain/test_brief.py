"""The person brief, line by line: labels and wording as the screen and `netui brief` show them."""

from __future__ import annotations

from datetime import date

from netui.domain.agenda import JobMove
from netui.domain.brief import Brief, brief_lines
from netui.domain.capture import Meeting
from netui.domain.intro_paths import IntroPath
from netui.domain.journal import TimelineEntry
from netui.domain.models import Membership, Person
from netui.domain.networks import Network
from netui.domain.rings import Ring

TODAY = date(2026, 3, 14)


def entry(eid, day, kind, summary="", follow_up=None):
    return TimelineEntry(eid, day, kind, summary, None, follow_up, False, ())


def test_a_full_brief_has_every_line_in_order_and_in_words():
    ada = Person(
        1, "Ada Lovelace", Ring.STRATEGIC, 1, company="Analytical Engines", title="CTO",
        purpose="ask about the hiring plan", help_tags=("advice", "leads"), offer_tags=("design", "hiring"),
        memberships=(Membership(Network.PEER), Membership(Network.MENTOR)), last_contact=date(2026, 3, 4),
    )
    # The time is missing: the double space it leaves closes up. Ada herself is not listed as "with".
    meeting = Meeting(5, date(2026, 3, 20), "", "Coffee", "meeting", ((2, "Bo"), (1, "Ada Lovelace"), (3, "Cy")))
    jobs = (
        JobMove(8, 1, "Ada Lovelace", Ring.STRATEGIC, "VP at Old Co", "CTO at Analytical Engines", date(2026, 2, 1)),
        JobMove(7, 1, "Ada Lovelace", Ring.STRATEGIC, "Dev at Older Co", "VP at Old Co", date(2024, 5, 1)),
    )
    recent = (entry(31, date(2026, 3, 4), "call", "pricing"), entry(30, date(2026, 2, 10), "email"))
    follow_ups = (entry(29, date(2026, 2, 1), "meeting", "send the deck", date(2026, 3, 16)),
                  entry(28, date(2026, 1, 20), "call", "", date(2026, 3, 30)))
    paths = (IntroPath(4, "Eve", Ring.BUDDY, True, True, date(2026, 3, 1)),
             IntroPath(6, "Finn", Ring.STRATEGIC, False, True))
    lines = brief_lines(Brief(ada, recent, follow_ups, paths, meeting, TODAY, jobs))
    assert lines == [
        ("Who", "Ada Lovelace, CTO at Analytical Engines"),
        ("Meeting", "2026-03-20 Coffee (with Bo, Cy)"),
        ("New role", "moved from VP at Old Co to CTO at Analytical Engines (2026-02-01)"),
        ("Ring", "strategic"),
        ("Networks", "peer, mentor"),
        ("Last contact", "2026-03-04 (10 days ago)"),
        ("Recently", "2026-03-04 call: pricing"),
        ("Recently", "2026-02-10 email"),
        ("Follow-up", "due 2026-03-16, after the meeting of 2026-02-01: send the deck"),
        ("Follow-up", "due 2026-03-30, after the call of 2026-01-20"),
        ("Can help with", "advice, leads"),
        ("You can offer", "design, hiring"),
        ("Intro path", "Eve (buddy, knows, same co.)"),
        ("Intro path", "Finn (strategic, same company)"),
        ("Why", "ask about the hiring plan"),
    ]


def test_a_bare_brief_says_what_is_missing():
    bo = Person(2, "Bo", Ring.COLD, 1)
    lines = brief_lines(Brief(bo, (), (), (), None, TODAY))
    assert lines == [
        ("Who", "Bo"),
        ("Ring", "cold"),
        ("Networks", "none yet"),
        ("Last contact", "never"),
        ("Recently", "nothing logged yet"),
        ("Can help with", "nothing noted"),
        ("You can offer", "nothing noted"),
    ]


def test_a_brief_names_the_role_from_whichever_part_is_known_and_a_meeting_alone():
    cy = Person(3, "Cy", Ring.BUDDY, 1, company="Globex", last_contact=TODAY)
    meeting = Meeting(5, date(2026, 3, 15), "09:30", "Lunch", "meeting", ((3, "Cy"),))
    lines = dict(brief_lines(Brief(cy, (), (), (), meeting, TODAY)))
    assert lines["Who"] == "Cy, Globex"
    assert lines["Meeting"] == "2026-03-15 09:30 Lunch"
    assert lines["Last contact"] == "2026-03-14 (0 days ago)"
    assert dict(brief_lines(Brief(Person(4, "Di", Ring.BUDDY, 1, title="CFO"), (), (), (), None, TODAY)))["Who"] \
        == "Di, CFO"
