"""The Funnel board driven by keys, checked in the database and on screen."""

from __future__ import annotations

from datetime import date

from textual import events

from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.people import get_person, link_knows
from netui.ui.screens.funnel import FunnelScreen
from netui.ui.screens.funnel_report import FunnelReportScreen
from netui.ui.screens.person import PersonScreen
from tests.helpers import add, notifications, screen_text, settle


def moves_of(person_id: int) -> list[tuple[str | None, str, str]]:
    return [
        (mv.from_ring, mv.to_ring, mv.reason)
        for mv in m.RingMove.select().where(m.RingMove.person == person_id).order_by(m.RingMove.id)
    ]


def notes(pilot) -> str:
    """Every notification so far (tests run with toasts hidden, but they are still recorded)."""
    return " | ".join(notifications(pilot.app))


def board(pilot) -> FunnelScreen:
    screen = pilot.app.screen
    assert isinstance(screen, FunnelScreen)
    return screen


def column_names(pilot, ring: Ring) -> list[str]:
    return [card.title for card in board(pilot).column(ring.index).cards]


def selected_name(pilot) -> str | None:
    key = board(pilot).selected_person_id()
    row = board(pilot).row_of(key)
    return row.name if row is not None else None


async def open_funnel(app, pilot):
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


def cast(db):
    """A small network: three cold, two lukewarm, one strategic, one buddy."""
    ids = {
        "ada": add(db, "Ada Cold", Ring.COLD, company="Acme"),
        "bo": add(db, "Bo Cold", Ring.COLD, company="Globex", help_tags=("hiring",)),
        "cy": add(db, "Cy Cold", Ring.COLD),
        "di": add(db, "Di Luke", Ring.LUKEWARM, company="Initech"),
        "ed": add(db, "Ed Luke", Ring.LUKEWARM),
        "fay": add(db, "Fay Strat", Ring.STRATEGIC, company="Acme"),
        "gus": add(db, "Gus Buddy", Ring.BUDDY, company="Hooli"),
    }
    return ids


async def test_four_columns_with_counts_and_cards(db, make_test_app):
    ids = cast(db)
    add_interaction(db, InteractionDraft(date(2026, 3, 4), "coffee", (ids["di"],)))  # 10 days ago
    add_interaction(db, InteractionDraft(date(2025, 11, 1), "call", (ids["ed"],)))  # 133 days: due (90)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        text = screen_text(pilot)
        header = text.splitlines()[1]
        assert header.index("cold") < header.index("lukewarm") < header.index("strategic") < header.index("buddy")
        assert "cold" in header and " 3 " in header and " 2 " in header
        assert column_names(pilot, Ring.COLD) == ["Ada Cold", "Bo Cold", "Cy Cold"]
        assert column_names(pilot, Ring.BUDDY) == ["Gus Buddy"]
        di = board(pilot).column(1).cards[0]
        ed = board(pilot).column(1).cards[1]
        assert (di.title, di.detail, di.flag, di.mark) == ("Di Luke", "Initech", "10d", "")
        assert (ed.title, ed.flag, ed.corner, ed.mark) == ("Ed Luke", "133d", "!", "due")
        assert "10d" in text and "133d" in text and "Initech" in text


async def test_distant_mentors_are_marked_and_never_due(db, make_test_app):
    from netui.domain.models import Membership, PersonDraft
    from netui.domain.networks import Network
    from netui.store.people import add_person

    add_person(db, PersonDraft("Dana Distant", Ring.STRATEGIC, memberships=(Membership(Network.MENTOR, distant=True),)))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        card = board(pilot).column(Ring.STRATEGIC.index).cards[0]
        assert (card.corner, card.mark) == ("~", "muted")
        await pilot.press("l", "l")
        await settle(pilot)
        assert "distant mentor" in screen_text(pilot)


