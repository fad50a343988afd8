"""Pure rules: no database, no terminal, time passed in."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.cadence import days_until_due, effective_cadence, is_due
from netui.domain.networks import Network, PeerSide, peer_side
from netui.domain.rings import Ring, ring_inward, ring_outward
from netui.domain.text import clean_input, displayable, match_key
from netui.domain.validation import check_cadence, check_email, check_name, parse_tags

TODAY = date(2026, 3, 14)


def test_rings_step_inward_and_outward_and_stop_at_the_edges():
    assert ring_inward(Ring.COLD) == Ring.LUKEWARM
    assert ring_inward(Ring.STRATEGIC) == Ring.BUDDY
    assert ring_inward(Ring.BUDDY) is None
    assert ring_outward(Ring.LUKEWARM) == Ring.COLD
    assert ring_outward(Ring.COLD) is None


@pytest.mark.parametrize("text,ring", [("cold", Ring.COLD), ("BUDDY", Ring.BUDDY), (" strat ", Ring.STRATEGIC), ("l", Ring.LUKEWARM)])
def test_ring_parse_accepts_names_and_prefixes(text, ring):
    assert Ring.parse(text) == ring


@pytest.mark.parametrize("text", ["", "warm", "x"])
def test_ring_parse_rejects_unknown(text):
    with pytest.raises(ValueError, match="choose one of cold, lukewarm, strategic, buddy"):
        Ring.parse(text)


def test_network_parse_accepts_plurals():
    assert Network.parse("peers") == Network.PEER
    assert Network.parse("Mentees") == Network.MENTEE
    with pytest.raises(ValueError):
        Network.parse("friends")


@pytest.mark.parametrize(
    "company,mine,override,side",
    [
        ("Acme", "acme ", None, PeerSide.INSIDE),
        ("Globex", "Acme", None, PeerSide.OUTSIDE),
        ("Acme", "", None, PeerSide.OUTSIDE),
        ("Acme", "Acme", PeerSide.OUTSIDE, PeerSide.OUTSIDE),
        ("Globex", "Acme", PeerSide.INSIDE, PeerSide.INSIDE),
    ],
)
def test_peer_side_from_company_with_override(company, mine, override, side):
    assert peer_side(company, mine, override) == side


@pytest.mark.parametrize(
    "ring,override,distant,expected",
    [
        (Ring.COLD, None, False, None),
        (Ring.COLD, 10, False, None),
        (Ring.LUKEWARM, None, False, 90),
        (Ring.STRATEGIC, None, False, 30),
        (Ring.BUDDY, 7, False, 7),
        (Ring.BUDDY, None, True, None),
    ],
)
def test_effective_cadence(ring, override, distant, expected):
    assert effective_cadence(ring, override, distant) == expected


def test_effective_cadence_uses_settings_over_defaults():
    assert effective_cadence(Ring.LUKEWARM, None, False, {Ring.LUKEWARM: 45}) == 45


@pytest.mark.parametrize(
    "last,cadence,due,left",
    [
        (date(2026, 2, 12), 30, False, 0),  # exactly on the interval: not yet due
        (date(2026, 2, 11), 30, True, -1),  # one day past
        (date(2026, 3, 13), 30, False, 29),
        (None, 30, True, 0),  # never contacted: due now
        (None, None, False, None),  # cold: never due
    ],
)
def test_due_boundaries(last, cadence, due, left):
    assert is_due(last, cadence, TODAY) is due
    assert days_until_due(last, cadence, TODAY) == left


def test_snooze_pushes_due_date():
    assert not is_due(date(2025, 1, 1), 30, TODAY, snoozed_until=date(2026, 3, 20))
    assert days_until_due(date(2025, 1, 1), 30, TODAY, snoozed_until=date(2026, 3, 20)) == 6


HOSTILE = [
    "[/",
    "x[/",
    "[@click=app.quit]x[/]",
    "[link=https://evil.example]x[/link]",
    "\x1b]0;pwned\x07title",
    "\x1b[2J\x1b[H clear",
    "\x9b31m c1",
    "nul\x00del\x7f",
    "\u202eevil\u202c",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_displayable_leaves_no_control_characters(value):
    shown = displayable(value)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in shown)
    assert "\u202e" not in shown


def test_displayable_shows_escape_as_a_visible_picture():
    assert displayable("a\x1bb") == "a\u241bb"
    assert displayable("line1\nline2") == "line1 line2"
    assert displayable("line1\nline2", multiline=True) == "line1\nline2"
    assert displayable("[b]bold[/b]") == "[b]bold[/b]"  # markup is not this layer's business: kept literally


def test_displayable_changes_exactly_the_controls_line_breaks_and_bidi_marks():
    """Checked character by character against Unicode's own categories, alone and inside
    other text, so that text with nothing to change can be handed back as it is."""
    import unicodedata

    from netui.domain.text import BIDI_CONTROLS

    for code in [*range(0x3000), 0xFEFF, 0xFFFD, 0x1F600]:
        ch = chr(code)
        unsafe = unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS or ch in "\u2028\u2029"
        for multiline in (False, True):
            kept = multiline and ch == "\n"
            changed = displayable(f"ab{ch}cd", multiline=multiline) != f"ab{ch}cd"
            assert changed == (unsafe and not kept), (hex(code), multiline)
            assert (displayable(ch, multiline=multiline) == ch) == (not unsafe or kept), (hex(code), multiline)


def test_clean_input_drops_controls_and_folds_lines():
    assert clean_input("  Ada\x1b[31m  Lovelace\n") == "Ada[31m Lovelace"
    assert clean_input("a\r\nb", multiline=True) == "a\nb"
    assert clean_input("\u202eAda") == "Ada"
    assert clean_input("para one\npara two") == "para one para two"  # pasted lines kept, not cut


def test_match_key_ignores_case_spacing_invisibles_and_forms():
    assert match_key("Ada  Lovelace") == match_key("ada lovelace")
    assert match_key("Ada\u200bLovelace") == match_key("AdaLovelace")
    assert match_key("Rene\u0301") == match_key("René")


def test_validation_messages():
    assert check_name("   ") == "A name is required."
    assert check_name("Ada") is None
    assert check_email("") is None
    assert check_email("ada@example.com") is None
    assert "does not look like an email" in check_email("ada@")
    assert check_cadence("") == (None, None)
    assert check_cadence("14") == (14, None)
    assert check_cadence("0")[1] and check_cadence("x")[1]
    assert parse_tags("Advice, leads,, advice , early  warning") == ("advice", "leads", "early warning")


def test_the_quick_path_for_plain_names_matches_and_sorts_as_the_full_one():
    """Plain ASCII names skip Unicode clean-up and normalisation; every such string must get
    the key the full path gives it. A character that forces the full path and leaves no trace
    in the key (a zero-width space for match_key, an accent for sort_key) compares the two
    paths of the real functions."""
    import random
    import string

    from netui.domain import text

    rng = random.Random(7)
    samples = ["", " ", "Ada  Lovelace ", "O'Brien-Smith", "ACME, Inc.", "x\ty", "a\nb", "\x1b[31mred", "del\x7f"]
    samples += ["".join(rng.choice(string.printable) for _ in range(rng.randrange(0, 30))) for _ in range(2000)]
    samples += [chr(c) for c in range(128)]
    for name in samples:
        assert name.isascii()
        assert text.match_key(name) == text.match_key(name + "\u200b"), repr(name)
        # "\u0301" is a combining acute accent: the full path drops it.
        assert text.sort_key(name) == text.sort_key(name + "\u0301"), repr(name)
        assert text.sort_key(name) == name.casefold()
    assert text.sort_key("Ren\u00e9") == "rene"
    assert text.match_key("ADA\u200b  Lovelace") == "ada lovelace"
