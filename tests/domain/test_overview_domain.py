"""Pure helpers behind the overview and the agenda."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.domain.agenda import (
    AgendaItem,
    DuePerson,
    FollowUp,
    ItemKind,
    JobMove,
    build_agenda,
    date_item,
    job_item,
    meeting_items,
    parse_day,
)
from netui.domain.capture import Meeting
from netui.domain.neglect import Health
from netui.domain.networks import Network
from netui.domain.dates import When
from netui.domain.occasions import ComingUp, DateKind
from netui.domain.overview import NetworkSummary, RankedPerson, coming_line, net_moves, weekly_counts
from netui.domain.rings import Ring
from netui.ui.widgets.week_chart import bar_rows

TODAY = date(2026, 3, 14)


def test_weekly_counts_bucket_by_week_ending_today():
    days = [
        (TODAY, 1),  # this week (the last bucket)
        (TODAY - timedelta(days=6), 2),  # still this week
        (TODAY - timedelta(days=7), 4),  # last week
        (TODAY - timedelta(days=52 * 7 - 1), 8),  # the oldest day shown
        (TODAY - timedelta(days=52 * 7), 16),  # one day too old
        (TODAY + timedelta(days=1), 32),  # the future is not shown
    ]
    weeks = weekly_counts(days, TODAY)
    assert len(weeks) == 52
    assert weeks[-1] == 3
    assert weeks[-2] == 4
    assert weeks[0] == 8
    assert sum(weeks) == 15


def test_net_moves_count_where_people_ended_up():
    pairs = [
        (Ring.COLD, Ring.LUKEWARM, 3),
        (Ring.LUKEWARM, Ring.BUDDY, 1),
        (Ring.BUDDY, Ring.STRATEGIC, 2),
        (Ring.STRATEGIC, Ring.STRATEGIC, 5),  # in and back out: no move
    ]
    assert net_moves(pairs) == (4, 2)


def test_bar_rows_scale_to_the_peak_and_keep_small_weeks_visible():
    rows = bar_rows([0, 1, 50, 100], 2)
    assert rows == ["   █", " ▁██"]
    assert bar_rows([0, 0], 3) == ["  ", "  ", "  "]
    assert bar_rows([], 2) == ["", ""]


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("today", True, TODAY),
        ("Tomorrow", True, TODAY + timedelta(days=1)),
        ("yesterday", True, TODAY - timedelta(days=1)),
        ("2026-04-01", True, date(2026, 4, 1)),
        ("+3", True, TODAY + timedelta(days=3)),
        ("3", True, TODAY + timedelta(days=3)),
        ("10 days", True, TODAY + timedelta(days=10)),
        ("2w", True, TODAY + timedelta(days=14)),
        ("in 2 weeks", True, TODAY + timedelta(days=14)),
        ("1/4", True, date(2026, 4, 1)),
        ("1/4", False, date(2027, 1, 4)),  # a day to come: the next 4 January
        ("next monday", True, date(2026, 3, 16)),
        ("friday", True, date(2026, 3, 20)),
        ("-2", True, TODAY - timedelta(days=2)),
        ("25/12/27", True, date(2027, 12, 25)),
    ],
)
def test_parse_day(text, day_first, expected):
    assert parse_day(text, TODAY, day_first=day_first) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # parse_day leans ahead, so its suggestions do too.
        ("", "Type a date, e.g. tomorrow, next monday, 2w, +3 or 2026-03-21."),
        ("soon", "Could not read 'soon' as a date; try tomorrow, next monday, 2w, +3 or 2026-03-21."),
        ("2026-02-30", "'2026-02-30' is not a real date: February 2026 has 28 days."),
        ("31/2", "'31/2' is not a real date: February 2026 has 28 days."),
        ("13/13", "'13/13': there is no month 13; dates are read day first (DD/MM/YYYY), a setting."),
        (
            "[@click=app.quit]",
            "Could not read '[@click=app.quit]' as a date; try tomorrow, next monday, 2w, +3 or 2026-03-21.",
        ),
    ],
)
def test_parse_day_refuses_with_a_message(text, message):
    with pytest.raises(ValueError) as err:
        parse_day(text, TODAY)
    assert str(err.value) == message


def _summary(network, health, top=(), members=3, last=None):
    return NetworkSummary(network, members, 1, last, 30, health, tuple(top))


def test_build_agenda_orders_and_words_each_line():
    ada = RankedPerson(1, "Ada", Ring.BUDDY, TODAY - timedelta(days=40), 10)
    agenda = build_agenda(
        TODAY,
        [
            FollowUp(7, TODAY - timedelta(days=2), TODAY - timedelta(days=9), "coffee", "Slides", None, ((2, "Grace", Ring.STRATEGIC),)),
            FollowUp(8, TODAY, TODAY - timedelta(days=3), "call", "Advice", "received", ((3, "Linus", Ring.LUKEWARM),)),
        ],
        [
            _summary(Network.SUPPORT, Health.OK),
            _summary(Network.MENTEE, Health.NEGLECTED, [ada], last=TODAY - timedelta(days=45)),
            _summary(Network.PEER, Health.EMPTY, members=0),  # empty networks are the overview's business
        ],
        [DuePerson(4, "Katherine", Ring.STRATEGIC, TODAY - timedelta(days=35), 5)],
        people_total=12,
    )
    kinds = [i.kind for i in agenda.items]
    assert kinds == [ItemKind.FOLLOW_UP, ItemKind.FOLLOW_UP, ItemKind.NETWORK, ItemKind.PERSON]
    first, second, network, person = agenda.items
    assert (first.title, first.status, first.person_id) == ("Grace", "2d overdue", 2)
    assert first.next_step == "Follow up on: Slides"
    assert second.status == "due today"
    assert second.next_step == "Tell them how their help made a difference."
    assert network.title == "Mentee network"
    assert network.status == "quiet 45d, limit 30d"
    assert network.next_step == "Get in touch with Ada, the closest to due."
    assert network.person_id == 1
    assert person.next_step == "See them face to face regularly, not only when you need something."
    assert person.status == "strategic, 5d over"
    assert (agenda.follow_ups, agenda.networks, agenda.people, agenda.total) == (2, 1, 12, 15)
    assert len({i.key for i in agenda.items}) == 4


def test_never_contacted_people_say_so():
    item = build_agenda(TODAY, [], [], [DuePerson(4, "K", Ring.BUDDY, None, 3)]).items[0]
    assert item.status == "buddy, no contact"


def test_axis_spans_the_chart():
    from netui.ui.widgets.week_chart import axis

    assert axis(52, 1) == "52w ago " + "┄" * 40 + " now" and len(axis(52, 1)) == 52
    assert len(axis(52, 2)) == 104
    assert axis(3, 1) == "now"


def test_summary_and_overview_helpers():
    from netui.domain.overview import Overview, RingStrip, ring_counts

    due = RankedPerson(1, "Ada", Ring.BUDDY, None, 3)
    fine = RankedPerson(2, "Bob", Ring.LUKEWARM, TODAY, None)
    assert due.due and not fine.due
    summary = NetworkSummary(Network.PEER, 4, 1, TODAY - timedelta(days=5), 30, Health.OK, (due, fine))
    assert summary.overdue == (due,)
    assert summary.closest_to_due == due
    assert summary.share_in_touch() == 0.75
    assert summary.days_since(TODAY) == 5
    empty = NetworkSummary(Network.MENTOR, 0, 0, None, 30, Health.EMPTY)
    assert empty.closest_to_due is None and empty.overdue == () and empty.days_since(TODAY) is None
    assert (empty.inside, empty.outside, empty.peer_warning, empty.distant) == (0, 0, None, 0)
    assert ring_counts([(Ring.BUDDY, 2), (Ring.COLD, 1), (Ring.BUDDY, 1)]) == {
        Ring.COLD: 1, Ring.LUKEWARM: 0, Ring.STRATEGIC: 0, Ring.BUDDY: 3}
    overview = Overview(TODAY, (empty, summary), RingStrip({}, 0, 0), (), 0, 0, 0)
    assert overview.network(Network.PEER) is summary
    assert overview.network(Network.MENTOR) is empty


def test_weekly_counts_with_fewer_weeks_and_net_moves_outward():
    assert weekly_counts([(TODAY, 1), (TODAY - timedelta(days=13), 2), (TODAY - timedelta(days=14), 4)], TODAY, 2) == (2, 1)
    assert net_moves([(Ring.BUDDY, Ring.COLD, 2), (Ring.COLD, Ring.BUDDY, 1)]) == (1, 2)
    assert net_moves([(Ring.BUDDY, Ring.COLD, 2), (Ring.STRATEGIC, Ring.LUKEWARM, 3)]) == (0, 5)


# ---------------------------------------------------------------- "This week" on the Overview


def _coming(name: str, days: int, label="Birthday", kind=DateKind.BIRTHDAY, years=None) -> ComingUp:
    today = date(2026, 3, 10)  # a Tuesday
    return ComingUp(date_id=days, person_id=days, name=name, ring=Ring.COLD, kind=kind, label=label,
                    when=When(None, 3, 10 + days), on=today + timedelta(days=days), days=days,
                    years=years, yearly=True)


def test_coming_line_names_each_date_with_its_day():
    items = [_coming("Ann Lee", 0, years=40), _coming("Bo", 1),
             _coming("Cy", 4, "Joined Acme", DateKind.ANNIVERSARY, years=1)]
    assert coming_line(items, date(2026, 3, 10)) == (
        "This week: Ann Lee: Birthday (turns 40) today · Bo: Birthday tomorrow · Cy: Joined Acme (1 year) Sat"
    )


def test_coming_line_is_empty_without_dates():
    assert coming_line([], date(2026, 3, 10)) == ""


def test_coming_line_drops_dates_from_the_end_to_fit_and_says_how_many():
    items = [_coming("Ann Lee", 0), _coming("Bo Diddley", 2), _coming("Cy Young", 3)]
    full = "This week: Ann Lee: Birthday today · Bo Diddley: Birthday Thu · Cy Young: Birthday Fri"
    assert coming_line(items, date(2026, 3, 10), width=len(full)) == full
    two = "This week: Ann Lee: Birthday today · Bo Diddley: Birthday Thu · and 1 more"
    assert coming_line(items, date(2026, 3, 10), width=len(full) - 1) == two
    assert coming_line(items, date(2026, 3, 10), width=len(two) - 1) == "This week: Ann Lee: Birthday today · and 2 more"
    assert coming_line(items, date(2026, 3, 10), width=20) == "This week: 3 dates"


def test_coming_line_keeps_a_label_with_a_comma_whole():
    items = [_coming("Ann", 1, "Met, at Acme", DateKind.OTHER), _coming("Bo", 2, "Started, Acme", DateKind.OTHER, years=2)]
    assert coming_line(items, date(2026, 3, 10)) == (
        "This week: Ann: Met, at Acme tomorrow · Bo: Started, Acme (2 years) Thu"
    )


# ---------------------------------------------------------------- dates, new roles and meetings on the agenda


def test_a_date_coming_up_makes_a_whole_agenda_line():
    coming = ComingUp(date_id=5, person_id=9, name="Bea", ring=Ring.STRATEGIC, kind=DateKind.ANNIVERSARY,
                      label="Anniversary", when=When(2016, 3, 16), on=date(2026, 3, 16), days=2, years=10, yearly=True)
    assert date_item(coming) == AgendaItem(
        kind=ItemKind.DATE, key=-15, title="Bea", status="Mon 16 Mar, in 2 days",
        next_step="Anniversary, 10 years: Send a note for the anniversary.",
        person_id=9, ring=Ring.STRATEGIC, due=date(2026, 3, 16), date_id=5,
    )


def _job(changed_on: date, before="Engineer at Acme", after="CTO at Initech") -> JobMove:
    return JobMove(id=4, person_id=9, name="Bea", ring=Ring.BUDDY, before=before, after=after, changed_on=changed_on)


def test_a_new_role_makes_a_whole_agenda_line():
    assert job_item(_job(TODAY - timedelta(days=3)), TODAY) == AgendaItem(
        kind=ItemKind.JOB, key=-13, title="Bea", status="new role, 3d ago",
        next_step="Congratulate them on the new role (moved from Engineer at Acme to CTO at Initech).",
        person_id=9, ring=Ring.BUDDY, job_id=4,
    )


def test_a_new_role_says_when_it_was_seen():
    assert job_item(_job(TODAY), TODAY).status == "new role, today"
    assert job_item(_job(TODAY - timedelta(days=1)), TODAY).status == "new role, 1d ago"
    assert job_item(_job(TODAY, before="", after=""), TODAY).next_step == (
        "Congratulate them on the new role (moved from ? to ?)."
    )


def test_a_meeting_ahead_makes_a_line_per_person():
    meeting = Meeting(id=3, date=date(2026, 3, 16), time="10:00", title="Roadmap", kind="meeting",
                      people=((9, "Bea"), (11, "Cy")))
    step = "Roadmap (a meeting): read the brief before you go."
    assert meeting_items(meeting, TODAY) == [
        AgendaItem(kind=ItemKind.MEETING, key=-9002, title="Bea", status="Mon 16 Mar 10:00", next_step=step,
                   person_id=9, due=date(2026, 3, 16)),
        AgendaItem(kind=ItemKind.MEETING, key=-9005, title="Cy", status="Mon 16 Mar 10:00", next_step=step,
                   person_id=11, due=date(2026, 3, 16)),
    ]


def test_a_meeting_today_or_tomorrow_says_so():
    today = Meeting(id=1, date=TODAY, time="", title="", kind="call", people=((9, "Bea"),))
    (item,) = meeting_items(today, TODAY)
    assert (item.status, item.next_step) == ("today", "call (a call): read the brief before you go.")
    tomorrow = Meeting(id=1, date=TODAY + timedelta(days=1), time="09:30", title="Sync", kind="call", people=((9, "Bea"),))
    assert meeting_items(tomorrow, TODAY)[0].status == "tomorrow 09:30"


def test_a_meeting_shows_at_most_999_people_so_keys_stay_its_own():
    crowd = tuple((i, f"P{i}") for i in range(1, 1002))
    items = meeting_items(Meeting(id=2, date=TODAY, time="", title="All hands", kind="meeting", people=crowd), TODAY)
    assert len(items) == 999
    assert (items[0].key, items[-1].key) == (-6002, -8996)


def test_keys_of_dates_new_roles_and_meetings_never_collide():
    """Date 1000, new role 1 and meeting 1 once shared keys, and one line hid another."""
    dates = [date_item(ComingUp(date_id=i, person_id=9, name="Bea", ring=Ring.COLD, kind=DateKind.BIRTHDAY,
                                label="Birthday", when=When(None, 3, 16), on=date(2026, 3, 16), days=2,
                                years=None, yearly=True)) for i in range(1, 3003)]
    jobs = [job_item(JobMove(id=i, person_id=9, name="Bea", ring=Ring.COLD, before="", after="",
                             changed_on=TODAY), TODAY) for i in range(1, 3003)]
    people = tuple((i, f"P{i}") for i in range(1, 1000))
    meetings = [item for mid in (1, 2, 3) for item in meeting_items(
        Meeting(id=mid, date=TODAY, time="", title="", kind="call", people=people), TODAY)]
    keys = [item.key for item in dates + jobs + meetings]
    assert len(set(keys)) == len(keys)
    assert all(key < 0 for key in keys)  # follow-ups, networks and people have the others
