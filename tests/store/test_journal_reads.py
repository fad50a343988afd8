"""What the journal reads back: a person's timeline and tallies, one entry, the Journal's
rows, and the follow-up states the Agenda's undo puts back."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from netui.domain.rings import Ring
from netui.store import journal as j
from netui.store.errors import NotFound, StoreError
from netui.store.people import trash_person
from tests.helpers import add

D = date(2026, 3, 10)
WHEN = datetime(2026, 3, 10, 12, 30, 0)


def log(db, people, day=D, kind="coffee", summary="", notes="", **kw) -> int:
    return j.add_interaction(db, j.InteractionDraft(day, kind, tuple(people), summary, notes, **kw), now=WHEN)


@pytest.fixture
def three(db):
    return add(db, "Ada Lovelace", Ring.BUDDY), add(db, "Grace Hopper"), add(db, "Katherine Johnson")


def test_a_timeline_lists_a_persons_live_entries_newest_first_with_the_others(db, three):
    ada, grace, kat = three
    first = log(db, [ada], D - timedelta(days=3), "call", "first", reciprocity="gave")
    shared = log(db, [ada, grace, kat], D, "lunch", "dinner", follow_up=D + timedelta(days=7), follow_up_every="2w")
    same_day = log(db, [grace, ada], D, "coffee", "later the same day")
    gone = log(db, [ada], D + timedelta(days=1), "call", "deleted")
    j.delete_interaction(db, gone)
    log(db, [grace], D + timedelta(days=2), "call", "not Ada's")
    timeline = j.person_timeline(db, ada)
    assert timeline == [
        j.TimelineEntry(same_day, D, "coffee", "later the same day", None, None, False, ("Grace Hopper",), None),
        j.TimelineEntry(shared, D, "lunch", "dinner", None, D + timedelta(days=7), False,
                        ("Grace Hopper", "Katherine Johnson"), "2w"),
        j.TimelineEntry(first, D - timedelta(days=3), "call", "first", "gave", None, False, (), None),
    ]
    j.put_follow_up_back(db, shared, j.FollowUpState(D, True, None))
    done = j.person_timeline(db, ada)[1]
    assert done.follow_up_done is True and done.follow_up == D


def test_a_timeline_stops_at_its_limit(db, three):
    ada = three[0]
    draft = j.InteractionDraft(D, "call", (ada,))
    for _ in range(201):
        j.add_interaction(db, draft, now=WHEN)
    assert len(j.person_timeline(db, ada)) == 200
    assert len(j.person_timeline(db, ada, limit=5)) == 5


def test_timeline_counts_tally_kinds_and_give_and_take(db, three):
    ada, grace, _ = three
    log(db, [ada], kind="coffee", reciprocity="gave")
    log(db, [ada, grace], kind="coffee", reciprocity="gave")
    log(db, [ada], kind="coffee")
    log(db, [ada], kind="call", reciprocity="received")
    log(db, [ada], kind="call", reciprocity="mutual")
    j.delete_interaction(db, log(db, [ada], kind="lunch", reciprocity="gave"))
    log(db, [grace], kind="lunch", reciprocity="received")
    assert j.timeline_counts(db, ada) == {
        "coffee": 3, "call": 2, "reciprocity:gave": 2, "reciprocity:received": 1, "reciprocity:mutual": 1,
    }
    assert j.timeline_counts(db, three[2]) == {}


def test_one_entry_reads_back_whole(db, three):
    ada, grace, _ = three
    iid = log(db, [grace, ada], D, "lunch", "dinner", "line one\nline two", reciprocity="mutual",
              follow_up=D + timedelta(days=1), follow_up_every="1m")
    entry = j.get_interaction(db, iid)
    assert entry == j.Interaction(
        id=iid, date=D, kind="lunch", version=1, people=((grace, "Grace Hopper"), (ada, "Ada Lovelace")),
        summary="dinner", notes="line one\nline two", reciprocity="mutual", follow_up=D + timedelta(days=1),
        follow_up_done=False, created_at=WHEN, updated_at=WHEN, deleted_at=None, follow_up_every="1m",
    )
    later = WHEN + timedelta(hours=1)
    j.delete_interaction(db, iid, now=later)
    gone = j.get_interaction(db, iid)
    assert gone.deleted_at == later and gone.version == 2
    with pytest.raises(NotFound, match="journal entry is gone"):
        j.get_interaction(db, iid + 100)


def test_a_repeat_needs_a_follow_up_to_repeat(db, three):
    iid = log(db, [three[0]], follow_up_every="2w")
    assert j.get_interaction(db, iid).follow_up_every is None


def test_people_named_twice_are_in_an_entry_once(db, three):
    ada, grace, _ = three
    iid = log(db, [ada, grace, ada])
    assert j.get_interaction(db, iid).person_ids == (ada, grace)


def test_an_entry_needs_someone_unless_it_is_a_broadcast(db, three):
    with pytest.raises(StoreError, match="needs at least one person"):
        log(db, [], kind="coffee")
    talk = log(db, [], kind="talk", summary="PyCon keynote")
    assert j.get_interaction(db, talk).people == ()


def test_an_entry_with_someone_in_the_trash_is_refused(db, three):
    ada, grace, _ = three
    trash_person(db, grace)
    with pytest.raises(NotFound, match="no longer there"):
        log(db, [ada, grace])
    with pytest.raises(NotFound, match="no longer there"):
        log(db, [ada, 9999])
    assert j.count_journal(db) == 0


def test_unknown_kinds_and_reciprocities_are_refused_by_name(db, three):
    with pytest.raises(StoreError, match=r"Unknown kind 'brunch'; choose one of coffee, "):
        log(db, [three[0]], kind="brunch")
    with pytest.raises(StoreError, match=r"Unknown reciprocity 'took'; choose gave, received or mutual\."):
        log(db, [three[0]], reciprocity="took")
    for recip in ("gave", "received", "mutual", None):
        assert j.get_interaction(db, log(db, [three[0]], reciprocity=recip)).reciprocity == recip


def test_follow_up_state_is_read_and_put_back(db, three):
    iid = log(db, [three[0]], follow_up=D)
    before = j.follow_up_state(db, iid)
    assert before == j.FollowUpState(D, False, None)
    assert j.complete_follow_up(db, iid, D) == before
    assert j.follow_up_state(db, iid) == j.FollowUpState(D, True, None)
    db.execute("UPDATE interaction SET follow_up_snoozed_until = '2026-04-01' WHERE id = ?", (iid,))
    assert j.follow_up_state(db, iid).snoozed_until == date(2026, 4, 1)
    j.put_follow_up_back(db, iid, before)
    assert j.follow_up_state(db, iid) == before
    assert j.get_interaction(db, iid).version == 3
    with pytest.raises(NotFound, match="journal entry is gone"):
        j.follow_up_state(db, iid + 1)
    with pytest.raises(NotFound):
        j.put_follow_up_back(db, iid + 1, before)


def test_a_repeating_follow_up_moves_on_from_the_day_it_was_done(db, three):
    iid = log(db, [three[0]], follow_up=D, follow_up_every="2w")
    db.execute("UPDATE interaction SET follow_up_snoozed_until = '2026-03-12' WHERE id = ?", (iid,))
    before = j.complete_follow_up(db, iid, date(2026, 3, 20))
    assert before == j.FollowUpState(D, False, date(2026, 3, 12))
    assert j.follow_up_state(db, iid) == j.FollowUpState(date(2026, 4, 3), False, None)
    entry = j.set_follow_up_done(db, iid, True, now=WHEN + timedelta(days=1))
    assert entry.follow_up == (WHEN + timedelta(days=15)).date() and not entry.follow_up_done
    assert entry.updated_at == WHEN + timedelta(days=1)
    # Opening it again does not move it.
    entry = j.set_follow_up_done(db, iid, False, now=WHEN)
    assert entry.follow_up == (WHEN + timedelta(days=15)).date() and not entry.follow_up_done


def test_a_follow_up_is_marked_done_and_open_again(db, three):
    iid = log(db, [three[0]], follow_up=D)
    entry = j.set_follow_up_done(db, iid, now=WHEN + timedelta(days=2))
    assert entry.follow_up_done is True and entry.follow_up == D
    assert entry.updated_at == WHEN + timedelta(days=2) and entry.version == 2
    entry = j.set_follow_up_done(db, iid, False)
    assert entry.follow_up_done is False and entry.version == 3
    j.delete_interaction(db, iid)
    with pytest.raises(NotFound, match="That entry was deleted"):
        j.set_follow_up_done(db, iid)
    with pytest.raises(StoreError, match="no follow-up to mark"):
        j.set_follow_up_done(db, log(db, [three[0]]))


def test_journal_rows_carry_their_peoples_names_and_ids_in_order(db, three):
    ada, grace, kat = three
    both = log(db, [kat, ada], D, summary="pair")
    talk = log(db, [], D - timedelta(days=1), kind="talk", summary="nobody named")
    rows = j.journal_rows(db, limit=None)
    assert [(r.id, r.people, r.person_ids) for r in rows] == [
        (both, ("Katherine Johnson", "Ada Lovelace"), (kat, ada)),
        (talk, (), ()),
    ]


def test_counts_agree_with_the_listed_rows_under_every_filter(db, three):
    """A search alone is counted from the index; with any other filter, through the
    journal: both must count what the Journal lists."""
    ada, grace, _ = three
    log(db, [ada], D, "coffee", "rust meetup")
    log(db, [grace], D - timedelta(days=10), "coffee", "rust book", follow_up=D)
    log(db, [ada, grace], D - timedelta(days=20), "call", "rust jobs")
    log(db, [grace], D, "lunch", "python")
    j.delete_interaction(db, log(db, [ada], D, "coffee", "rust deleted"))
    F = j.JournalFilter
    expected = {
        F(): 4,
        F(text="rust"): 3,
        F(text="rust", person_id=grace): 2,
        F(text="rust", person_id=ada): 2,
        F(text="rust", kind="call"): 1,
        F(text="rust", since=D - timedelta(days=5)): 1,
        F(text="rust", until=D - timedelta(days=5)): 2,
        F(text="rust", open_follow_ups=True): 1,
        F(text="  rust\x1b  "): 3,
        F(text="🎉"): 0,
        F(text="\x1b"): 4,  # nothing left to search for once cleaned: every entry
    }
    for f, n in expected.items():
        assert j.count_journal(db, f) == n == len(j.journal_rows(db, f, limit=None)), f


def test_a_search_alone_is_counted_by_the_index_without_reading_the_journal(db, three):
    log(db, [three[0]], summary="rust meetup")
    log(db, [three[0]], summary="rust book")
    read: set[str] = set()

    def note(action, table, column, database, trigger):
        import sqlite3

        if action == sqlite3.SQLITE_READ:
            read.add(table)
        return sqlite3.SQLITE_OK

    conn = db.orm.connection()
    conn.set_authorizer(note)
    try:
        assert j.count_journal(db, j.JournalFilter(text="rust")) == 2
        assert "interaction" not in read and "interaction_fts" in read
        read.clear()
        assert j.count_journal(db, j.JournalFilter(text="rust", kind="coffee")) == 2
        assert "interaction" in read
    finally:
        conn.set_authorizer(None)


def test_a_slice_keeps_the_filter_from_either_end_and_after_a_key(db, three):
    ada, grace, _ = three
    for i in range(12):
        log(db, [ada if i % 2 else grace], D - timedelta(days=i), summary=f"entry {i}")
    f = j.JournalFilter(person_id=ada)
    listed = [r.id for r in j.journal_rows(db, f, limit=None)]
    total = j.count_journal(db, f)
    assert total == len(listed) == 6
    assert [r.id for r in j.journal_slice(db, f, 0, 2, total)] == listed[0:2]  # from the newest
    assert [r.id for r in j.journal_slice(db, f, 4, 10, total)] == listed[4:6]  # from the oldest
    key = j.journal_rows(db, f, limit=None)[2]
    assert [r.id for r in j.journal_slice(db, f, 3, 5, total, after=(key.date, key.id))] == listed[3:5]
    assert j.journal_slice(db, f, 3, 3, total) == []
    assert j.journal_slice(db, f, 6, 9, total) == []


def test_logging_with_new_names_adds_them_as_cold_contacts_in_the_same_entry(db, three):
    ada = three[0]
    iid = j.log_interaction(db, j.InteractionDraft(D, "coffee", (ada,), "met two new people"),
                            ("  Mary Jackson ", "Dorothy Vaughan"), now=WHEN)
    entry = j.get_interaction(db, iid)
    assert [name for _, name in entry.people] == ["Ada Lovelace", "Mary Jackson", "Dorothy Vaughan"]
    new = entry.person_ids[1:]
    rows = db.execute(
        f"SELECT name, ring, created_at FROM person WHERE id IN ({','.join('?' * len(new))}) ORDER BY id", new
    ).fetchall()
    assert rows == [("Mary Jackson", "cold", "2026-03-10 12:30:00"), ("Dorothy Vaughan", "cold", "2026-03-10 12:30:00")]


def test_editing_with_new_names_adds_them_to_the_entry(db, three):
    ada, grace, _ = three
    iid = log(db, [ada])
    base = j.get_interaction(db, iid)
    edited = j.edit_interaction(db, base, {"summary": "now with more"}, ("Mary Jackson",), now=WHEN)
    assert [name for _, name in edited.people] == ["Ada Lovelace", "Mary Jackson"]
    assert edited.summary == "now with more"
    created = db.execute("SELECT created_at FROM person WHERE name = 'Mary Jackson'").fetchone()[0]
    assert created == "2026-03-10 12:30:00"
    again = j.edit_interaction(db, edited, {"person_ids": (grace,)}, ("Dorothy Vaughan",))
    assert [name for _, name in again.people] == ["Grace Hopper", "Dorothy Vaughan"]


def test_an_edit_is_cleaned_like_a_new_entry_and_unchanged_values_are_not_saved(db, three):
    ada, grace, _ = three
    iid = log(db, [ada, grace], reciprocity="gave", follow_up=D)
    base = j.get_interaction(db, iid)
    edited = j.update_interaction(db, iid, base, {
        "summary": "  coffee\x1b  chat\n", "notes": "first line\r\n\x07second line  ", "reciprocity": "",
    })
    assert edited.summary == "coffee chat"
    assert edited.notes == "first line\nsecond line"  # line breaks are kept in notes
    assert edited.reciprocity is None
    # The same people in another order, named twice, or the same done flag as a number: no change.
    same = j.update_interaction(db, iid, edited, {"person_ids": (grace, ada, grace), "follow_up_done": 0})
    assert same.version == edited.version
    moved = j.update_interaction(db, iid, same, {"person_ids": (grace, ada, grace)})
    assert moved.version == same.version


def test_rows_after_a_key_from_either_end_keep_their_filter(db, three):
    ada, grace, _ = three
    ids = [log(db, [ada], D - timedelta(days=i), kind="call" if i % 2 else "coffee") for i in range(8)]
    f = j.JournalFilter(kind="call")
    newest = [r.id for r in j.journal_rows(db, f, limit=None)]
    oldest = [r.id for r in j.journal_rows(db, f, limit=None, oldest_first=True)]
    assert oldest == newest[::-1] == [ids[7], ids[5], ids[3], ids[1]]
    key = j.get_interaction(db, newest[1])
    after = (key.date, key.id)
    assert [r.id for r in j.journal_rows(db, f, after=after)] == newest[2:]
    assert [r.id for r in j.journal_rows(db, f, after=after, oldest_first=True)] == [newest[0]]
    assert [r.id for r in j.journal_rows(db, f, limit=1, offset=1)] == [newest[1]]


def test_a_page_of_rows_is_a_hundred_unless_asked(db, three):
    draft = j.InteractionDraft(D, "call", (three[0],))
    for _ in range(101):
        j.add_interaction(db, draft, now=WHEN)
    assert len(j.journal_rows(db)) == 100
    assert len(j.journal_rows(db, limit=None)) == 101
