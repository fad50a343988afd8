"""The monthly review's parts read from small databases built so that each clause of
their SQL, and each value handed on to the domain, changes what comes out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from netui.domain.journal import InteractionDraft
from netui.domain.models import PersonDraft
from netui.domain.review import ExposureMonth, Flow
from netui.domain.rings import Ring
from netui.store import review as store
from netui.store.journal import add_interaction
from netui.store.people import add_person, link_knows
from netui.store.settings import load_settings, save_settings, set_setting
from tests.helpers import add

TODAY = date(2026, 3, 14)


def log(db, people, days_ago, kind="coffee", reciprocity=None, summary=""):
    return add_interaction(
        db, InteractionDraft(TODAY - timedelta(days=days_ago), kind, tuple(people), summary, "", reciprocity)
    )


def test_a_flow_of_no_entries_counts_zero_each_way():
    assert store._flow({}) == Flow(0, 0, 0)
    assert store._flow({"gave": 2}) == Flow(received=0, given=2, mutual=0)
    assert store._flow({"received": 3, "mutual": 1}) == Flow(received=3, given=0, mutual=1)


def test_give_and_take_shows_as_many_debts_as_asked_and_counts_them_all(db):
    ann = add(db, "Ann", Ring.LUKEWARM)
    bob = add(db, "Bob", Ring.LUKEWARM)
    log(db, [ann], 30, reciprocity="received", summary="CV review")
    log(db, [bob], 20, reciprocity="received", summary="An intro")
    g = store.give_take(db, TODAY, shown=1)
    assert g.thanks_total == 2
    assert [(t.person_id, t.name, t.since, t.times, t.summary) for t in g.thanks_owed] == [
        (ann, "Ann", TODAY - timedelta(days=30), 1, "CV review")]


def test_capital_offers_a_reintroduction_to_a_cold_giver_inside_your_company(db):
    set_setting(db, "my_company", "Globex")
    gil = add(db, "Gil", Ring.COLD, company="Globex", help_tags=("hiring",))
    bea = add(db, "Bea", Ring.BUDDY, company="Contoso")
    log(db, [bea], 2)
    link_knows(db, bea, gil)
    inside = next(c for c in store.capital(db, TODAY, load_settings(db)).cells if c.kind.key == "inside")
    assert (inside.count, inside.warm, [g.person_id for g in inside.givers]) == (1, 0, [gil])
    assert inside.next_step == "closest: Gil (cold, never contacted); Bea could reintroduce you"


def test_readiness_gathers_intro_paths_to_everyone_there_and_shows_the_best_three(db):
    tom = add(db, "Tom", Ring.COLD, company="Hooli")
    tim = add(db, "Tim", Ring.LUKEWARM, company="Hooli")
    bea = add(db, "Bea", Ring.BUDDY, company="Contoso")
    cal = add(db, "Cal", Ring.STRATEGIC, company="Contoso")
    dan = add(db, "Dan", Ring.BUDDY, company="Contoso")
    eli = add(db, "Eli", Ring.STRATEGIC, company="Contoso")
    for pid, days in ((bea, 2), (cal, 1), (dan, 5), (eli, 3)):
        log(db, [pid], days)
    link_knows(db, bea, tom)
    link_knows(db, cal, tom)
    link_knows(db, dan, tim)
    link_knows(db, eli, tim)
    save_settings(db, replace(load_settings(db), target_companies=("Hooli",)))
    hooli = store.ready(db, TODAY, load_settings(db)).targets[0]
    # Four paths, two to each: buddies first, the more recently contacted first; three shown.
    assert [(p.person_id, c.person_id) for p, c in hooli.paths] == [(bea, tom), (dan, tim), (cal, tom)]
    assert hooli.status == "intro path"


def test_exposure_counts_a_month_with_people_added_and_no_broadcast(db):
    def person(name, ring, created):
        return add_person(db, PersonDraft(name, ring), now=datetime.combine(created, datetime.min.time()))

    person("Jun", Ring.COLD, date(2025, 6, 10))
    person("Jan", Ring.LUKEWARM, date(2025, 6, 20))
    e = store.exposure_report(db, TODAY)
    june = next(m for m in e.months if m.month == "2025-06")
    assert june == ExposureMonth("2025-06", broadcasts=0, added=2, moved_in=0, met_through=0)
    assert (e.added, e.moved_in, e.broadcast_count) == (2, 0, 0)


def test_debts_of_one_day_are_listed_by_name_and_the_first_shown_are_the_first_by_name(db):
    zed, amy, bea = add(db, "Zed"), add(db, "amy"), add(db, "Bea")  # added in this order: ids not by name
    for pid in (zed, amy, bea):
        log(db, [pid], 5, reciprocity="received", summary=f"help {pid}")
    g = store.give_take(db, TODAY)
    assert [(t.name, t.summary) for t in g.thanks_owed] == [
        ("amy", f"help {amy}"), ("Bea", f"help {bea}"), ("Zed", f"help {zed}")
    ]
    assert [t.name for t in store.give_take(db, TODAY, shown=2).thanks_owed] == ["amy", "Bea"]
