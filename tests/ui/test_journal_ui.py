"""The journal driven by keys: log, edit, delete, undo, follow-ups and filters, checked in the database."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta

from netui.domain.rings import Ring
from netui.store import journal as j
from netui.store import models as m
from netui.store.people import get_person
from netui.ui.screens.interaction_form import InteractionForm
from netui.ui.screens.journal import JournalScreen
from tests.conftest import TODAY
from tests.helpers import add, notifications, running, screen_text, settle


def log(db, people, day=TODAY, kind="coffee", summary="", notes="", **kw) -> int:
    return j.add_interaction(db, j.InteractionDraft(day, kind, tuple(people), summary, notes, **kw))


def notices(app) -> str:
    return "\n".join(notifications(app))


def live_entries() -> list[m.Interaction]:
    return list(m.Interaction.select().where(m.Interaction.deleted_at.is_null()).order_by(m.Interaction.id))


async def open_journal(pilot) -> None:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    assert isinstance(pilot.app.screen, JournalScreen)


async def test_l_on_people_logs_with_the_selected_person_and_restarts_the_clock(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview; these start from People
        await settle(pilot)
        assert "! due now" in screen_text(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, InteractionForm)
        assert "Ada Lovelace" in screen_text(pilot)
        await pilot.press(*"Tea and compilers", "ctrl+s")
        await settle(pilot)
        [entry] = live_entries()
        assert entry.summary == "Tea and compilers" and entry.kind == "coffee"
        assert str(entry.date) == TODAY.isoformat()
        assert get_person(db, ada).last_contact == TODAY
        assert "Logged: coffee with Ada Lovelace" in notices(app)
        text = screen_text(pilot)
        row = next(line for line in text.splitlines() if "Ada Lovelace" in line and "buddy" in line)
        assert "today" in row and "in 30d" in row  # last contact and due changed without a restart


async def test_pick_people_by_fuzzy_name_and_add_a_newcomer_as_cold(db, make_test_app):
    add(db, "Grace Hopper", Ring.STRATEGIC)
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press(*"grhop")
        await settle(pilot)
        assert "Grace Hopper" in screen_text(pilot)
        await pilot.press("enter")
        await pilot.press(*"Katherine Johnson", "enter")
        await settle(pilot)
        assert "Add them as a cold contact" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Katherine Johnson (new, cold)" in screen_text(pilot)
        assert m.Person.select().count() == 2  # nobody is added before the save
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = live_entries()
        names = sorted(p.person.name for p in entry.participants)
        assert names == ["Grace Hopper", "Katherine Johnson"]
        assert m.Person.get(m.Person.name == "Katherine Johnson").ring == "cold"
        assert "Katherine Johnson" in screen_text(pilot)


async def test_the_log_form_looks_names_up_as_typed_and_never_reads_everyone(db, make_test_app, monkeypatch):
    from netui.store import people as people_store
    from netui.ui.screens import interaction_form as form_module

    zoe = add(db, "Zoë Ådahl", company="Initech")
    grace = add(db, "Grace Hopper", Ring.STRATEGIC)
    add(db, "Zoe Smith")

    def everyone(*args):
        raise AssertionError("the log form read every name")

    def slow(*args):  # a lookup that takes its time, as on a large file on a slow disk
        time.sleep(0.3)
        return people_store.find_people(*args)

    monkeypatch.setattr(people_store, "name_index", everyone)
    monkeypatch.setattr(form_module, "find_people", slow)
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press(*"zoe a")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Zoë Ådahl  Initech" in text and "Zoe Smith" not in text  # accents ignored, words in order
        await pilot.press("enter")
        # Enter straight after the last letter, before its lookup is back: still the right one.
        await pilot.press(*"grhop", "enter")
        await settle(pilot)
        assert "Zoë Ådahl, Grace Hopper" in screen_text(pilot)
        # A name typed out in full and saved with ctrl+s counts as picked.
        await pilot.press(*"Zoe Smith", "ctrl+s")
        await settle(pilot)
        [entry] = live_entries()
        assert sorted(p.person_id for p in entry.participants) == sorted([zoe, grace, zoe + 2])


async def test_bad_dates_are_inline_errors_and_save_nothing(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview; these start from People
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # summary -> who -> kind -> date
        date_box = app.screen.query_one("#date")
        assert date_box.has_focus
        date_box.value = ""
        await pilot.press(*"2026-02-30")
        await settle(pilot)
        assert "February 2026 has 28 days" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nothing was saved" in screen_text(pilot)
        date_box.value = ""
        await pilot.press(*"next monday")
        await settle(pilot)
        assert "is in the future" in screen_text(pilot)
        date_box.value = ""
        await pilot.press(*"last friday")
        await settle(pilot)
        assert "Fri 13 Mar 2026 (yesterday)" in screen_text(pilot)
        assert m.Interaction.select().count() == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(live_entries()[0].date) == "2026-03-13"


async def test_escape_with_changes_asks_before_discarding(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press(*"half a thought", "escape")
        await settle(pilot)
        assert "Discard your changes" in screen_text(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, InteractionForm)
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, InteractionForm)
        assert m.Interaction.select().count() == 0
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("escape")  # nothing changed: closes at once
        await settle(pilot)
        assert not isinstance(app.screen, InteractionForm)


async def test_received_help_offers_a_follow_up(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview; these start from People
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press(*"She reviewed my CV", "tab", "tab")
        assert app.screen.query_one("#reciprocity").has_focus
        await pilot.press("enter", "down", "down", "enter")
        await settle(pilot)
        assert app.screen.query_one("#reciprocity").value == "received"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "helped you" in screen_text(pilot) and "tell them how their help turned out" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        [entry] = live_entries()
        assert entry.reciprocity == "received"
        assert entry.follow_up == TODAY + timedelta(days=14)


async def test_edit_delete_undo_and_follow_up_done_in_the_journal(db, make_test_app):
    ada = add(db, "Ada Lovelace")
    old = log(db, [ada], TODAY - timedelta(days=10), summary="Older coffee")
    new = log(db, [ada], TODAY - timedelta(days=1), summary="Newer lunch", kind="lunch", follow_up=TODAY + timedelta(days=3))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        text = screen_text(pilot)
        assert text.index("Newer lunch") < text.index("Older coffee")
        assert "⚑ 17 Mar" in text
        # f: follow-up done (and u puts it back)
        await pilot.press("f")
        await settle(pilot)
        assert m.Interaction.get_by_id(new).follow_up_done
        assert "✓ done" in screen_text(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert not m.Interaction.get_by_id(new).follow_up_done
        # e: edit the summary
        await pilot.press("e")
        await settle(pilot)
        summary = app.screen.query_one("#summary")
        summary.value = ""
        summary.focus()
        await pilot.press(*"Lunch, edited")
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = m.Interaction.get_by_id(new)
        assert row.summary == "Lunch, edited" and row.version == 4
        assert "Lunch, edited" in screen_text(pilot)
        # d: delete, u: undo
        await pilot.press("d")
        await settle(pilot)
        assert m.Interaction.get_by_id(new).deleted_at is not None
        assert "Lunch, edited" not in screen_text(pilot)
        assert get_person(db, ada).last_contact == TODAY - timedelta(days=10)
        await pilot.press("u")
        await settle(pilot)
        assert m.Interaction.get_by_id(new).deleted_at is None
        assert "Lunch, edited" in screen_text(pilot)
        assert m.Interaction.get_by_id(old).deleted_at is None


async def test_enter_opens_the_entry_and_its_keys_work(db, make_test_app):
    ada = add(db, "Ada Lovelace")
    iid = log(db, [ada], summary="[@click=app.quit]x", notes="line one\nline two 🎉 שלום", follow_up=TODAY)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "[@click=app.quit]x" in text and "line two 🎉 שלום" in text
        await pilot.press("f")
        await settle(pilot)
        assert m.Interaction.get_by_id(iid).follow_up_done
        assert app.is_running


async def test_filters_compose_by_keys(db, make_test_app):
    ada, grace = add(db, "Ada Lovelace"), add(db, "Grace Hopper")
    log(db, [ada], TODAY - timedelta(days=1), summary="Rustacean meetup", kind="event")
    log(db, [grace], TODAY - timedelta(days=2), summary="Rust borrowck chat", kind="call", follow_up=TODAY)
    log(db, [grace], TODAY - timedelta(days=40), summary="Pricing lunch", kind="lunch")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        assert "3 entries" in screen_text(pilot)
        await pilot.press("slash", *"rust")
        await settle(pilot, rounds=8)
        text = screen_text(pilot)
        assert "2 entries" in text and "Pricing" not in text
        await pilot.press("enter", "o")
        await settle(pilot)
        text = screen_text(pilot)
        assert "1 entry" in text and "Rust borrowck chat" in text and "Rustacean" not in text
        await pilot.press("x")
        await settle(pilot)
        assert "3 entries" in screen_text(pilot)
        # F: every filter in one dialog
        await pilot.press("F")
        await settle(pilot)
        await pilot.press(*"grace hopper", "tab", "enter", "down", "down", "down", "down", "enter")
        await settle(pilot)
        assert app.screen.query_one("#kind").value == "call"
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "with Grace Hopper" in text and "kind: call" in text and "1 entry" in text
        assert "Rust borrowck chat" in text and "Pricing" not in text


async def test_a_hostile_summary_shows_literally_in_table_search_and_notice(db, make_test_app):
    ada = add(db, "Ada Lovelace")
    log(db, [ada], summary="[bold]x[/] [@click=app.quit]y \x1b]0;pwned")
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_journal(pilot)
        assert "[bold]x[/] [@click=app.quit]y ]0;pwned" in screen_text(pilot)
        await pilot.press("slash", *"click")
        await settle(pilot, rounds=8)
        assert "[bold]x[/] [@click=app.quit]y" in screen_text(pilot)
        await pilot.press("enter", "d")
        await settle(pilot)
        assert m.Interaction.select().where(m.Interaction.deleted_at.is_null()).count() == 0
        assert "Deleted the coffee of 2026-03-14 ([bold]x[/] [@click=app.quit]y" in notices(app)
        assert app.is_running


async def test_a_concurrent_edit_is_never_lost(db, make_test_app):
    ada = add(db, "Ada Lovelace")
    iid = log(db, [ada], summary="Original")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("e")
        await settle(pilot)
        # Another session changes the same field while the form is open.
        j.update_interaction(db, iid, j.get_interaction(db, iid), {"summary": "Theirs"})
        summary = app.screen.query_one("#summary")
        summary.value = ""
        summary.focus()
        await pilot.press(*"Mine", "ctrl+s")
        await settle(pilot)
        assert "changed in another session" in screen_text(pilot)
        assert "theirs 'Theirs' · yours 'Mine'" in screen_text(pilot)
        assert m.Interaction.get_by_id(iid).summary == "Theirs"
        await pilot.press("ctrl+s")  # a deliberate second save overwrites
        await settle(pilot)
        assert m.Interaction.get_by_id(iid).summary == "Mine"


async def test_a_long_journal_is_windowed_and_the_end_loads(db, make_test_app):
    ada = add(db, "Ada Lovelace")
    start = date(2020, 1, 1)
    for i in range(450):
        log(db, [ada], start + timedelta(days=i), summary=f"entry number {i}")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        screen = app.screen
        assert "450 entries" in screen_text(pilot)
        assert sorted(screen.window.pages) == [0]  # only the first page was read
        await pilot.press("G")
        await settle(pilot)
        assert "entry number 0" in screen_text(pilot)
        assert "loading" not in screen_text(pilot)
        assert len(screen.window.pages) <= 2
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#summary").value == "entry number 0"


async def test_person_screen_shows_the_timeline_newest_first_with_counts_and_balance(db, make_test_app):
    ada, grace = add(db, "Ada Lovelace"), add(db, "Grace Hopper")
    log(db, [ada], TODAY - timedelta(days=9), summary="First coffee", reciprocity="received")
    log(db, [ada, grace], TODAY - timedelta(days=2), kind="lunch", summary="Lunch together", reciprocity="received")
    log(db, [ada], TODAY - timedelta(days=1), kind="call", summary="Quick call", reciprocity="gave")
    log(db, [grace], TODAY, summary="Not Ada's")
    app = make_test_app()
    async with app.run_test(size=(110, 50)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview; these start from People
        await settle(pilot)
        await pilot.press("enter")  # Ada is first by name
        await settle(pilot)
        text = screen_text(pilot)
        assert text.index("Quick call") < text.index("Lunch together") < text.index("First coffee")
        assert "(with Grace Hopper)" in text and "Not Ada's" not in text
        assert "3 interactions: call 1, coffee 1, lunch 1" in text
        assert "you gave 1, received 2, mutual 0: they have helped you 1 more" in text


async def test_very_long_notes_and_summaries_stay_usable(db, make_test_app):
    ada = add(db, "Ada Lovelace")
    notes = "\n".join(f"line {i} " + "word " * 200 for i in range(300))
    iid = log(db, [ada], summary="S" * 5000, notes=notes)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        assert "SSSS…" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "SSSSSSSS" in text and "e edit · d delete" in text  # it scrolls; the keys stay in view
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("slash", *"line")
        await settle(pilot, rounds=8)
        assert "1 entry" in screen_text(pilot)
        assert m.Interaction.get_by_id(iid).notes == "\n".join(line.rstrip() for line in notes.split("\n"))


def compilers_and_river(db) -> None:
    """Two entries with Ada: one about compilers, one by the river."""
    ada = add(db, "Ada Lovelace")
    log(db, [ada], summary="talked about compilers")
    log(db, [ada], summary="lunch by the river")


def searches_seen(monkeypatch) -> list[tuple[str, threading.Thread]]:
    """Every count the journal asks for: (the search text, the thread it ran in)."""
    seen: list[tuple[str, threading.Thread]] = []
    real = j.count_journal

    def counted(db, f, *args, **kwargs):
        seen.append((f.text, threading.current_thread()))
        return real(db, f, *args, **kwargs)

    monkeypatch.setattr(j, "count_journal", counted)
    return seen


async def until(pilot, condition, timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await pilot.pause()


def shown_summaries(screen) -> list[str]:
    window = screen.window
    return [window.item(window.key_at(i)).summary for i in range(window.total)]


async def test_every_search_runs_in_a_worker_and_finds_its_rows(db, make_test_app, monkeypatch):
    """The UI thread never searches (a one-letter prefix search is one long step SQLite
    cannot stop): each key's search goes to a worker thread, and its rows come all the same."""
    compilers_and_river(db)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        screen = app.screen
        seen = searches_seen(monkeypatch)
        await pilot.press("slash", "c")
        await settle(pilot)
        assert shown_summaries(screen) == ["talked about compilers"]
        await pilot.press("o")  # "co"
        await settle(pilot)
        assert shown_summaries(screen) == ["talked about compilers"]
        await pilot.press("backspace", "backspace", *"lu r")  # a one-letter word anywhere
        await settle(pilot)
        assert shown_summaries(screen) == ["lunch by the river"]
        assert "search: lu r" in screen_text(pilot)
        assert {"c", "co", "lu r"} <= {text for text, _ in seen}
        assert all(thread is not threading.main_thread() for _, thread in seen)


