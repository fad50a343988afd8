"""Settings: checked, saved in the database, and felt at once by the other screens."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.settings import load_settings
from netui.ui.screens.settings import SettingsScreen
from netui.ui.widgets.row_table import RowTable
from tests.conftest import TODAY
from tests.helpers import add, screen_text, settle


def log(db, pid: int, days_ago: int) -> None:
    add_interaction(db, InteractionDraft(date=TODAY - timedelta(days=days_ago), kind="call", person_ids=(pid,)))


async def fill(pilot, field_id: str, value: str) -> None:
    box = pilot.app.screen.query_one(f"#{field_id}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*value) if value else None
    await pilot.pause()


def agenda_names(pilot) -> list[str]:
    return [row.cells[1] for row in pilot.app.screen.query_one(RowTable).rows]


async def test_changing_a_cadence_changes_who_is_due(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.LUKEWARM)
    log(db, ada, 60)  # lukewarm: due after 90 days, so not yet
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert agenda_names(pilot) == []
        await pilot.press("comma")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        await fill(pilot, "cadence-lukewarm", "45")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, SettingsScreen)
        assert load_settings(db).cadence[Ring.LUKEWARM] == 45
        assert agenda_names(pilot) == ["Ada Lovelace"]
        assert "lukewarm, 15d over" in screen_text(pilot)


async def test_blank_cadence_means_never(db, make_test_app):
    add(db, "Bud Dy", Ring.BUDDY)  # never contacted: due at once
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert agenda_names(pilot) == ["Bud Dy"]
        await pilot.press("comma")
        await settle(pilot)
        await fill(pilot, "cadence-buddy", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert load_settings(db).cadence[Ring.BUDDY] is None
        assert agenda_names(pilot) == []


async def test_bad_values_are_refused_and_nothing_is_saved(db, make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        await fill(pilot, "my_name", "Alex")
        await fill(pilot, "cadence-strategic", "0")
        await fill(pilot, "neglect-peer", "")
        await fill(pilot, "neglect-mentor", "lots")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        text = screen_text(pilot)
        assert "1 to 3650 days, or blank for never." in text
        assert "Required: 1 to 3650 days." in text
        assert text.count("1 to 3650 days") == 3
        assert "Nothing was saved" in text
        saved = load_settings(db)
        assert saved.my_name == "" and saved.cadence[Ring.STRATEGIC] == 30


async def test_name_company_threshold_and_date_order_are_saved(db, make_test_app):
    quiet = add(db, "Quiet Peer", Ring.COLD, company="Northwind Labs", networks=(Network.PEER,))
    log(db, quiet, 40)
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert "NEGLECTED" in screen_text(pilot)
        await pilot.press("comma")
        await settle(pilot)
        await fill(pilot, "my_name", "Alex [b]Demo[/b]")
        await fill(pilot, "my_company", "northwind labs")
        await fill(pilot, "neglect-peer", "60")
        from textual.widgets import Select

        app.screen.query_one("#date-order", Select).value = "month"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = load_settings(db)
        assert (saved.my_name, saved.my_company, saved.neglect_days[Network.PEER], saved.day_first) == (
            "Alex [b]Demo[/b]", "northwind labs", 60, False,
        )
        text = screen_text(pilot)
        assert "Alex [b]Demo[/b]" in text  # literally, in the title bar
        assert "NEGLECTED" not in text
        assert "inside 1 · outside 0" in text


async def test_escape_with_changes_asks_first(db, make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        await fill(pilot, "my_name", "Changed")
        await pilot.press("escape")
        await settle(pilot)
        assert "Discard your changes" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, SettingsScreen)
        assert load_settings(db).my_name == ""


async def test_settings_are_in_the_command_palette(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Settings (,)" in titles



async def test_a_cleared_cadence_says_never_in_words_and_the_save_says_who_is_never_due(db, make_test_app):
    from tests.helpers import notifications

    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        await fill(pilot, "cadence-strategic", "")
        row = next(line for line in screen_text(pilot).splitlines() if "Strategic" in line)
        assert "never" in row  # not only "default 30", which reads as if blank meant 30
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert load_settings(db).cadence[Ring.STRATEGIC] is None
        assert any("Strategic people are never due now" in n for n in notifications(app))


async def test_settings_offer_export_and_backup(db, make_test_app):
    from netui.ui.screens.export_dialog import ExportDialog

    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        await pilot.click("#export")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
