"""Finding people by what is typed in a name field, read from the index of folded names
(migration 14): the same answer as the domain's rules on the whole list, for any names."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netui.domain.fuzzy import fold
from netui.store import people as p
from netui.store.db import Database
from tests.helpers import add


def reference(typed: str, people: list[tuple[int, str, str]], limit: int, exclude=()) -> list[tuple[int, str, str]]:
    """The tiers of domain.fuzzy.rank_names, on every name, ties alphabetical (by folded name, then id)."""
    q = fold(typed)
    if not q:
        return []
    words = q.split()
    letters = q.replace(" ", "")

    def in_order(key: str) -> bool:
        at = 0
        for ch in letters:
            at = key.find(ch, at) + 1
            if not at:
                return False
        return True

    ranked = []
    for pid, name, company in people:
        key = fold(name)
        if pid in exclude:
            continue
        if key == q:
            tier = 0
        elif key.startswith(q) or f" {q}" in key:
            tier = 1
        elif all(w in key for w in words):
            tier = 2
        elif in_order(key):
            tier = 3
        else:
            continue
        ranked.append((tier, key, pid, (pid, name, company)))
    return [row for *_, row in sorted(ranked)][:limit]


def test_the_tiers_come_in_order_and_accents_and_case_are_ignored(db):
    exact = add(db, "Ada")
    word = add(db, "Grace Ada Hopper", company="Navy")
    start = add(db, "Adam Smith")
    somewhere = add(db, "Sadako")
    letters = add(db, "Anna Dalton")
    zoe = add(db, "Zoë Ådahl")
    add(db, "Bob")
    gone = add(db, "Ada Gone")
    p.trash_person(db, gone)
    found = p.find_people(db, "ADA", limit=10)
    assert [pid for pid, _, _ in found] == [exact, start, word, zoe, somewhere, letters]
    assert found[2] == (word, "Grace Ada Hopper", "Navy")
    assert p.find_people(db, "zoe ad", limit=3) == [(zoe, "Zoë Ådahl", "")]
    assert p.find_people(db, "adlt") == [(letters, "Anna Dalton", "")]
    assert p.find_people(db, "ada", limit=2) == [(exact, "Ada", ""), (start, "Adam Smith", "")]
    assert [pid for pid, _, _ in p.find_people(db, "ada", exclude=(exact, start))][:1] == [word]
    assert p.find_people(db, "  ") == []


def test_what_is_typed_is_matched_literally(db):
    percent = add(db, "50% Off")
    under = add(db, "a_b")
    add(db, "axb")
    add(db, "Back\\slash")
    assert p.find_people(db, "%") == [(percent, "50% Off", "")]
    assert p.find_people(db, "a_b") == [(under, "a_b", "")]
    assert [n for _, n, _ in p.find_people(db, "\\")] == ["Back\\slash"]


def test_completion_is_the_first_name_alphabetically_that_starts_so(db):
    add(db, "Zoë Smith")
    add(db, "zoe adams")
    gone = add(db, "Zoe Aaron")
    p.trash_person(db, gone)
    assert p.complete_name(db, "ZOE") == "zoe adams"
    assert p.complete_name(db, "zoë s") == "Zoë Smith"
    assert p.complete_name(db, "zoex") is None
    assert p.complete_name(db, " ") is None


def test_names_of_live_people(db):
    a, b = add(db, "Ada"), add(db, "Bob")
    p.trash_person(db, b)
    assert p.names_of(db, [a, b, a, 999]) == {a: "Ada"}
    assert p.names_of(db, []) == {}


def test_the_lookup_reads_the_index_not_the_people(db):
    plan = " ".join(
        row[-1] for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT id, name, company FROM person WHERE deleted_at IS NULL AND sort_key LIKE '%a%'"
        )
    )
    assert "COVERING INDEX person_live_lookup" in plan


NAME = st.text(alphabet="aAdeëÉ _%\\lo", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(NAME, min_size=1, max_size=12), typed=NAME, limit=st.integers(1, 8),
       drop=st.lists(st.integers(0, 11), max_size=3))
@example(names=["a b", "b a", "ab"], typed="b a", limit=8, drop=[])
def test_any_names_any_typing_same_as_the_rules(names, typed, limit, drop):
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "netui.db")
        try:
            people = [(add(db, name), name) for name in names if name.strip()]
            rows = [(pid, db.execute("SELECT name FROM person WHERE id = ?", (pid,)).fetchone()[0], "")
                    for pid, _ in people]
            exclude = tuple(rows[i][0] for i in drop if i < len(rows))
            assert p.find_people(db, typed, limit, exclude) == reference(typed, rows, limit, exclude)
        finally:
            db.close()