async def test_hjkl_arrows_and_g_G_move_the_selection(db, make_test_app):
    cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        assert selected_name(pilot) == "Ada Cold"
        await pilot.press("j")
        assert selected_name(pilot) == "Bo Cold"
        await pilot.press("down")
        assert selected_name(pilot) == "Cy Cold"
        await pilot.press("k", "up")
        assert selected_name(pilot) == "Ada Cold"
        await pilot.press("G")
        assert selected_name(pilot) == "Cy Cold"
        await pilot.press("g")
        assert selected_name(pilot) == "Ada Cold"
        await pilot.press("l")
        assert board(pilot).active == 1 and selected_name(pilot) == "Di Luke"
        await pilot.press("right", "right")
        assert board(pilot).active == 3 and selected_name(pilot) == "Gus Buddy"
        await pilot.press("l")  # already the last column
        assert board(pilot).active == 3
        await pilot.press("h", "left")
        assert board(pilot).active == 1
        await pilot.press("j")
        await pilot.press("h")  # level with the card it came from
        assert selected_name(pilot) == "Bo Cold"


async def test_l_moves_right_on_the_funnel_and_shift_l_logs(db, make_test_app):
    ids = cast(db)
    app = make_test_app()
    logged = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_log = lambda: logged.append(pilot.app.screen.selected_person_id())  # whatever logging does
        await open_funnel(app, pilot)
        await pilot.press("l")
        await settle(pilot)
        assert logged == [] and board(pilot).active == 1
        await pilot.press("L")
        await settle(pilot)
        assert logged == [ids["di"]]


async def test_move_in_and_out_with_every_key_is_stored_and_the_card_follows(db, make_test_app):
    ids = cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        await pilot.press("j")  # Bo Cold
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert get_person(db, ids["bo"]).ring == Ring.LUKEWARM
        assert moves_of(ids["bo"])[-1] == ("cold", "lukewarm", "")
        assert column_names(pilot, Ring.COLD) == ["Ada Cold", "Cy Cold"]
        assert column_names(pilot, Ring.LUKEWARM) == ["Bo Cold", "Di Luke", "Ed Luke"]
        assert board(pilot).active == 1 and selected_name(pilot) == "Bo Cold"
        header = screen_text(pilot).splitlines()[1]
        assert header.split("▏")[0].split() == ["cold", "2"]
        assert header.split("▏")[1].split() == ["lukewarm", "3"]

        await pilot.press("shift+right")
        await settle(pilot)
        assert get_person(db, ids["bo"]).ring == Ring.STRATEGIC
        assert board(pilot).active == 2 and selected_name(pilot) == "Bo Cold"

        await pilot.press("less_than_sign")
        await settle(pilot)
        assert get_person(db, ids["bo"]).ring == Ring.LUKEWARM
        await pilot.press("shift+left")
        await settle(pilot)
        assert get_person(db, ids["bo"]).ring == Ring.COLD
        assert board(pilot).active == 0 and selected_name(pilot) == "Bo Cold"
        assert moves_of(ids["bo"]) == [
            (None, "cold", "added"),
            ("cold", "lukewarm", ""),
            ("lukewarm", "strategic", ""),
            ("strategic", "lukewarm", ""),
            ("lukewarm", "cold", ""),
        ]
        assert column_names(pilot, Ring.COLD) == ["Ada Cold", "Bo Cold", "Cy Cold"]
        await pilot.press("less_than_sign")  # already outermost: refused, nothing stored
        await settle(pilot)
        assert len(moves_of(ids["bo"])) == 5
        assert "already on the outermost ring" in notes(pilot)


async def test_a_move_does_not_rebuild_the_board(db, make_test_app):
    cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        screen = board(pilot)
        loads = []
        original = screen.reload
        screen.reload = lambda **kw: (loads.append(kw.get("rings")), original(**kw))
        untouched = screen.column(Ring.BUDDY.index).cards
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert loads == [(Ring.COLD, Ring.LUKEWARM)]  # the two columns the move touched, not the board
        assert screen.column(Ring.BUDDY.index).cards is untouched
        assert column_names(pilot, Ring.LUKEWARM)[0] == "Ada Cold"


