"""The journal in the store: edits with a version check, soft delete, clocks, full-text search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.domain.rings import Ring
from netui.store import journal as j
from netui.store.errors import Conflict, NotFound, StoreError
from netui.store.people import PeopleQuery, get_person, list_people, trash_person, update_person
from tests.helpers import add

D = date(2026, 3, 10)


def log(db, people, day=D, kind="coffee", summary="", notes="", **kw) -> int:
    return j.add_interaction(db, j.InteractionDraft(day, kind, tuple(people), summary, notes, **kw))


def names_of(db, interaction_id: int) -> str:
    return " ".join(n for (n,) in db.execute(
        "SELECT p.name FROM participant pa JOIN person p ON p.id = pa.person_id WHERE pa.interaction_id = ? ORDER BY pa.id",
        [interaction_id]))


def last_contact(db, person_id: int):
    return next(r.last_contact for r in list_people(db, PeopleQuery()) if r.id == person_id)


def fts_ok(db) -> None:
    """FTS5's own check that the external-content index matches the interaction table."""
    db.execute("INSERT INTO interaction_fts (interaction_fts, rank) VALUES ('integrity-check', 1)")


def search(db, text: str, **kw) -> list[int]:
    return [r.id for r in j.journal_rows(db, j.JournalFilter(text=text, **kw), limit=None)]


@pytest.fixture
def two(db, db_path):
    return add(db, "Ada Lovelace", Ring.BUDDY), add(db, "Grace Hopper", Ring.STRATEGIC)


def test_logging_restarts_every_participants_clock(db, two):
    ada, grace = two
    assert last_contact(db, ada) is None
    log(db, [ada, grace], D)
    assert last_contact(db, ada) == D and last_contact(db, grace) == D
    log(db, [ada], D - timedelta(days=30))  # an older entry does not move the clock back
    assert last_contact(db, ada) == D


def test_editing_date_and_people_keeps_clocks_in_step(db, two):
    ada, grace = two
    katherine = add(db, "Katherine Johnson")
    iid = log(db, [ada, grace], D)
    base = j.get_interaction(db, iid)
    j.update_interaction(db, iid, base, {"date": D - timedelta(days=5), "person_ids": (ada, katherine)})
    entry = j.get_interaction(db, iid)
    assert entry.date == D - timedelta(days=5)
    assert entry.names == ("Ada Lovelace", "Katherine Johnson")
    assert last_contact(db, ada) == D - timedelta(days=5)
    assert last_contact(db, katherine) == D - timedelta(days=5)
    assert last_contact(db, grace) is None
    dates = {d for (d,) in db.execute("SELECT date FROM participant WHERE interaction_id = ?", (iid,))}
    assert dates == {(D - timedelta(days=5)).isoformat()}


def test_concurrent_edits_of_different_fields_merge(db, two):
    ada, _ = two
    iid = log(db, [ada], summary="Coffee")
    mine = theirs = j.get_interaction(db, iid)
    j.update_interaction(db, iid, theirs, {"notes": "their notes"})
    saved = j.update_interaction(db, iid, mine, {"summary": "Coffee and cake"})
    assert saved.summary == "Coffee and cake" and saved.notes == "their notes"
    assert saved.version == 3


def test_concurrent_edits_of_the_same_field_conflict_and_save_nothing(db, two):
    ada, _ = two
    iid = log(db, [ada], summary="Coffee")
    mine = theirs = j.get_interaction(db, iid)
    j.update_interaction(db, iid, theirs, {"summary": "Their summary"})
    with pytest.raises(Conflict) as caught:
        j.update_interaction(db, iid, mine, {"summary": "My summary", "kind": "lunch"})
    assert caught.value.fields == {"summary": ("Their summary", "My summary")}
    entry = j.get_interaction(db, iid)
    assert entry.summary == "Their summary" and entry.kind == "coffee"
    # Saving again over the fresh version is a deliberate overwrite.
    j.update_interaction(db, iid, entry, {"summary": "My summary"})
    assert j.get_interaction(db, iid).summary == "My summary"


def test_editing_a_deleted_entry_is_refused(db, two):
    ada, _ = two
    iid = log(db, [ada])
    base = j.get_interaction(db, iid)
    j.delete_interaction(db, iid)
    with pytest.raises(Conflict, match="deleted in another session"):
        j.update_interaction(db, iid, base, {"summary": "x"})


def test_bad_values_are_refused(db, two):
    ada, _ = two
    with pytest.raises(StoreError, match="Unknown kind"):
        log(db, [ada], kind="séance")
    with pytest.raises(StoreError, match="at least one person"):
        log(db, [])
    iid = log(db, [ada])
    with pytest.raises(StoreError, match="at least one person"):
        j.update_interaction(db, iid, j.get_interaction(db, iid), {"person_ids": ()})
    trash_person(db, ada)
    with pytest.raises(NotFound):
        log(db, [ada])


