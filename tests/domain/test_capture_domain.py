"""Capture's pure rules: the kind an event is guessed to be, and what a logged proposal's notes say."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.capture import ProposalRow, bare_subject, email_key, guess_kind, is_bulk, is_no_reply


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


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({}, None),  # no header at all: a person's mail
        ({"list-id": "<team.lists.example.org>"}, "mailing list"),
        ({"precedence": " Bulk "}, "bulk"),
        ({"precedence": "list"}, "bulk"),
        ({"precedence": "JUNK"}, "bulk"),
        ({"precedence": "first-class"}, None),
        ({"auto-submitted": "auto-generated"}, "automatic"),
        ({"auto-submitted": "Auto-Replied"}, "automatic"),
        ({"auto-submitted": " No "}, None),  # "no" says a person wrote it
        ({"auto-submitted": ""}, None),
    ],
)
def test_is_bulk_names_why_a_message_is_not_from_a_person(headers, why):
    assert is_bulk(headers) == why


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("<Ada@Example.org>", "ada@example.org"),
        (" mailto:XAVIER@EXAMPLE.ORG ", "xavier@example.org"),  # leading X is part of the name
        ("MAILTO: <Xena@Example.org> ", "xena@example.org"),
        ("not an address", ""),
        (None, ""),
    ],
)
def test_email_key_strips_mailto_brackets_and_case(address, key):
    assert email_key(address) == key


@pytest.mark.parametrize(
    ("address", "no_reply"),
    [
        ("noreply@example.org", True),
        ("No-Reply+team@example.org", True),
        ("noreply@relay@example.org", True),  # only the part before the first @ counts
        ("ada@noreply.example.org", False),
        ("", False),
    ],
)
def test_is_no_reply_looks_at_the_local_part(address, no_reply):
    assert is_no_reply(address) is no_reply


def test_bare_subject_of_nothing_is_empty():
    assert bare_subject("") == ""
    assert bare_subject(None) == ""
    assert bare_subject("Re: Fwd: RE[2]: Lunch") == "Lunch"
