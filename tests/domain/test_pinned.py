"""Exact behaviour of the small domain helpers, and the module-level values they rest on.

Each assertion names the value it expects: a change to a default cadence, a playbook
line, a limit or a pattern is a change someone must mean, so it has to fail here first.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.domain import agenda as agenda_mod
from netui.domain import fuzzy, text
from netui.domain.agenda import (
    Agenda,
    AgendaItem,
    DuePerson,
    FollowUp,
    ItemKind,
    build_agenda,
    follow_up_item,
    network_item,
    parse_day,
    person_item,
    snooze_until,
)
from netui.domain.neglect import Health
from netui.domain.networks import DEFAULT_NEGLECT_DAYS, NETWORK_ORDER, Network
from netui.domain.overview import MOVES_WINDOW_DAYS, WEEKS_SHOWN, NetworkSummary, RankedPerson
from netui.domain.playbook import PLAYBOOK, next_step
from netui.domain.rings import DEFAULT_CADENCE, RING_ORDER, Ring

TODAY = date(2026, 3, 14)


# ------------------------------------------------------------------ module-level values


def test_default_cadences_and_limits() -> None:
    assert DEFAULT_CADENCE == {Ring.COLD: None, Ring.LUKEWARM: 90, Ring.STRATEGIC: 30, Ring.BUDDY: 30}
    assert RING_ORDER == (Ring.COLD, Ring.LUKEWARM, Ring.STRATEGIC, Ring.BUDDY)
    assert NETWORK_ORDER == (Network.SUPPORT, Network.PEER, Network.MENTOR, Network.MENTEE)
    assert DEFAULT_NEGLECT_DAYS == 30
    assert WEEKS_SHOWN == 52 and MOVES_WINDOW_DAYS == 30
    assert agenda_mod.SNOOZE_DAYS == 7
    assert snooze_until(TODAY) == date(2026, 3, 21)
    assert snooze_until(TODAY, 1) == date(2026, 3, 15)


def test_the_playbook_word_for_word() -> None:
    assert PLAYBOOK == {
        Ring.COLD: (
            "Look for someone nearer to you who already knows them and ask for an introduction.",
            "Write first with one concrete reason to talk, short enough to read on a phone.",
            "Arrive at the meeting with your questions ready and a clear ask.",
            "Send thanks the same day, then tell them later what came of it.",
        ),
        Ring.LUKEWARM: (
            "Suggest a coffee or lunch for just the two of you, and say why you want to meet.",
            "Work out beforehand what they might get out of it.",
            "Write down what you gave, so the balance stays fair.",
        ),
        Ring.STRATEGIC: (
            "See them face to face regularly, not only when you need something.",
            "Thank them specifically when they help.",
            "Return the favour: pass on leads, introductions and credit.",
        ),
        Ring.BUDDY: (
            "Keep the friendship warm: check in without an agenda.",
            "Ask whom they could introduce you to next.",
        ),
    }
    assert next_step(Ring.COLD) == PLAYBOOK[Ring.COLD][0]
    assert next_step(Ring.BUDDY) == "Keep the friendship warm: check in without an agenda."


def test_untrusted_text_tables() -> None:
    assert text.BIDI_CONTROLS == frozenset(
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    )
    assert text.LINE_BREAKS == frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
    assert text._INVISIBLE == frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@pytest.mark.parametrize(
    ("typed", "ahead"),
    [
        # The short offsets the agenda once read by its own pattern, now the one parser's:
        # a count with an optional unit, each unit in its short and long spellings.
        ("3", 3), ("3d", 3), ("3 day", 3), ("3 days", 3),
        ("2w", 14), ("2 wk", 14), ("2 wks", 14), ("2 week", 14), ("2 weeks", 14),
        ("1 fortnight", 14), ("2 fortnights", 28),
        ("1m", 31), ("1 mo", 31), ("1 mos", 31), ("1 month", 31), ("2 months", 61),
        ("1y", 365), ("1 yr", 365), ("1 yrs", 365), ("1 year", 365), ("2 years", 731),
        ("+0", 0), ("+3", 3), ("+ 3", 3), ("in 3 days", 3), ("14.3.27", 365),
    ],
)
def test_short_offsets_lean_with_the_field(typed: str, ahead: int) -> None:
    from netui.domain.dates import Direction, parse_date
    from netui.domain.funnel import parse_since

    # A snooze or `agenda --date` leans ahead, `--since` back, both through parse_date.
    assert parse_day(typed, TODAY) == TODAY + timedelta(days=ahead)
    assert parse_date(typed, TODAY, direction=Direction.FUTURE) == TODAY + timedelta(days=ahead)
    if typed[0].isdigit() and "." not in typed:  # unsigned: back as --since leans
        back = parse_since(typed, TODAY)
        assert back == parse_date(typed, TODAY, direction=Direction.PAST) <= TODAY
        assert back == parse_date(f"{typed.split()[0].rstrip('dwmy')} {_unit(typed)}s ago", TODAY)
    # A sign wins over the lean.
    if typed.startswith("+"):
        assert parse_since(typed, TODAY) == TODAY + timedelta(days=ahead)


def _unit(typed: str) -> str:
    word = typed.split()[-1] if " " in typed else (typed.lstrip("0123456789") or "d")
    return {"d": "day", "w": "week", "f": "fortnight", "m": "month", "y": "year"}[word[0]]


# ------------------------------------------------------------------ the agenda's wording


def _follow_up(**kw) -> FollowUp:
    base = dict(
        interaction_id=7,
        due=TODAY,
        date=date(2026, 3, 1),
        kind="coffee",
        summary="Slides",
        reciprocity=None,
        people=((2, "Grace", Ring.STRATEGIC), (3, "Linus", Ring.LUKEWARM)),
    )
    base.update(kw)
    return FollowUp(**base)


def test_a_follow_up_line_in_full() -> None:
    item = follow_up_item(_follow_up(due=TODAY - timedelta(days=1)), TODAY)
    assert item == AgendaItem(
        kind=ItemKind.FOLLOW_UP,
        key=21,
        title="Grace, Linus",
        status="1d overdue",
        next_step="Follow up on: Slides",
        person_id=2,
        interaction_id=7,
        network=None,
        ring=Ring.STRATEGIC,
        due=TODAY - timedelta(days=1),
        overdue=1,
    )


def test_follow_up_status_at_the_boundaries() -> None:
    assert follow_up_item(_follow_up(due=TODAY), TODAY).status == "due today"
    assert follow_up_item(_follow_up(due=TODAY), TODAY).overdue == 0
    # Not due yet (a snoozed one shown early): still "due today", never negative.
    early = follow_up_item(_follow_up(due=TODAY + timedelta(days=2)), TODAY)
    assert (early.status, early.overdue) == ("due today", 0)
    late = follow_up_item(_follow_up(due=TODAY - timedelta(days=12)), TODAY)
    assert (late.status, late.overdue) == ("12d overdue", 12)


def test_follow_up_next_steps() -> None:
    thanks = follow_up_item(_follow_up(reciprocity="received"), TODAY)
    assert thanks.next_step == "Tell them how their help made a difference."
    gave = follow_up_item(_follow_up(reciprocity="gave"), TODAY)
    assert gave.next_step == "Follow up on: Slides"
    bare = follow_up_item(_follow_up(summary=""), TODAY)
    assert bare.next_step == "Follow up on the coffee of 2026-03-01."


def test_a_follow_up_whose_people_are_all_gone() -> None:
    item = follow_up_item(_follow_up(people=()), TODAY)
    assert (item.title, item.person_id, item.ring) == ("(nobody left)", None, None)
    assert item.interaction_id == 7


def _summary(network: Network, health: Health, top=(), last=None, threshold=30) -> NetworkSummary:
    return NetworkSummary(network, 3, 1, last, threshold, health, tuple(top))


def test_a_network_line_in_full() -> None:
    ada = RankedPerson(1, "Ada", Ring.BUDDY, TODAY - timedelta(days=40), 10)
    bob = RankedPerson(5, "Bob", Ring.LUKEWARM, None, None)
    item = network_item(_summary(Network.MENTOR, Health.NEGLECTED, [ada, bob], TODAY - timedelta(days=45), 21), TODAY)
    assert item == AgendaItem(
        kind=ItemKind.NETWORK,
        key=2 * 3 + 1,
        title="Mentor network",
        status="quiet 45d, limit 21d",
        next_step="Get in touch with Ada, the closest to due.",
        person_id=1,
        network=Network.MENTOR,
        ring=Ring.BUDDY,
    )


def test_a_network_nobody_was_ever_contacted_in() -> None:
    item = network_item(_summary(Network.SUPPORT, Health.NEGLECTED), TODAY)
    assert item.status == "no contact, limit 30d"
    assert item.next_step == "Add someone to your support network."
    assert (item.person_id, item.ring, item.key) == (None, None, 1)
    assert network_item(_summary(Network.MENTEE, Health.NEGLECTED), TODAY).key == 10
    assert network_item(_summary(Network.PEER, Health.NEGLECTED), TODAY).key == 4


def test_a_person_line_in_full() -> None:
    item = person_item(DuePerson(4, "Katherine", Ring.LUKEWARM, TODAY - timedelta(days=95), 5, (Network.PEER,)))
    assert item == AgendaItem(
        kind=ItemKind.PERSON,
        key=14,
        title="Katherine",
        status="lukewarm, 5d over",
        next_step="Suggest a coffee or lunch for just the two of you, and say why you want to meet.",
        person_id=4,
        ring=Ring.LUKEWARM,
        overdue=5,
    )


def test_build_agenda_counts_and_of() -> None:
    ok = _summary(Network.SUPPORT, Health.OK)
    empty = _summary(Network.PEER, Health.EMPTY)
    quiet = _summary(Network.MENTOR, Health.NEGLECTED)
    people = [DuePerson(4, "K", Ring.BUDDY, None, 3), DuePerson(9, "L", Ring.BUDDY, None, 1)]
    agenda = build_agenda(TODAY, [_follow_up()], [ok, empty, quiet], people)
    assert isinstance(agenda, Agenda) and agenda.today == TODAY
    assert (agenda.follow_ups, agenda.networks, agenda.people, agenda.total) == (1, 1, 2, 4)
    assert [i.title for i in agenda.of(ItemKind.PERSON)] == ["K", "L"]
    assert [i.title for i in agenda.of(ItemKind.NETWORK)] == ["Mentor network"]
    assert len(agenda.of(ItemKind.FOLLOW_UP)) == 1
    limited = build_agenda(TODAY, [_follow_up()], [], people[:1], follow_ups_total=5, people_total=9)
    assert (limited.follow_ups, limited.networks, limited.people, limited.total) == (5, 0, 9, 14)
    assert len(limited.items) == 2
    assert [k.value for k in ItemKind] == ["follow-up", "date", "network", "person", "job", "meeting"]
    # Dates and new roles are things to do; inbox proposals and meetings ahead are not counted.
    counted = Agenda(TODAY, (), follow_ups=1, networks=2, people=3, dates=4, inbox=50, coming_up=60, jobs=5)
    assert counted.total == 15


# ------------------------------------------------------------------ days typed in the agenda


@pytest.mark.parametrize(
    ("typed", "day_first", "expected"),
    [
        ("14/3/2027", True, date(2027, 3, 14)),
        ("3/14/2027", False, date(2027, 3, 14)),
        ("14.3.27", True, date(2027, 3, 14)),
        ("31/12", True, date(2026, 12, 31)),
        ("12/31", False, date(2026, 12, 31)),
        ("  In   3  Days ", True, date(2026, 3, 17)),
        ("1 day", True, date(2026, 3, 15)),
        ("2 wk", True, date(2026, 3, 28)),
        ("1 week", True, date(2026, 3, 21)),
        ("+0", True, TODAY),
        ("999", True, TODAY + timedelta(days=999)),  # a bare count: three digits at most
        ("+9999", True, TODAY + timedelta(days=9999)),  # a signed one: four
        ("3 months", True, date(2026, 6, 14)),
        ("2w", True, date(2026, 3, 28)),
        ("-3", True, date(2026, 3, 11)),  # a sign says it outright, even in a field that leans ahead
        ("2026-3-1", True, date(2026, 3, 1)),
    ],
)
def test_parse_day_more_forms(typed: str, day_first: bool, expected: date) -> None:
    assert parse_day(typed, TODAY, day_first=day_first) == expected


@pytest.mark.parametrize(
    ("typed", "day_first", "message"),
    [
        # A day to come: what it suggests leans ahead too.
        ("", True, "Type a date, e.g. tomorrow, next monday, 2w, +3 or 2026-03-21."),
        ("   ", True, "Type a date, e.g. tomorrow, next monday, 2w, +3 or 2026-03-21."),
        ("soon", True, "Could not read 'soon' as a date; try tomorrow, next monday, 2w, +3 or 2026-03-21."),
        (" 2026-02-30 ", True, "'2026-02-30' is not a real date: February 2026 has 28 days."),
        ("31/2", True, "'31/2' is not a real date: February 2026 has 28 days."),
        ("2/31", False, "'2/31' is not a real date: February 2026 has 28 days."),
        ("13/13", True, "'13/13': there is no month 13; dates are read day first (DD/MM/YYYY), a setting."),
        ("13/13", False, "'13/13': there is no month 13; dates are read month first (MM/DD/YYYY), a setting."),
        ("9999", True, "Could not read '9999' as a date; try tomorrow, next monday, 2w, +3 or 2026-03-21."),
        ("+10000", True, "Could not read '+10000' as a date; try tomorrow, next monday, 2w, +3 or 2026-03-21."),
        ("+1201m", True, "'+1201m' is too far away to be a date you mean."),
    ],
)
def test_parse_day_refusals_word_for_word(typed: str, day_first: bool, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_day(typed, TODAY, day_first=day_first)
    assert str(caught.value) == message


# ------------------------------------------------------------------ finding a name


def test_rank_names_caps_at_the_limit_and_stops_once_enough_good_matches() -> None:
    keys = [f"ada {i}" for i in range(12)]
    assert fuzzy.rank_names("ada", keys) == list(range(8))
    assert fuzzy.rank_names("ada", keys, limit=3) == [0, 1, 2]
    # Once `limit` exact or prefix matches are in, the rest of the keys are not read.
    assert fuzzy.rank_names("ada", ["ada x", "ada y", "ada"], limit=2) == [0, 1]
    assert fuzzy.rank_names("ada", ["ada x", "ada"], limit=2) == [1, 0]
    # Weaker matches do not stop the search early.
    assert fuzzy.rank_names("ada", ["xadax", "xadax", "xadax", "ada"], limit=3) == [3, 0, 1]


def test_rank_names_keeps_its_four_tiers_apart() -> None:
    keys = ["a d x a", "xada", "lo ada", "ada lovelace", "ada"]
    # loose letters, inside a word, a later word starting with it, a prefix, exact
    assert fuzzy.rank_names("ada", keys) == [4, 2, 3, 1, 0]
    words = ["lovelace ada", "ada lovelace", "adalovelace"]
    # "ada lovelace": exact; "lovelace ada": both words inside; "adalovelace": letters in order.
    assert fuzzy.rank_names("ada lovelace", words) == [1, 0, 2]
    assert fuzzy.rank_names("a.b", ["axb"]) == []  # what is typed is matched literally
    assert fuzzy.rank_names("a.b", ["a.b"]) == [0]
    # Typed letters in order, the spaces between the typed words ignored.
    assert fuzzy.rank_names("aa ll", ["aball"]) == [0]


def test_fold_drops_accents_and_case() -> None:
    assert fuzzy.fold("  Zoë   ADLER ") == "zoe adler"
    assert fuzzy.fold("Ångström") == "angstrom"


# ------------------------------------------------------------------ text on the way in and out


def test_clean_input_multiline_keeps_lines_and_drops_controls() -> None:
    typed = "  first line\x1b[31m  \r\nsecond\u202e line\rthird\tcol\u2028x\n\n  indented\n\n\n"
    assert text.clean_input(typed, multiline=True) == "  first line[31m\nsecond line\nthird col x\n\n  indented"
    assert text.clean_input("a b  c", multiline=True) == "a b  c"
    assert text.clean_input("\n\na\n", multiline=True) == "a"
    assert text.clean_input("X-ray\nboX", multiline=True) == "X-ray\nboX"  # only line breaks are trimmed
    assert text.clean_input("", multiline=True) == ""
    assert text.clean_input(None) == ""


def test_clean_input_one_line_folds_breaks_into_spaces() -> None:
    assert text.clean_input("  a\nb\r\nc\u2029d\te\x0bf\x0cg\x85h  ") == "a b c d e f g h"
    assert text.clean_input("x\x00y\x7fz\x9bw\u200fv") == "xyzwv"
    assert text.clean_input("Rene\u0301") == "Ren\u00e9"


def test_displayable_shows_controls() -> None:
    assert text.displayable(None) == ""
    assert text.displayable(42) == "42"
    assert text.displayable("a\tb") == "a b"
    assert text.displayable("a\x1bb\x7fc\x9bd\u202ee") == "a\u241bb\u2421c\ufffdd\ufffde"
    assert text.displayable("a\nb\r\nc\u2028d\x0be") == "a b c d e"
    assert text.displayable("a\nb\u2029c\u2028d", multiline=True) == "a\nb\nc\nd"
    assert text.displayable("a\rb", multiline=True) == "a\nb"
    assert text.displayable("a\x0bb", multiline=True) == "a b"
    assert text.displayable("\x00") == "\u2400"


def test_without_controls_keeps_spacing() -> None:
    assert text.without_controls(None) == ""
    assert text.without_controls("  a\nb\tc\x1b\u202ed  ") == "  a b cd  "


def test_json_safe_escapes_what_a_terminal_acts_on() -> None:
    assert text.json_safe('"a\x7fb\x9bc\u202ed\u2028e\x9ff\xa0g"') == '"a\\u007fb\\u009bc\\u202ed\\u2028e\\u009ff\xa0g"'


def test_has_control_characters() -> None:
    assert text.has_control_characters("a\x1bb")
    assert text.has_control_characters("a\u202eb")
    assert text.has_control_characters("a\x7f")
    assert not text.has_control_characters("a\nb")
    assert not text.has_control_characters("Zoë")


def test_sort_key_non_ascii_names() -> None:
    assert text.sort_key("Émile") == "emile"
    assert text.sort_key("Zoë Adler") == "zoe adler"
    assert text.sort_key("Straße") == "strasse"
    assert text.sort_key("ÅSA") == "asa"
    names = ["Zoë", "émile", "Ada", "Éva", "bob"]
    assert sorted(names, key=text.sort_key) == ["Ada", "bob", "émile", "Éva", "Zoë"]


def test_match_key_non_ascii() -> None:
    assert text.match_key("  ZOË\u200b  Adler\x1b ") == "zoë adler"
    assert text.match_key("\ufb01sh") == "fish"  # NFKC folds the ligature


def test_the_control_ranges_at_their_edges() -> None:
    assert [text.has_control_characters(ch) for ch in "\x1f\x20\x7e\x7f\x80\x9f\xa0"] == [
        True, False, False, True, True, True, False]
    assert text.displayable("\x1f\x7f\x80\x9f\xa0") == "\u241f\u2421\ufffd\ufffd\xa0"
    assert text.clean_input("a\x80b\x9fc\xa0d") == "abc d"  # a no-break space is a space
    assert text.without_controls("a\x80\x9f\xa0") == "a\xa0"


def test_patterns_and_tables_of_the_parsers() -> None:
    from netui.domain import dates, funnel, query, validation

    assert dates._AGO.pattern == r"^(\d+|[a-z]+)\s+(day|week|fortnight|month|year)s?\s+ago$"
    assert dates._IN.pattern == r"^in\s+(\d+|[a-z]+)\s+(day|week|fortnight|month|year)s?$"
    assert dates._FROM_NOW.pattern == r"^(\d+|[a-z]+)\s+(day|week|fortnight|month|year)s?\s+from\s+now$"
    assert dates._WEEKDAY.pattern == r"^(?:(last|next|this|on)\s+)?([a-z]+)$"
    assert dates._ISO.pattern == r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"
    assert dates._NUMERIC.pattern == r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$"
    assert dates._DAY_MONTH.pattern == r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?(?:\s+(\d{4}))?$"
    assert dates._MONTH_DAY.pattern == r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?$"
    assert dates._NUMBER_WORDS == {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    }
    assert validation._EMAIL.pattern == r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$"
    assert query._WORD.pattern == r"[^\W_]+"
    assert query._PREFIXES == {
        "ring": "ring", "r": "ring", "net": "network", "network": "network", "n": "network",
        "tag": "tag", "t": "tag", "company": "company", "co": "company", "at": "company",
    }
    assert query._FLAGS == {"due", "distant", "inside", "outside", "unsorted"}
    assert funnel.LONGEST_SHOWN == 5
    # --since reads d, w, m and y offsets back from today (it once had its own table of them).
    since = {u: funnel.parse_since(f"2{u}", TODAY) for u in "dwmy"}
    assert since == {"d": date(2026, 3, 12), "w": date(2026, 2, 28), "m": date(2026, 1, 14), "y": date(2024, 3, 14)}
