"""Capture's pure rules: the kind an event is guessed to be, and what a logged proposal's notes say."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.capture import ProposalRow, guess_kind


@pytest.mark.parametrize(
    ("title", "text", "attendees", "kind"),
    [
        ("Catch-up https://zoom.us/j/123", "", 2, "video"),  # a link in the title alone is enough
        ("Catch-up", "join: https://meet.google.com/abc-defg-hij", 2, "video"),
        ("Coffee with Ada", None, 2, "coffee"),
        ("Team offsite", "", 6, "event"),  # six people, you included, make an event
        ("Team offsite", "", 5, "other"),
        (None, None, 1, "other"),
    ],
)
def test_guess_kind(title, text, attendees, kind):
    assert guess_kind(title, text, attendees) == kind


def _row(source: str, time: str = "", direction: str | None = None) -> ProposalRow:
    return ProposalRow(id=1, source=source, date=date(2026, 3, 14), time=time, kind="other", summary="Hello",
                       direction=direction, people=((7, "Ada"),))


@pytest.mark.parametrize(
    ("row", "notes"),
    [
        (_row("mail", direction="sent"), "From your mail (you wrote)."),
        (_row("mail", direction="received"), "From your mail (they wrote)."),
        (_row("mail", direction="both"), "From your mail (both wrote)."),
        (_row("mail"), "From your mail."),
        (_row("calendar", time="10:30"), "From your calendar at 10:30."),
        (_row("calendar"), "From your calendar."),
    ],
)
def test_a_logged_proposal_says_where_it_came_from(row, notes):
    assert row.notes() == notes