def test_delete_restore_and_purge_keep_search_and_clocks_right(db, two):
    ada, _ = two
    old = log(db, [ada], D - timedelta(days=40), summary="Old coffee")
    new = log(db, [ada], D, summary="Rustacean meetup", notes="talked about borrowck")
    fts_ok(db)
    assert search(db, "rust") == [new]
    j.delete_interaction(db, new)
    fts_ok(db)
    assert search(db, "rust") == []
    assert last_contact(db, ada) == D - timedelta(days=40)
    assert j.count_journal(db) == 1
    j.restore_interaction(db, new)
    fts_ok(db)
    assert search(db, "borrow") == [new]
    assert last_contact(db, ada) == D
    j.delete_interaction(db, new)
    j.purge_interaction(db, new)
    fts_ok(db)
    rows = db.execute("SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH 'rust*'").fetchall()
    assert rows == []
    assert search(db, "coffee") == [old]
    with pytest.raises(StoreError):
        j.purge_interaction(db, old)  # only deleted entries


def test_search_follows_edits(db, two):
    ada, _ = two
    iid = log(db, [ada], summary="Lunch about pricing", notes="")
    j.update_interaction(db, iid, j.get_interaction(db, iid), {"summary": "Lunch about hiring", "notes": "Zürich office"})
    fts_ok(db)
    assert search(db, "pricing") == []
    assert search(db, "hiring") == [iid]
    assert search(db, "zurich") == [iid]  # diacritics folded
    assert search(db, "zür") == [iid]  # prefix


def test_search_words_all_must_match_as_prefixes(db, two):
    ada, _ = two
    a = log(db, [ada], summary="Platform migration plans")
    b = log(db, [ada], summary="Platform team lunch")
    assert set(search(db, "plat")) == {a, b}
    assert search(db, "plat migr") == [a]


def test_search_finds_entries_by_a_participants_name(db, two):
    ada, grace = two
    a = log(db, [grace], summary="Compilers")
    b = log(db, [ada, grace], summary="Lunch")
    c = log(db, [ada], summary="Hopper-style COBOL talk")  # the word in the text, not the name
    d = log(db, [ada], summary="Engines")
    assert set(search(db, "hopper")) == {a, b, c}
    assert set(search(db, "grace hop")) == {a, b}
    assert j.count_journal(db, j.JournalFilter(text="hopper")) == 3
    assert j.count_journal(db, j.JournalFilter(text="engines")) == 1 and search(db, "engines") == [d]
    assert set(search(db, "hopper", person_id=ada)) == {b, c}
    assert search(db, "compil hopper") == [a]  # words from the text and a name together
    update_person(db, grace, get_person(db, grace), {"name": "Grace Murray"})
    assert set(search(db, "murray")) == {a, b} and set(search(db, "hopper")) == {c}


@pytest.mark.parametrize(
    "hostile", ['"', 'NEAR(a b)', "a OR b", "*", "summary:x", "^start", "[/]", "\x1b]0;pwned\x07", "'; DROP TABLE x;--"]
)
def test_search_text_is_never_run_as_fts_syntax(db, two, hostile):
    ada, _ = two
    log(db, [ada], summary="plain")
    literal = log(db, [ada], summary=f"before {hostile} after")
    assert search(db, hostile) == [literal]  # no exception, and the text itself is what is found


def test_an_fts_operator_is_a_word_to_find(db, two):
    ada, _ = two
    only_a = log(db, [ada], summary="alpha")
    both = log(db, [ada], summary="alpha ORacle beta")
    # As FTS syntax, "alpha OR beta" would find the first entry too.
    assert search(db, "alpha OR beta") == [both]
    assert only_a in search(db, "alpha")


def test_search_for_symbols_and_emoji_falls_back_to_substring(db, two):
    ada, _ = two
    iid = log(db, [ada], summary="Party 🎉 with [@click=app.quit]x")
    assert search(db, "🎉") == [iid]
    assert search(db, "[@click") == [iid]