async def test_a_search_over_many_entries_finds_the_one_it_should(db, make_test_app, monkeypatch):
    from netui.store import demo

    demo.generate(db, people=40, interactions=800, seed=4, today=TODAY)
    ada = add(db, "Ada Lovelace")
    log(db, [ada], summary="talked about compilers")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        seen = searches_seen(monkeypatch)
        await pilot.press("slash", *"compilers")
        await settle(pilot)
        assert shown_summaries(app.screen) == ["talked about compilers"]
        assert "1 entry" in screen_text(pilot)
        assert seen and all(thread is not threading.main_thread() for _, thread in seen)
    assert m.Interaction.select().count() == 801  # searching changed nothing


async def test_a_newer_search_cancels_an_older_one_still_running(db, make_test_app, monkeypatch):
    """Typing on while a search is slow: the older search is cancelled, the newer one's rows
    are shown without waiting for it, and its late result is never shown."""
    from textual.worker import WorkerState

    compilers_and_river(db)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        screen = app.screen
        gate, held, done = threading.Event(), threading.Event(), threading.Event()
        real = j.count_journal

        def slow_for_comp(db, f, *args, **kwargs):
            if f.text != "comp":
                return real(db, f, *args, **kwargs)
            held.set()
            gate.wait(30)  # a slow disk
            try:
                return real(db, f, *args, **kwargs)
            finally:
                done.set()

        monkeypatch.setattr(j, "count_journal", slow_for_comp)
        try:
            await pilot.press("slash", *"comp")
            await until(pilot, held.is_set)
            [older] = running(app, "journal-load")
            await pilot.press(*["backspace"] * 4, *"river")
            await settle(pilot)  # the held search is not waited for
            assert older.state == WorkerState.CANCELLED
            assert not done.is_set()  # still held in its thread
            assert shown_summaries(screen) == ["lunch by the river"]
            assert "search: river" in screen_text(pilot)
            gate.set()
            await until(pilot, done.is_set)
            await settle(pilot)
            assert shown_summaries(screen) == ["lunch by the river"]  # the late one is dropped
            assert "search: river" in screen_text(pilot)
        finally:
            gate.set()
