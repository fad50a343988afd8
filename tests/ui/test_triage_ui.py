"""Sorting the unsorted one person at a time: single keys, checked in the database and on screen."""

from __future__ import annotations

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.people import get_person, link_knows
from netui.ui.screens.triage import TriageScreen
from tests.helpers import add, notifications, screen_text, settle
from tests.ui.test_import_ui import open_import, type_path

LINKEDIN_HEAD = (
    "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)


def linkedin_csv(path, count: int) -> None:
    rows = [
        f"Person,{i:02},https://www.linkedin.com/in/person-{i:02},,Company {i % 4},Role {i},0{1 + i % 9} Mar 2024\n"
        for i in range(1, count + 1)
    ]
    path.write_text(LINKEDIN_HEAD + "".join(rows), encoding="utf-8")


def networks(db, name: str) -> list[Network]:
    return [ms.network for ms in get_person(db, m.Person.get(m.Person.name == name).id).memberships]


async def test_twenty_imported_people_sorted_with_single_keys(db, make_test_app, tmp_path):
    ada = add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.SUPPORT,))  # in a network: not to sort
    csv = tmp_path / "Connections.csv"
    linkedin_csv(csv, 20)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_import(pilot)
        await type_path(pilot, str(csv))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot, rounds=8)
        assert m.Person.select().count() == 21
        assert "ctrl+t to sort" in screen_text(pilot)
        link_knows(db, ada, m.Person.get(m.Person.name == "Person 01").id, "met at the conference")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        text = screen_text(pilot)
        assert "1 of 20" in text and "Person 01" in text and "Role 1 at Company 1" in text
        assert "imported from LinkedIn" in text and "connected on: 2024-03-02" in text
        assert "Mutual connections (1)" in text and "Ada Lovelace (buddy) — met at the conference" in text

        # Each person in name order (Person 01 … Person 20), sorted with a key or two.
        plan = {
            0: ["s"],                          # support, then on to the next
            1: ["b", "p"],                     # buddy ring, then peer
            2: ["greater_than_sign", "m"],     # one ring in (lukewarm), then mentor
            3: ["x"],                          # skip for now
            4: ["d"],                          # trash
        }
        for i in range(20):
            for key in plan[i % 5]:
                await pilot.press(key)
                await settle(pilot)
            if i == 6:
                # Person 07 went buddy and peer: undo the peer, which comes back to them,
                # and make them a mentee instead (staying on them with E, then x on).
                assert "Person 08" in screen_text(pilot)
                await pilot.press("u")
                await settle(pilot)
                assert "Person 07" in screen_text(pilot) and "7 of 20" in screen_text(pilot)
                assert networks(db, "Person 07") == []
                await pilot.press("E")
                await settle(pilot)
                assert "Person 07" in screen_text(pilot)  # shifted: stays
                await pilot.press("x")
                await settle(pilot)
        text = screen_text(pilot)
        assert "Done: 12 sorted, 4 trashed, 4 skipped of 20" in text

    for i in range(1, 21):
        name = f"Person {i:02}"
        p = get_person(db, m.Person.get(m.Person.name == name).id)
        kind = (i - 1) % 5
        nets = [ms.network for ms in p.memberships]
        if name == "Person 07":
            assert (nets, p.ring, p.deleted_at) == ([Network.MENTEE], Ring.BUDDY, None)
        elif kind == 0:
            assert (nets, p.ring, p.deleted_at) == ([Network.SUPPORT], Ring.COLD, None)
        elif kind == 1:
            assert (nets, p.ring) == ([Network.PEER], Ring.BUDDY)
        elif kind == 2:
            assert (nets, p.ring) == ([Network.MENTOR], Ring.LUKEWARM)
        elif kind == 3:
            assert (nets, p.ring, p.deleted_at) == ([], Ring.COLD, None)
        else:
            assert p.deleted_at is not None and nets == []


async def test_trash_then_undo_comes_back_and_escape_leaves(db, make_test_app):
    first = add(db, "Amy Adams")
    add(db, "Bob Brown")
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TriageScreen())
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert get_person(db, first).deleted_at is not None
        assert "Bob Brown" in screen_text(pilot) and "2 of 2" in screen_text(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert get_person(db, first).deleted_at is None
        assert "Amy Adams" in screen_text(pilot) and "1 of 2" in screen_text(pilot)
        assert any("Undone" in n for n in notifications(app))
        await pilot.press("c")  # already cold: nothing changes, and it says so
        await settle(pilot)
        assert any("there already" in n for n in notifications(app))
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TriageScreen)


async def test_nobody_to_sort(db, make_test_app):
    add(db, "Ada Lovelace", networks=(Network.PEER,))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TriageScreen())
        await settle(pilot)
        assert "Nobody to sort" in screen_text(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert networks(db, "Ada Lovelace") == [Network.PEER]


async def test_text_from_a_file_is_shown_literally(db, make_test_app):
    add(db, "[bold red]Evil[/] Name", company="[link=http://x]Co[/link]",
        extra='{"linkedin": {"connected_on": "[b]2024[/b]"}}')
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TriageScreen())
        await settle(pilot)
        text = screen_text(pilot)
        assert "[bold red]Evil[/] Name" in text
        assert "[link=http://x]Co[/link]" in text
        assert "linkedin · connected on: [b]2024[/b]" in text


async def test_the_palette_opens_the_triage(db, make_test_app):
    add(db, "Amy Adams")
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Sort the unsorted")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        assert "Amy Adams" in screen_text(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "Nobody" not in screen_text(pilot) and "Done: 1 sorted" in screen_text(pilot)


async def test_keys_typed_faster_than_the_disk_sort_one_person_each(db, make_test_app):
    from textual import events

    ids = [add(db, f"Person {i}") for i in range(1, 5)]
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TriageScreen())
        await settle(pilot)
        # All at once, as a fast typist sends them: each key is for the next person.
        for key in ("s", "p", "x", "m"):
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert [[ms.network for ms in get_person(db, pid).memberships] for pid in ids] == [
            [Network.SUPPORT], [Network.PEER], [], [Network.MENTOR]]
        assert "Done: 3 sorted, 0 trashed, 1 skipped of 4" in screen_text(pilot)


def test_what_an_import_kept_is_shown_short():
    import json

    from netui.ui.screens.triage import EXTRA_LINES, extra_lines

    kept = json.dumps({"vcard": {"photo": "A" * 5000, **{f"x{i}": i for i in range(20)}},
                       "linkedin": {"connected_on": "2024-03-02"}})
    lines = extra_lines(kept)
    assert len(lines) == EXTRA_LINES + 1 and lines[-1] == f"and {21 + 1 - EXTRA_LINES} more kept"
    assert all(len(line) < 130 for line in lines)
    assert extra_lines("") == [] and extra_lines("[1, 2]") == [] and extra_lines("not json") == ["not json"]