async def test_move_with_a_reason_then_undo(db, make_test_app):
    ids = cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*"great coffee", "enter")
        await settle(pilot)
        assert get_person(db, ids["ada"]).ring == Ring.LUKEWARM
        assert moves_of(ids["ada"])[-1] == ("cold", "lukewarm", "great coffee")
        assert selected_name(pilot) == "Ada Cold" and board(pilot).active == 1

        await pilot.press("u")
        await settle(pilot)
        assert get_person(db, ids["ada"]).ring == Ring.COLD
        assert moves_of(ids["ada"]) == [(None, "cold", "added")]
        assert column_names(pilot, Ring.COLD) == ["Ada Cold", "Bo Cold", "Cy Cold"]
        assert column_names(pilot, Ring.LUKEWARM) == ["Di Luke", "Ed Luke"]
        assert selected_name(pilot) == "Ada Cold" and board(pilot).active == 0
        await pilot.press("u")
        await settle(pilot)
        assert "Nothing to undo" in notes(pilot)


async def test_filter_narrows_every_column_by_name_company_tag_and_network(db, make_test_app):
    from netui.domain.networks import Network

    cast(db)
    add(db, "Mo Mentor", Ring.BUDDY, networks=(Network.MENTOR,))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        await pilot.press("slash", *"acme")
        await settle(pilot)
        assert column_names(pilot, Ring.COLD) == ["Ada Cold"]
        assert column_names(pilot, Ring.STRATEGIC) == ["Fay Strat"]
        assert column_names(pilot, Ring.LUKEWARM) == []
        assert "1/3" in screen_text(pilot)
        await pilot.press(*["backspace"] * 4, *"hiring")  # a tag
        await settle(pilot)
        assert column_names(pilot, Ring.COLD) == ["Bo Cold"]
        await pilot.press(*["backspace"] * 6, *"net:mentor")  # a network
        await settle(pilot)
        assert column_names(pilot, Ring.BUDDY) == ["Mo Mentor"] and column_names(pilot, Ring.COLD) == []
        await pilot.press(*["backspace"] * 10, *"luke", "enter")  # a name; enter goes back to the board
        await settle(pilot)
        assert column_names(pilot, Ring.LUKEWARM) == ["Di Luke", "Ed Luke"]
        await pilot.press("l", "greater_than_sign")  # moving still works while filtered
        await settle(pilot)
        assert column_names(pilot, Ring.STRATEGIC) == ["Di Luke"]
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert column_names(pilot, Ring.COLD) == ["Ada Cold", "Bo Cold", "Cy Cold"]
        assert "filter:" not in screen_text(pilot)


async def test_side_panel_shows_playbook_why_tags_interactions_and_intro_paths(db, make_test_app):
    target = add(db, "Tara Target", Ring.COLD, company="Acme", purpose="[b]opens doors[/b]", help_tags=("hiring",), offer_tags=("backing",))
    knows = add(db, "Kim Knows", Ring.BUDDY, company="Elsewhere")
    colleague = add(db, "Cal Colleague", Ring.STRATEGIC, company="acme")
    link_knows(db, target, knows, "old team")
    add_interaction(db, InteractionDraft(date(2026, 3, 2), "lunch", (target,), summary="Lunch about hiring"))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        text = screen_text(pilot)
        assert "Next steps on cold" in text and "introduction" in text
        assert "Why: [b]opens doors[/b]" in text
        assert "Can help with: hiring" in text and "You can offer: backing" in text
        assert "2026-03-02 lunch · Lunch about" in text  # cut to the panel's width
        intros = text[text.index("Intro path"):]
        assert intros.index("Kim Knows") < intros.index("Cal Colleague")
        assert "knows them" in intros and "same company" in intros

        await pilot.press("i", "j", "enter")  # the second intro path
        await settle(pilot)
        assert isinstance(pilot.app.screen, PersonScreen) and pilot.app.screen.person_id == colleague
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("h")  # back from the intro list to the board
        assert selected_name(pilot) == "Tara Target"
        await pilot.press("l", "l", "l")  # Kim's ring: the buddy playbook
        await settle(pilot)
        assert "Next steps on buddy" in screen_text(pilot)