def test_filters_compose(db, two):
    ada, grace = two
    a = log(db, [ada], D, kind="coffee", summary="beans")
    b = log(db, [ada, grace], D - timedelta(days=3), kind="lunch", summary="beans and rice", follow_up=D + timedelta(days=7))
    c = log(db, [grace], D - timedelta(days=20), kind="coffee", summary="tea")
    f = j.JournalFilter
    assert [r.id for r in j.journal_rows(db, limit=None)] == [a, b, c]
    assert search(db, "", person_id=grace) == [b, c]
    assert search(db, "", kind="coffee") == [a, c]
    assert search(db, "", since=D - timedelta(days=5)) == [a, b]
    assert search(db, "", until=D - timedelta(days=5)) == [c]
    assert search(db, "", open_follow_ups=True) == [b]
    assert search(db, "beans", person_id=grace, kind="lunch", since=D - timedelta(days=5), open_follow_ups=True) == [b]
    assert search(db, "beans", person_id=grace, kind="coffee") == []
    j.set_follow_up_done(db, b)
    assert search(db, "", open_follow_ups=True) == []
    assert j.count_journal(db, f(person_id=ada)) == 2
    row = j.journal_rows(db, f(kind="lunch"))[0]
    assert row.people == ("Ada Lovelace", "Grace Hopper") and row.follow_up_done


def test_follow_up_done_needs_a_follow_up(db, two):
    ada, _ = two
    iid = log(db, [ada])
    with pytest.raises(StoreError, match="no follow-up"):
        j.set_follow_up_done(db, iid)


