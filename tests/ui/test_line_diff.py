"""Which cells of a line a repaint sends (netui.ui.widgets.line_diff)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from netui.ui.widgets.line_diff import changed_span, fill_style

BASE = Style(color="white", bgcolor="black")
BOLD = BASE + Style(bold=True)


def line(*parts: tuple[str, Style], width: int = 20) -> Strip:
    return Strip([Segment(text, style) for text, style in parts]).extend_cell_length(width, BASE)


def test_a_line_is_sent_only_as_far_as_it_changed():
    assert changed_span(line(("Ada Lovelace", BASE)), line(("Ada Byron", BASE))) == (4, 12)
    assert changed_span(line(("Ada", BASE)), line(("Ada", BASE))) is None


def test_a_change_of_style_alone_is_a_change():
    assert changed_span(line(("Ada", BASE)), line(("Ada", BOLD))) == (0, 3)


def test_blanks_in_another_colour_but_the_same_background_look_the_same():
    grey = Style(color="grey50", bgcolor="black")
    assert changed_span(line(("Ada", BASE), (" " * 5, grey)), line(("Ada", BASE))) is None
    assert changed_span(line(("Ada", BASE)), line(("Ada", BASE), ("  ", Style(bgcolor="red")))) == (3, 5)


def test_a_wide_character_is_never_cut_in_two():
    # 日 takes cells 3-4; the change is in its second half only as far as cells go.
    assert changed_span(line(("Ada日x", BASE)), line(("Ada日y", BASE))) == (5, 6)
    assert changed_span(line(("Ada日", BASE)), line(("Ada本", BASE))) == (3, 5)
    assert changed_span(line(("Adaxy", BASE)), line(("Ada本", BASE))) == (3, 5)


def test_the_blanks_that_end_a_line_take_the_last_words_style_when_they_look_the_same():
    assert fill_style(BOLD, BASE) is BOLD  # one run of colours, not two
    underlined = fill_style(BASE + Style(underline=True), BASE)
    assert not underlined.underline  # a heading's underline does not run on into the blanks
    assert fill_style(Style(color="red", bgcolor="blue"), BASE) is BASE
    assert fill_style(None, BASE) is BASE