async def test_enter_opens_the_selected_person(db, make_test_app):
    ids = cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        await pilot.press("l", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PersonScreen) and pilot.app.screen.person_id == ids["di"]


async def test_a_move_on_another_screen_reaches_the_board(db, make_test_app):
    ids = cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        await pilot.press("enter")  # Ada's page
        await settle(pilot)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert get_person(db, ids["ada"]).ring == Ring.LUKEWARM
        assert column_names(pilot, Ring.LUKEWARM)[0] == "Ada Cold"
        assert "Ada Cold" not in column_names(pilot, Ring.COLD)


async def test_delete_and_undo_on_the_board(db, make_test_app):
    ids = cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        await pilot.press("d")
        await settle(pilot)
        assert get_person(db, ids["ada"]).deleted_at is not None
        assert column_names(pilot, Ring.COLD) == ["Bo Cold", "Cy Cold"]
        await pilot.press("u")
        await settle(pilot)
        assert get_person(db, ids["ada"]).deleted_at is None
        assert column_names(pilot, Ring.COLD) == ["Ada Cold", "Bo Cold", "Cy Cold"]


async def test_report_screen_draws_the_chart_and_changes_period(db, make_test_app):
    from datetime import datetime

    from netui.domain.models import PersonDraft
    from netui.store.people import add_person, move_ring

    # Dated moves: keys would stamp the machine's clock, which the pinned TODAY does not follow.
    ada = add_person(db, PersonDraft("Ada Early", Ring.COLD), now=datetime(2025, 1, 5, 9))
    move_ring(db, ada, Ring.LUKEWARM, now=datetime(2025, 1, 25, 9))
    bo = add_person(db, PersonDraft("Bo Recent", Ring.COLD), now=datetime(2026, 1, 10, 9))
    move_ring(db, bo, Ring.LUKEWARM, now=datetime(2026, 2, 9, 9))
    move_ring(db, bo, Ring.COLD, now=datetime(2026, 3, 1, 9))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FunnelReportScreen)
        text = screen_text(pilot)
        assert "Funnel report" in text and "all time" in text
        assert "2 moved in, 1 moved out, 2 added" in text
        assert "2025-01  ▶ " in text and "2026-03  ▶ " in text
        cold_line = next(line for line in text.splitlines() if line.strip().startswith("cold") and "days" in line)
        assert "25 days" in cold_line and "(over 2 moves)" in cold_line  # 20 and 30 days
        assert "Ada Early (since 2025-01-25)" in text and "Bo Recent (since 2026-03-01)" in text
        await pilot.press("s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "last 12 months" in text and "since 2025-04-01" in text
        assert "1 moved in, 1 moved out, 1 added" in text and "2025-01  ▶" not in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FunnelScreen)


async def test_report_screen_counts_exposure_per_month_and_per_broadcast(db, make_test_app):
    from datetime import date, datetime

    from netui.domain.journal import InteractionDraft
    from netui.domain.models import PersonDraft
    from netui.store.journal import add_interaction
    from netui.store.people import add_person, move_ring

    talk = add_interaction(db, InteractionDraft(date(2025, 2, 10), "talk", (), "[b]Platform[/b] talk"))
    post = add_interaction(db, InteractionDraft(date(2026, 2, 1), "post", (), "Hiring notes"))
    ada = add_person(db, PersonDraft("Ada Early", Ring.COLD, met_through_id=talk), now=datetime(2025, 2, 11, 9))
    move_ring(db, ada, Ring.STRATEGIC, now=datetime(2025, 3, 1, 9))
    add_person(db, PersonDraft("Bo Later", Ring.COLD, met_through_id=talk), now=datetime(2026, 1, 10, 9))
    add_person(db, PersonDraft("Cy Post", Ring.COLD, met_through_id=post), now=datetime(2026, 2, 2, 9))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        await pilot.press("r")
        await settle(pilot)
        app.screen.query_one("#report-scroll").scroll_end(animate=False)
        await settle(pilot)
        text = screen_text(pilot)
        assert "Exposure: new people per month, and what brought them" in text
        assert "3 new, 3 met through a broadcast, 1 (33%) on a closer ring now than when added" in text
        assert "2025-02    1            1         1           1" in text
        lines = [line.strip() for line in text.splitlines()]
        assert any(line.startswith("2025-02-10 talk    [b]Platform[/b] talk") and line.endswith(f"2 met  1 moved in  #{talk}")
                   for line in lines)  # markup in a summary shown as typed
        assert any(line.startswith("2026-02-01 post    Hiring notes") and line.endswith(f"1 met  0 moved in  #{post}")
                   for line in lines)
        await pilot.press("s")  # the last 12 months: the talk is before them, its people are not all
        await settle(pilot)
        app.screen.query_one("#report-scroll").scroll_end(animate=False)
        await settle(pilot)
        text = screen_text(pilot)
        assert "2 new, 2 met through a broadcast, 0 (0%) on a closer ring now than when added" in text
        assert "Platform" not in text and f"#{post}" in text