def test_slices_from_either_end_and_keysets_agree(db, two):
    ada, grace = two
    ids = [log(db, [ada if i % 3 else grace], D - timedelta(days=i // 4), summary=f"entry {i}") for i in range(57)]
    everything = [r.id for r in j.journal_rows(db, limit=None)]
    assert sorted(everything) == sorted(ids)
    total = j.count_journal(db)
    for start in range(0, total, 10):
        part = [r.id for r in j.journal_slice(db, j.JournalFilter(), start, start + 10, total)]
        assert part == everything[start : start + 10]
    middle = j.journal_rows(db, limit=None)[19]
    keyset = j.journal_slice(db, j.JournalFilter(), 20, 30, total, after=(middle.date, middle.id))
    assert [r.id for r in keyset] == everything[20:30]
    for index in (0, 13, 56):
        assert j.journal_position(db, j.JournalFilter(), everything[index]) == index


def test_position_is_none_outside_the_filter(db, two):
    ada, grace = two
    a = log(db, [ada])
    log(db, [grace])
    assert j.journal_position(db, j.JournalFilter(person_id=grace), a) is None
    assert j.journal_position(db, j.JournalFilter(person_id=ada), a) == 0


def test_positions_under_a_search_match_the_list(db, two):
    """Where an entry sits among a search's matches (alone, or with another filter), and
    None for one that does not match or is deleted."""
    ada, grace = two
    ids = [
        log(db, [ada if i % 2 else grace], D - timedelta(days=i // 3), summary=("coffee chat" if i % 3 else "lunch"), notes=f"n{i}")
        for i in range(40)
    ]
    j.delete_interaction(db, ids[4])
    for f in (j.JournalFilter(text="coff"), j.JournalFilter(text="coff", person_id=ada), j.JournalFilter(text="lunch")):
        listed = [r.id for r in j.journal_rows(db, f, limit=None)]
        assert listed, f
        for index, iid in enumerate(listed):
            assert j.journal_position(db, f, iid) == index, (f, iid)
        for iid in set(ids) - set(listed):
            assert j.journal_position(db, f, iid) is None, (f, iid)


def test_hostile_text_is_stored_cleaned_but_literal(db, two):
    ada, _ = two
    iid = log(db, [ada], summary="[b]bold[/b] \x1b[31mred\u202e", notes="line one\r\nline two\x07")
    entry = j.get_interaction(db, iid)
    assert entry.summary == "[b]bold[/b] [31mred"
    assert entry.notes == "line one\nline two"


def test_demo_journal_is_plausible_per_ring(db, db_path):
    from netui.store import demo

    demo.generate(db, people=200, interactions=4000, seed=3, today=date(2026, 3, 14))
    per_ring = {
        ring: (people, contacts)
        for ring, people, contacts in db.execute(
            """SELECT p.ring, count(DISTINCT p.id), count(pa.id) FROM person p
                 LEFT JOIN participant pa ON pa.person_id = p.id GROUP BY p.ring"""
        )
    }
    rate = {ring: contacts / people for ring, (people, contacts) in per_ring.items()}
    assert rate["buddy"] > rate["strategic"] > rate["lukewarm"] > rate["cold"]
    assert rate["buddy"] > 10 * rate["cold"]
    assert j.count_journal(db) == 4000
    fts_ok(db)
    assert max(r.date for r in j.journal_rows(db, limit=5)) < date(2026, 3, 14) + timedelta(days=1)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_search_index_holds_exactly_the_live_entries_through_every_change(db, two, seed):
    """Counts come from the index alone, so it must hold the live entries and nothing else,
    whatever happens: logging, edits, soft deletes, restores, purges, edits while deleted."""
    import random

    rng = random.Random(seed)
    ada, grace = two
    words = ["coffee", "rust", "hiring", "burnout", "mentor", "café"]
    ids: list[int] = []
    for _ in range(120):
        op = rng.random()
        live = [i for i in ids if j.get_interaction(db, i).deleted_at is None]
        gone = [i for i in ids if i not in live]
        text = " ".join(rng.sample(words, 2))
        if op < 0.4 or not ids:
            ids.append(log(db, [rng.choice([ada, grace])], D - timedelta(days=rng.randrange(400)), summary=text))
        elif op < 0.5 and live:
            target = rng.choice(live)
            j.update_interaction(db, target, j.get_interaction(db, target), {"notes": text})
        elif op < 0.55 and live:  # who was there changes
            target = rng.choice(live)
            j.update_interaction(db, target, j.get_interaction(db, target),
                                 {"person_ids": tuple(rng.sample([ada, grace], rng.choice([1, 2])))})
        elif op < 0.6:  # a person renamed: every entry they are in is found by the new name
            who = rng.choice([ada, grace])
            update_person(db, who, get_person(db, who), {"name": rng.choice(["Ada Lovelace", "Grace Hopper", "Coffee Hiring"])})
        elif op < 0.7 and live:
            j.delete_interaction(db, rng.choice(live))
        elif op < 0.85 and gone:
            j.restore_interaction(db, rng.choice(gone))
        elif gone:
            target = rng.choice(gone)
            j.purge_interaction(db, target)
            ids.remove(target)
    fts_ok(db)
    # The index holds each live entry's own text and the names of who is in it, and nothing else.
    assert db.execute("SELECT rowid, summary, notes, people FROM interaction_fts ORDER BY rowid").fetchall() == [
        (i, e.summary, e.notes, names_of(db, i))
        for i in sorted(ids) if (e := j.get_interaction(db, i)).deleted_at is None
    ]
    for word in [*words, "c", "co", "zzz", "hop", "lovel"]:
        f = j.JournalFilter(text=word)
        every = [r.id for r in j.journal_rows(db, f, limit=None)]
        assert j.count_journal(db, f) == len(every)
        # The kind filter forces the general count, which looks every match up.
        general = db.execute(
            "SELECT count(*) FROM interaction i WHERE i.deleted_at IS NULL AND i.id IN "
            "(SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH ?)",
            [j.fts_query(word)],
        ).fetchone()[0]
        assert general == len(every)
        if word.isascii():
            expected = sum(
                1
                for i in ids
                if (e := j.get_interaction(db, i)).deleted_at is None
                and any(w.startswith(word) for w in f"{e.summary} {e.notes} {names_of(db, i)}".lower().split())
            )
            assert len(every) == expected


def test_both_ways_of_finding_a_page_of_matches_agree(db, two, monkeypatch):
    ada, grace = two
    for i in range(60):
        log(db, [ada if i % 2 else grace], D - timedelta(days=i % 17), summary="coffee chat" if i % 3 else "tea")
    f = j.JournalFilter(text="coff")
    total = j.count_journal(db, f)
    few = [r.id for r in j.journal_slice(db, f, 0, 15, total)]
    monkeypatch.setattr(j, "MANY_MATCHES", 0)  # now the date-index walk
    many = [r.id for r in j.journal_slice(db, f, 0, 15, total)]
    assert few == many and len(few) == 15
    last = j.journal_slice(db, f, total - 10, total, total)
    monkeypatch.setattr(j, "MANY_MATCHES", 10**9)
    assert [r.id for r in last] == [r.id for r in j.journal_slice(db, f, total - 10, total, total)]


@pytest.mark.parametrize(
    ("f", "index"),
    [
        (j.JournalFilter(kind="coffee"), "interaction_live_kind"),
        (j.JournalFilter(open_follow_ups=True), "interaction_open_by_date"),
    ],
)
def test_kind_and_open_follow_up_filters_use_their_own_index(db, db_path, f, index):
    """Without them SQLite walks every entry by date and looks each one up (390 ms to
    count one kind on 200,000 entries)."""
    where, params = j._where(f)
    pages = [f"SELECT i.id FROM interaction i WHERE {where} ORDER BY i.date {o}, i.id {o} LIMIT 100 OFFSET 5"
             for o in ("ASC", "DESC")]
    # (Open follow-ups are counted by the older follow_up index, a few ms at any size.)
    counts = [f"SELECT count(*) FROM interaction i WHERE {where}"] if f.kind else []
    for sql in [*counts, *pages]:
        plan = " ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())
        assert index in plan, plan

