"""Real calendar and mail files for the capture tests, written the way calendar and mail programs write them."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

ME = "me@example.com"
ADA = "ada@example.com"
GRACE = "grace@example.org"
BOB = "bob@stranger.net"


def vevent(uid: str, start: str, summary: str, attendees: list[tuple[str, str]] = (), *, extra: str = "",
           organizer: str = ME, end: str = "") -> str:
    """One VEVENT; ``start`` is a full DTSTART property value such as ';TZID=Europe/Berlin:20260202T100000'."""
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z", f"DTSTART{start}"]
    if end:
        lines.append(f"DTEND{end}")
    lines.append(f"SUMMARY:{summary}")
    if organizer:
        lines.append(f"ORGANIZER;CN=Me Myself:mailto:{organizer}")
    for address, params in attendees:
        lines.append(f"ATTENDEE{params}:mailto:{address}")
    if extra:
        lines.extend(extra.strip().splitlines())
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


def calendar(*events: str) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//netui tests//EN", *events, "END:VCALENDAR", ""])


ACCEPTED = ";PARTSTAT=ACCEPTED"

# Today in the tests is 2026-03-14; the user lives in New York (Berlin is 6 hours ahead).
EVENTS = [
    # A weekly 1:1 in Berlin time, four times, the second one moved by a day (an exception).
    vevent("one-on-one@example.com", ";TZID=Europe/Berlin:20260202T100000", "1:1 Ada",
           [(ME, ACCEPTED), ("ADA@Example.COM", ";CN=Ada Lovelace" + ACCEPTED)],
           extra="RRULE:FREQ=WEEKLY;COUNT=4", end=";TZID=Europe/Berlin:20260202T103000"),
    vevent("one-on-one@example.com", ";TZID=Europe/Berlin:20260210T150000", "1:1 Ada (moved)",
           [(ME, ACCEPTED), (ADA, ACCEPTED)], extra="RECURRENCE-ID;TZID=Europe/Berlin:20260209T100000"),
    # Declined by me.
    vevent("declined@example.com", ":20260303T150000Z", "Coffee with Grace",
           [(ME, ";PARTSTAT=DECLINED"), (GRACE, ACCEPTED)], organizer=GRACE),
    # Cancelled.
    vevent("cancelled@example.com", ":20260304T120000Z", "Lunch with Grace",
           [(ME, ACCEPTED), (GRACE, ACCEPTED)], extra="STATUS:CANCELLED"),
    # All day.
    vevent("offsite@example.com", ";VALUE=DATE:20260305", "Offsite planning",
           [(ME, ACCEPTED), (GRACE, ACCEPTED)], end=";VALUE=DATE:20260306"),
    # A Meet link.
    vevent("meet@example.com", ":20260306T160000Z", "Sync with Grace", [(ME, ACCEPTED), (GRACE, ACCEPTED)],
           extra="DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij"),
    # Someone nobody knows, beside Ada.
    vevent("coffee@example.com", ":20260309T140000Z", "Coffee with Ada and Bob",
           [(ME, ACCEPTED), (ADA, ACCEPTED), (BOB, ";CN=Bob Stranger" + ACCEPTED)]),
    # Only me.
    vevent("focus@example.com", ":20260310T140000Z", "Focus time", [(ME, ACCEPTED)]),
    # Many people.
    vevent("allhands@example.com", ":20260311T170000Z", "Quarterly review",
           [(ME, ACCEPTED), (ADA, ACCEPTED), (GRACE, ACCEPTED)] + [(f"p{i}@corp.example", ACCEPTED) for i in range(4)]),
    # Ahead: not proposed, but coming up (three days ahead), and one cancelled.
    vevent("ahead@example.com", ":20260317T150000Z", "Coffee with Ada", [(ME, ACCEPTED), (ADA, ACCEPTED)]),
    vevent("ahead-cancelled@example.com", ":20260318T150000Z", "Lunch with Grace", [(ME, ACCEPTED), (GRACE, ACCEPTED)],
           extra="STATUS:CANCELLED"),
    # Far in the future: not proposed.
    vevent("future@example.com", ":20260401T140000Z", "Lunch with Ada", [(ME, ACCEPTED), (ADA, ACCEPTED)]),
]


def write_calendar(path: Path) -> Path:
    path.write_text(calendar(*EVENTS), encoding="utf-8", newline="")
    return path


def write_vdir(folder: Path) -> Path:
    """The same events as a vdir (vdirsyncer's layout): one file per UID."""
    folder.mkdir(parents=True, exist_ok=True)
    by_uid: dict[str, list[str]] = {}
    for event in EVENTS:
        uid = event.split("UID:", 1)[1].split("\r\n", 1)[0]
        by_uid.setdefault(uid, []).append(event)
    for uid, events in by_uid.items():
        (folder / f"{uid.split('@')[0]}.ics").write_text(calendar(*events), encoding="utf-8", newline="")
    return folder


def message(sender: str, to: list[str], subject: str, date: str, msg_id: str, *, cc: list[str] = (),
            refs: list[str] = (), headers: dict[str, str] | None = None, body: str = "Hello.\n") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = f"<{msg_id}>"
    if refs:
        msg["In-Reply-To"] = f"<{refs[-1]}>"
        msg["References"] = " ".join(f"<{r}>" for r in refs)
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg


def messages() -> list[EmailMessage]:
    return [
        # A thread with Ada on one day, both ways, Grace in Cc on the second message.
        message(f"Ada Lovelace <{ADA}>", [ME], "Engines", "Mon, 02 Mar 2026 10:00:00 -0500", "t1@ada"),
        message(f"Me <{ME}>", [ADA], "Re: Engines", "Mon, 02 Mar 2026 11:00:00 -0500", "t2@me",
                cc=[GRACE], refs=["t1@ada"]),
        message(f"Ada Lovelace <{ADA}>", [ME], "Re: Re: Engines", "Mon, 02 Mar 2026 12:00:00 -0500", "t3@ada",
                refs=["t1@ada", "t2@me"]),
        # The same thread, another day.
        message(f"ADA@EXAMPLE.COM", [ME], "Re: Engines", "Wed, 04 Mar 2026 09:00:00 -0500", "t4@ada",
                refs=["t1@ada", "t2@me", "t3@ada"]),
        # A mailing list, a bulk sender, a no-reply sender.
        message(f"Ada Lovelace <{ADA}>", ["list@lists.example"], "[list] News", "Tue, 03 Mar 2026 10:00:00 -0500",
                "l1@ada", headers={"List-Id": "<list.lists.example>"}),
        message(f"Grace <{GRACE}>", [ME], "Sale!", "Tue, 03 Mar 2026 10:00:00 -0500", "b1@grace",
                headers={"Precedence": "bulk"}),
        message("Service <no-reply@service.example>", [ME, ADA], "Your receipt", "Tue, 03 Mar 2026 10:00:00 -0500",
                "n1@service"),
        # Nobody known.
        message(f"Bob <{BOB}>", [ME], "Hi", "Tue, 03 Mar 2026 10:00:00 -0500", "s1@bob"),
    ]


# A header written in Latin-1 without any encoding (old mail programs did this).
LATIN1_HEADERS = (
    b"From: Grace <grace@example.org>\nTo: me@example.com\nSubject: Caf\xe9 tomorrow?\n"
    b"Date: Thu, 05 Mar 2026 08:00:00 -0500\nMessage-ID: <latin@grace>\n\nBody\n"
)


def write_mbox(path: Path, extra: list[bytes] = ()) -> Path:
    box = mailbox.mbox(path)
    try:
        for msg in messages():
            box.add(msg)
        for raw in extra:
            box.add(raw)
        box.flush()
    finally:
        box.close()
    return path


def write_maildir(folder: Path, extra: list[bytes] = ()) -> Path:
    box = mailbox.Maildir(folder, create=True)
    try:
        for msg in messages():
            box.add(msg)
        for raw in extra:
            box.add(raw)
    finally:
        box.close()
    return folder