async def test_hostile_names_stay_literal_on_the_board(db, make_test_app):
    add(db, "[@click=app.quit]x", Ring.COLD, company="[red]Evil\x1b]0;pwned\x07")
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        text = screen_text(pilot)
        assert "[@click=app.quit]x" in text
        assert "[red]Evil" in text and "\x1b" not in text
        await pilot.click(offset=(5, 2))
        await settle(pilot)
        assert pilot.app.is_running


async def test_empty_board(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_funnel(app, pilot)
        text = screen_text(pilot)
        assert "Nobody yet" in text and "Next steps on cold" in text
        await pilot.press("greater_than_sign", "j", "l", "m", "u")
        await settle(pilot)
        assert "Nobody is selected" in notes(pilot) and "Nothing to undo" in notes(pilot)
        assert m.RingMove.select().count() == 0


async def test_a_move_refused_because_another_session_moved_them_puts_the_card_back(db, make_test_app):
    from netui.store.people import move_ring

    ids = cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        move_ring(db, ids["ada"], Ring.BUDDY)  # "another session", unseen by the board so far
        await pilot.press("greater_than_sign")  # the board still shows Ada on cold
        await settle(pilot)
        assert "moved to buddy in another session" in notes(pilot)
        assert get_person(db, ids["ada"]).ring == Ring.BUDDY
        assert moves_of(ids["ada"])[-1][:2] == ("cold", "buddy")  # nothing stored on top
        assert "Ada Cold" in column_names(pilot, Ring.BUDDY)
        assert "Ada Cold" not in column_names(pilot, Ring.LUKEWARM) + column_names(pilot, Ring.COLD)


async def test_quick_moves_are_stored_in_order(db, make_test_app):
    ids = cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        for _ in range(3):  # without waiting in between
            app.post_message(events.Key("greater_than_sign", ">"))
        await settle(pilot, rounds=8)
        assert get_person(db, ids["ada"]).ring == Ring.BUDDY
        assert [mv[:2] for mv in moves_of(ids["ada"])] == [
            (None, "cold"), ("cold", "lukewarm"), ("lukewarm", "strategic"), ("strategic", "buddy")
        ]
        assert column_names(pilot, Ring.BUDDY) == ["Ada Cold", "Gus Buddy"]


async def test_the_filter_finds_people_by_company_and_title_the_moment_the_board_is_shown(db, make_test_app):
    """The filter asks the store's search index, so a filter typed the moment the cards
    are up finds everyone, by company as well as by name, whatever has been drawn."""
    cast(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_funnel(app, pilot)
        screen = board(pilot)
        assert screen.loaded and "Ada Cold" in screen_text(pilot)
        await pilot.press("slash", *"acme")
        await settle(pilot)
        assert column_names(pilot, Ring.COLD) == ["Ada Cold"] and column_names(pilot, Ring.STRATEGIC) == ["Fay Strat"]