"""People's dates in the store: adding, reminders done and snoozed per year, repeating follow-ups."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.dates import When
from netui.domain.journal import InteractionDraft
from netui.domain.models import PersonDraft
from netui.domain.occasions import DateKind, date_draft
from netui.domain.rings import Ring
from netui.domain.settings import Settings
from netui.store import agenda as agenda_store
from netui.store import dates as ds
from netui.store import journal as j
from netui.store.errors import StoreError
from netui.store.overview import agenda
from netui.store.people import add_person, get_person, trash_person
from netui.store.settings import set_setting
from tests.helpers import add

TODAY = date(2026, 3, 10)


def test_add_person_with_dates_and_read_them_back(db):
    pid = add_person(db, PersonDraft(name="Ann Lee", ring=Ring.BUDDY, dates=(
        date_draft("birthday", When(1986, 3, 14)),
        date_draft("Started at Acme", When(2016, 3, 12), lead_days=3),
        date_draft("Exam", When(2026, 6, 1), yearly=False),
    )))
    dates = get_person(db, pid).dates
    assert [(d.kind, d.label, d.when, d.yearly, d.lead_days) for d in dates] == [
        (DateKind.BIRTHDAY, "Birthday", When(1986, 3, 14), True, None),
        (DateKind.OTHER, "Started at Acme", When(2016, 3, 12), True, 3),
        (DateKind.OTHER, "Exam", When(2026, 6, 1), False, None),
    ]


def test_one_birthday_and_unique_names(db):
    pid = add(db, "Ann Lee")
    ds.add_date(db, pid, date_draft("Birthday", When(None, 3, 14)))
    with pytest.raises(StoreError, match="already have a birthday"):
        ds.add_date(db, pid, date_draft("birthday", When(None, 4, 1)))
    ds.add_date(db, pid, date_draft("Wedding", When(2010, 6, 5)))
    with pytest.raises(StoreError, match="already have a date named"):
        ds.add_date(db, pid, date_draft("wedding", When(2011, 6, 5)))
    assert len(ds.person_dates(db, pid)) == 2


def test_remove_and_put_back(db):
    pid = add(db, "Ann Lee")
    did = ds.add_date(db, pid, date_draft("Wedding", When(2010, 6, 5)))
    owner, draft = ds.remove_date(db, did)
    assert owner == pid and ds.person_dates(db, pid) == []
    ds.add_date(db, owner, draft)
    assert [d.label for d in ds.person_dates(db, pid)] == ["Wedding"]


def test_coming_up_in_the_agenda_with_done_and_snooze_per_year(db):
    pid = add(db, "Ann Lee", Ring.BUDDY)
    did = ds.add_date(db, pid, date_draft("Birthday", When(1986, 3, 14)))
    ds.add_date(db, pid, date_draft("Wedding", When(2010, 4, 20)))  # too far off

    def coming(day):
        return [(i.title, i.status, i.next_step, i.date_id) for i in agenda(db, day, Settings()).items if i.date_id]

    assert coming(TODAY) == [("Ann Lee", "Sat 14 Mar, in 4 days", "Birthday, turns 40: Send a birthday note.", did)]
    assert agenda(db, TODAY, Settings()).dates == 1

    # Done for 2026: gone this year, back in 2027 (and the undo puts it back).
    previous = ds.set_date_done(db, did, 2026)
    assert previous is None and coming(TODAY) == []
    assert coming(date(2027, 3, 10))[0][1:3] == ("Sun 14 Mar, in 4 days", "Birthday, turns 41: Send a birthday note.")
    ds.set_date_done(db, did, previous)
    assert len(coming(TODAY)) == 1

    # Snoozed until the day itself: hidden till then, back on the day; undo wakes it.
    previous = ds.snooze_date(db, did, date(2026, 3, 14))
    assert coming(TODAY) == [] and len(coming(date(2026, 3, 14))) == 1
    ds.snooze_date(db, did, previous)
    assert len(coming(TODAY)) == 1


def test_lead_time_setting_and_trash(db):
    pid = add(db, "Ann Lee")
    ds.add_date(db, pid, date_draft("Birthday", When(None, 3, 25)))
    assert ds.reminders(db, TODAY) == []
    set_setting(db, ds.LEAD_SETTING, 15)
    assert [r.on for r in ds.reminders(db, TODAY)] == [date(2026, 3, 25)]
    trash_person(db, pid)
    assert ds.reminders(db, TODAY) == []


def test_dates_within_and_this_week(db):
    pid = add(db, "Ann Lee")
    a = ds.add_date(db, pid, date_draft("Birthday", When(None, 3, 10)))
    b = ds.add_date(db, pid, date_draft("Wedding", When(2010, 3, 16)))
    c = ds.add_date(db, pid, date_draft("Started", When(2010, 3, 17)))
    assert [r.date_id for r in ds.dates_within(db, TODAY, 7)] == [a, b, c]
    assert [r.date_id for r in ds.coming_this_week(db, TODAY)] == [a, b]
    ds.set_date_done(db, a, 2026)
    assert [r.date_id for r in ds.coming_this_week(db, TODAY)] == [b]


def test_a_repeating_follow_up_done_three_times(db):
    pid = add(db, "Ann Lee", Ring.BUDDY)
    iid = j.add_interaction(db, InteractionDraft(TODAY, "call", (pid,), "check in", follow_up=TODAY, follow_up_every="2w"))
    item = next(i for i in agenda(db, TODAY, Settings()).items if i.interaction_id == iid)
    assert item.status == "due today, every 2 weeks" and item.rhythm == "every 2 weeks"

    done_on = [date(2026, 3, 10), date(2026, 3, 26), date(2026, 4, 13)]
    expected = [date(2026, 3, 24), date(2026, 4, 9), date(2026, 4, 27)]
    for day, nxt in zip(done_on, expected):
        before = agenda_store.complete_follow_up(db, iid, day)
        entry = j.get_interaction(db, iid)
        assert (entry.follow_up, entry.follow_up_done, entry.follow_up_every) == (nxt, False, "2w")
        assert not [i for i in agenda(db, day, Settings()).items if i.interaction_id == iid]
    # Undo of the last one puts the date back.
    agenda_store.put_follow_up_back(db, iid, before)
    assert j.get_interaction(db, iid).follow_up == date(2026, 4, 9)
    # The Journal's rows carry the rhythm.
    row = next(r for r in j.journal_rows(db, j.JournalFilter(), limit=None) if r.id == iid)
    assert row.follow_up_every == "2w"


def test_a_one_off_follow_up_closes(db):
    pid = add(db, "Ann Lee")
    iid = j.add_interaction(db, InteractionDraft(TODAY, "call", (pid,), follow_up=TODAY))
    before = agenda_store.complete_follow_up(db, iid, TODAY)
    assert j.get_interaction(db, iid).follow_up_done
    agenda_store.put_follow_up_back(db, iid, before)
    assert not j.get_interaction(db, iid).follow_up_done


def test_the_schema_refuses_a_one_off_date_without_a_year(db):
    pid = add(db, "Ann Lee")
    with pytest.raises(Exception, match="CHECK constraint failed: yearly OR year IS NOT NULL"):
        db.execute(
            "INSERT INTO person_date (person_id, label, month, day, yearly, created_at, updated_at)"
            " VALUES (?, 'x', 3, 14, 0, '2026-01-01', '2026-01-01')", (pid,))


def test_editing_a_persons_dates_keeps_the_ones_unchanged(db):
    from netui.store.people import update_person

    pid = add_person(db, PersonDraft(name="Ann Lee", dates=(
        date_draft("Birthday", When(1986, 3, 14)), date_draft("Wedding", When(2012, 6, 5)),
    )))
    person = get_person(db, pid)
    bday = person.dates[0]
    ds.set_date_done(db, bday.id, 2026)
    person = get_person(db, pid)
    new = (bday.draft(), date_draft("Wedding", When(2012, 6, 6)), date_draft("Exam", When(2026, 7, 1), yearly=False))
    after = update_person(db, pid, person, {"dates": new})
    assert [(d.label, d.when, d.yearly) for d in after.dates] == [
        ("Birthday", When(1986, 3, 14), True), ("Wedding", When(2012, 6, 6), True), ("Exam", When(2026, 7, 1), False),
    ]
    kept = after.dates[0]
    assert (kept.id, kept.done_year) == (bday.id, 2026)  # the same row: still done for 2026
    assert after.version == person.version + 1
    # Nothing changed: nothing written.
    same = update_person(db, pid, after, {"dates": tuple(d.draft() for d in after.dates)})
    assert same.version == after.version
    # Removing them all.
    assert update_person(db, pid, same, {"dates": ()}).dates == ()


def test_windows_across_the_new_year_and_longer_than_a_year(db):
    pid = add(db, "Ann Lee")
    jan = ds.add_date(db, pid, date_draft("Birthday", When(None, 1, 3)))
    dec = ds.add_date(db, pid, date_draft("Wedding", When(2010, 12, 30)))
    jun = ds.add_date(db, pid, date_draft("Started", When(2010, 6, 1)))
    new_year = date(2026, 12, 28)
    assert [r.date_id for r in ds.dates_within(db, new_year, 10)] == [dec, jan]
    assert [(r.date_id, r.on) for r in ds.reminders(db, new_year, lead=7)] == [
        (dec, date(2026, 12, 30)), (jan, date(2027, 1, 3))]
    assert [r.date_id for r in ds.dates_within(db, TODAY, 400)] == [jun, dec, jan]


def test_this_week_is_seven_days_even_for_a_date_with_a_longer_lead(db):
    pid = add(db, "Ann Lee")
    ds.add_date(db, pid, date_draft("Started", When(2010, 3, 17), lead_days=10))  # TODAY + 7
    six = ds.add_date(db, pid, date_draft("Wedding", When(2010, 3, 16), lead_days=10))
    assert [r.date_id for r in ds.coming_this_week(db, TODAY)] == [six]


@pytest.mark.parametrize("stored, lead", [(None, 7), ("0", 0), ("366", 366), ("367", 7), ("-1", 7), ('"x"', 7)])
def test_the_lead_time_setting_from_zero_to_a_year(db, stored, lead):
    if stored is not None:
        db.execute("INSERT INTO setting (key, value) VALUES (?, ?)", (ds.LEAD_SETTING, stored))
    assert ds.lead_days(db) == lead


def test_a_lead_time_given_beats_the_setting(db):
    pid = add(db, "Ann Lee")
    ds.add_date(db, pid, date_draft("Birthday", When(None, 3, 25)))  # in 15 days
    set_setting(db, ds.LEAD_SETTING, 20)
    assert ds.reminders(db, TODAY, lead=3) == []
    assert len(ds.reminders(db, TODAY)) == 1


def test_dates_start_at_version_one_and_each_change_adds_one(db):
    pid = add(db, "Ann Lee")
    did = ds.add_date(db, pid, date_draft("Birthday", When(None, 3, 25)))
    assert [d.version for d in ds.person_dates(db, pid)] == [1]
    ds.set_date_done(db, did, 2026)
    ds.snooze_date(db, did, date(2026, 3, 20))
    assert [(d.version, d.done_year, d.snoozed_until) for d in ds.person_dates(db, pid)] == [(3, 2026, date(2026, 3, 20))]


def test_replacing_ones_dates_leaves_everyone_elses(db):
    ann = add_person(db, PersonDraft(name="Ann", dates=(date_draft("Birthday", When(None, 3, 25)),)))
    bo = add_person(db, PersonDraft(name="Bo", dates=(date_draft("Birthday", When(None, 3, 25)),
                                                      date_draft("Wedding", When(2012, 6, 5)))))
    bo_dates = [d.id for d in ds.person_dates(db, bo)]
    from netui.store.people import update_person

    person = get_person(db, ann)
    update_person(db, ann, person, {"dates": (date_draft("Wedding", When(2012, 6, 5)),)})
    assert [d.label for d in ds.person_dates(db, ann)] == ["Wedding"]
    assert [d.id for d in ds.person_dates(db, bo)] == bo_dates


def test_a_date_removed_elsewhere_is_not_found(db):
    from netui.store.errors import NotFound

    pid = add(db, "Ann Lee")
    ds.add_date(db, pid, date_draft("Birthday", When(None, 3, 25)))
    with pytest.raises(NotFound, match=r"^That date is no longer there; it may have been removed in another session\.$"):
        ds.remove_date(db, 999)


def test_a_window_reads_only_the_dates_that_may_fall_in_it(db):
    """The superset the domain decides on: the days of the window, every date with a lead
    time of its own, every 29 February; not the rest of the year."""
    pid = add(db, "Ann Lee")
    inside = ds.add_date(db, pid, date_draft("Birthday", When(None, 3, 12)))
    ds.add_date(db, pid, date_draft("Wedding", When(2010, 1, 5)))
    ds.add_date(db, pid, date_draft("Started", When(2010, 8, 20)))
    lead = ds.add_date(db, pid, date_draft("Exam", When(2026, 11, 1), yearly=False, lead_days=3))
    leap = ds.add_date(db, pid, date_draft("Leap", When(2000, 2, 29)))
    found = ds.dates_of_live_people(db, TODAY, 7)
    assert sorted(d.id for d, _, _ in found) == sorted([inside, lead, leap])
    assert {(name, ring) for _, name, ring in found} == {("Ann Lee", Ring.COLD)}
    assert len(ds.dates_of_live_people(db)) == len(ds.dates_of_live_people(db, TODAY, 365)) == 5


def test_dates_of_live_people_read_every_date_without_a_window(db):
    pid = add(db, "Ann Lee")
    near = ds.add_date(db, pid, date_draft("Birthday", When(None, 3, 16)))
    far = ds.add_date(db, pid, date_draft("Wedding", When(2010, 9, 1)))
    assert sorted(d.id for d, _, _ in ds.dates_of_live_people(db, TODAY)) == [near, far]
    assert sorted(d.id for d, _, _ in ds.dates_of_live_people(db)) == [near, far]
    # A window of a week keeps the date in it only (September is far off, with no lead of its own).
    assert [(d.id, name, ring) for d, name, ring in ds.dates_of_live_people(db, TODAY, 7)] == [
        (near, "Ann Lee", Ring.COLD)]
