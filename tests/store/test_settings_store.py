"""Settings kept in the database: what a saved one reads back as, and what a damaged or
out-of-range row reads as (never an error: one bad row must not stop the app)."""

from __future__ import annotations

import json

import pytest

from netui.domain.networks import DEFAULT_NEGLECT_DAYS, Network
from netui.domain.occasions import DEFAULT_LEAD_DAYS, MAX_LEAD_DAYS
from netui.domain.rings import DEFAULT_CADENCE, Ring
from netui.domain.settings import Settings
from netui.store.settings import load_settings, save_settings, set_setting


def _raw(db, key: str, text: str) -> None:
    """A row as another tool (or damage) might have left it: not necessarily JSON."""
    db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (key, text))


def _stored(db) -> dict[str, object]:
    return {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM setting")}


def test_a_new_database_reads_as_the_defaults(db):
    settings = load_settings(db)
    assert settings == Settings(
        my_name="", my_company="", cadence=dict(DEFAULT_CADENCE),
        neglect_days={n: DEFAULT_NEGLECT_DAYS for n in Network},
        day_first=True, theme="", date_lead_days=DEFAULT_LEAD_DAYS, target_companies=(),
    )
    assert list(settings.neglect_days) == [Network.SUPPORT, Network.PEER, Network.MENTOR, Network.MENTEE]


def test_saved_settings_read_back_as_saved(db):
    mine = Settings(
        my_name="Ada Lovelace", my_company="Analytical Engines", theme="solarized",
        cadence={Ring.COLD: None, Ring.LUKEWARM: 60, Ring.STRATEGIC: None, Ring.BUDDY: 7},
        neglect_days={Network.SUPPORT: 10, Network.PEER: 20, Network.MENTOR: 3650, Network.MENTEE: 1},
        day_first=False, date_lead_days=MAX_LEAD_DAYS, target_companies=("Babbage & Co", "Royal Society"),
    )
    save_settings(db, mine)
    assert load_settings(db) == mine
    stored = _stored(db)
    assert stored["cadence.strategic"] is None and stored["cadence.buddy"] == 7
    assert stored["neglect.mentee"] == 1 and stored["day_first"] is False
    assert stored["review.targets"] == ["Babbage & Co", "Royal Society"]
    save_settings(db, Settings(**{**mine.__dict__, "day_first": True, "date_lead_days": 0}))
    assert load_settings(db).day_first is True and load_settings(db).date_lead_days == 0


def test_saving_cleans_the_text_and_drops_empty_targets(db):
    save_settings(db, Settings(
        my_name="  Ada\x1b[31m  Lovelace ", my_company="Engines\u202e Ltd\n", theme=" dark\t",
        target_companies=("  Acme\x07 ", "", "   ", "\u202e"),
    ))
    settings = load_settings(db)
    assert (settings.my_name, settings.my_company, settings.theme) == ("Ada[31m Lovelace", "Engines Ltd", "dark")
    assert settings.target_companies == ("Acme",)
    assert _stored(db)["review.targets"] == ["Acme"]


def test_set_setting_stores_one_value_as_json_and_replaces_it(db):
    set_setting(db, "my_name", "Grace")
    set_setting(db, "my_name", "Grace Hopper")
    set_setting(db, "cadence.buddy", 14)
    assert db.execute("SELECT value FROM setting WHERE key = 'my_name'").fetchall() == [('"Grace Hopper"',)]
    assert load_settings(db).my_name == "Grace Hopper"
    assert load_settings(db).cadence[Ring.BUDDY] == 14


@pytest.mark.parametrize("text", ["not json", "{", "", '"unterminated'])
def test_a_row_that_is_not_json_counts_as_not_set(db, text):
    set_setting(db, "my_company", "Engines")
    _raw(db, "my_name", text)
    _raw(db, "cadence.buddy", text)
    settings = load_settings(db)
    assert settings.my_name == ""
    assert settings.my_company == "Engines"  # the rows after a bad one are still read
    assert settings.cadence[Ring.BUDDY] == DEFAULT_CADENCE[Ring.BUDDY]


def test_a_row_nested_too_deep_for_json_counts_as_not_set(db):
    _raw(db, "my_name", "[" * 100_000 + "]" * 100_000)
    set_setting(db, "theme", "dark")
    settings = load_settings(db)
    assert settings.my_name == "" and settings.theme == "dark"


@pytest.mark.parametrize("days, kept", [(1, True), (3650, True), (0, False), (3651, False), (-5, False),
                                        (True, False), (30.0, False), ("30", False), ([30], False)])
def test_a_cadence_or_neglect_out_of_range_counts_as_not_set(db, days, kept):
    set_setting(db, "cadence.lukewarm", days)
    set_setting(db, "neglect.peer", days)
    settings = load_settings(db)
    assert settings.cadence[Ring.LUKEWARM] == (days if kept else DEFAULT_CADENCE[Ring.LUKEWARM])
    assert settings.neglect_days[Network.PEER] == (days if kept else DEFAULT_NEGLECT_DAYS)
    assert settings.neglect_days[Network.SUPPORT] == DEFAULT_NEGLECT_DAYS


def test_a_null_cadence_means_never_due_and_a_null_neglect_the_default(db):
    set_setting(db, "cadence.strategic", None)
    set_setting(db, "neglect.mentor", None)
    settings = load_settings(db)
    assert settings.cadence[Ring.STRATEGIC] is None
    assert settings.cadence[Ring.BUDDY] == DEFAULT_CADENCE[Ring.BUDDY]
    assert settings.neglect_days[Network.MENTOR] == DEFAULT_NEGLECT_DAYS


def test_text_and_day_first_of_the_wrong_type_read_as_the_defaults(db):
    for key in ("my_name", "my_company", "theme"):
        set_setting(db, key, 42)
    set_setting(db, "day_first", "no")
    settings = load_settings(db)
    assert (settings.my_name, settings.my_company, settings.theme) == ("", "", "")
    assert settings.day_first is True
    set_setting(db, "day_first", 0)  # a number is not a yes or no
    assert load_settings(db).day_first is True
    set_setting(db, "day_first", False)
    assert load_settings(db).day_first is False


@pytest.mark.parametrize("lead, read", [(0, 0), (MAX_LEAD_DAYS, MAX_LEAD_DAYS), (14, 14), (-1, DEFAULT_LEAD_DAYS),
                                        (MAX_LEAD_DAYS + 1, DEFAULT_LEAD_DAYS), (True, DEFAULT_LEAD_DAYS),
                                        ("7", DEFAULT_LEAD_DAYS), (None, DEFAULT_LEAD_DAYS)])
def test_the_reminder_lead_must_be_a_number_of_days_in_range(db, lead, read):
    set_setting(db, "dates.lead_days", lead)
    assert load_settings(db).date_lead_days == read


def test_target_companies_must_be_a_list_of_names(db):
    set_setting(db, "review.targets", "Acme")
    assert load_settings(db).target_companies == ()
    set_setting(db, "review.targets", ["Acme", 3, "  ", None, "Initech"])
    assert load_settings(db).target_companies == ("Acme", "Initech")
