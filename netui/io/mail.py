"""Mail capture: messages to or from people you know become proposed ``email`` entries.

An mbox file or a Maildir folder is read with the standard library's ``mailbox``, one
message at a time and only its headers (a 50 MB attachment is never held in memory), so
a mailbox of any size is read in constant memory. Mailing lists, bulk mail and no-reply
senders are skipped. One proposal per person, thread and day; the Message-IDs read are
remembered, so a second scan proposes nothing new.
"""

from __future__ import annotations

import email.errors
import email.header
import email.utils
import hashlib
import mailbox
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from pathlib import Path

from netui.domain.capture import CaptureReport, ProposalDraft, Source, bare_subject, email_key, is_bulk, is_no_reply
from netui.domain.text import clean_input
from netui.io.common import FormatError
from netui.store.db import Database
from netui.store.proposals import already_proposed, message_seen, my_emails, people_by_email

# progress(messages read, messages in all)
Progress = Callable[[int, int], None]

MAX_HEADER_BYTES = 256 * 1024  # headers longer than this are cut (a message's body is never read)
HEADERS = ("from", "to", "cc", "subject", "date", "message-id", "in-reply-to", "references",
           "list-id", "precedence", "auto-submitted")


@dataclass(frozen=True)
class Header:
    """What capture reads of one message."""

    message_id: str
    sender: str
    recipients: tuple[str, ...]
    subject: str
    when: datetime | None
    thread: str
    bulk: str | None


def open_mailbox(path: str | os.PathLike[str]) -> mailbox.Mailbox:
    """The mailbox at ``path``: an mbox file or a Maildir folder."""
    root = Path(path).expanduser()
    if not root.exists():
        raise FormatError(f"{root}: no such file or folder")
    if root.is_dir():
        if not (root / "cur").is_dir() and not (root / "new").is_dir():
            raise FormatError(f"{root}: not a Maildir folder (no cur/ or new/ inside)")
        return mailbox.Maildir(root, factory=None, create=False)
    with open(root, "rb") as handle:
        first = handle.read(5)
    if first and first != b"From ":
        raise FormatError(f"{root}: not an mbox file (it does not start with a 'From ' line)")
    return mailbox.mbox(root, factory=None, create=False)


def _header_bytes(handle) -> bytes:
    """A message's header lines, read up to the blank line that ends them."""
    lines, size = [], 0
    while size < MAX_HEADER_BYTES:
        line = handle.readline()
        if not line or line in (b"\n", b"\r\n"):
            break
        lines.append(line)
        size += len(line)
    return b"".join(lines)


def _decoded(value: str | None) -> str:
    """A header's text with its encoded words decoded; bytes that are not UTF-8 become U+FFFD."""
    if not value:
        return ""
    try:
        parts = email.header.decode_header(str(value))
        text = "".join(
            p.decode(charset or "utf-8", "replace") if isinstance(p, bytes) else p
            for p, charset in ((part, _charset(cs)) for part, cs in parts)
        )
    except (LookupError, ValueError, email.errors.HeaderParseError):
        text = str(value)
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return clean_input(" ".join(text.split()))


def _charset(name: str | None) -> str | None:
    if not name:
        return None
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        return "utf-8"  # an unknown charset: read as UTF-8, replacing what does not fit
    return name


def _ids(value: str | None) -> list[str]:
    return [part.strip("<> \t") for part in str(value or "").replace(">", "> ").split() if "@" in part]


def header_fields(raw: bytes) -> dict[str, str]:
    """The first value of each header capture reads, unfolded (names lower-cased). Only these
    few are looked at, so a long header block costs one pass over its lines."""
    fields: dict[str, str] = {}
    current = None
    for line in raw.decode("utf-8", "surrogateescape").splitlines():
        if line[:1] in (" ", "\t"):
            if current is not None:
                fields[current] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        key = name.strip().lower()
        current = key if sep and key in HEADERS and key not in fields else None
        if current is not None:
            fields[current] = value.strip()
    return fields


def read_header(raw: bytes) -> Header:
    fields = dict.fromkeys(HEADERS, "") | header_fields(raw)
    senders = email.utils.getaddresses([fields["from"]])
    sender = email_key(senders[0][1]) if senders else ""
    recipients = tuple(dict.fromkeys(
        key for _, addr in email.utils.getaddresses([fields["to"], fields["cc"]]) if (key := email_key(addr))
    ))
    when = None
    if fields["date"]:
        try:
            when = email.utils.parsedate_to_datetime(fields["date"])
        except (TypeError, ValueError, IndexError, OverflowError):
            when = None
    subject = _decoded(fields["subject"])
    own = _ids(fields["message-id"])
    message_id = own[0] if own else "netui-" + hashlib.sha256(raw).hexdigest()[:32]
    refs = _ids(fields["references"]) or _ids(fields["in-reply-to"])
    thread = refs[0] if refs else message_id
    return Header(
        message_id=message_id.lower(), sender=sender, recipients=recipients, subject=subject, when=when,
        thread=thread.lower(), bulk=is_bulk(fields) or ("no-reply sender" if is_no_reply(sender) else None),
    )


def scan(
    db: Database,
    path: str | os.PathLike[str],
    *,
    me: tuple[str, ...] = (),
    since: date | None = None,
    tz: tzinfo | None = None,
    progress: Progress | None = None,
) -> tuple[CaptureReport, list[str]]:
    """Read the mailbox's headers one message at a time: the report (with what it would
    propose) and the Message-IDs to remember. Ctrl+C stops the reading and keeps what was
    read so far (``report.interrupted``)."""
    box = open_mailbox(path)
    mine = set(me or my_emails(db))
    known = people_by_email(db)
    report = CaptureReport(what="messages", me_known=bool(mine))
    found: dict[str, ProposalDraft] = {}
    remember: list[str] = []
    senders: Counter[str] = Counter()
    try:
        if progress is not None:
            progress(0, 0)
        try:
            keys = list(box.iterkeys())
        except (OSError, mailbox.Error) as exc:
            raise FormatError(f"{path}: cannot read the mailbox ({exc})") from None
        for n, key in enumerate(keys, start=1):
            try:
                handle = box.get_file(key)
            except (OSError, KeyError):
                report.skip("unreadable")
                continue
            try:
                header = read_header(_header_bytes(handle))
            finally:
                handle.close()
            report.read += 1
            if not mine:
                senders.update((header.sender, *header.recipients))
            if progress is not None and (n % 500 == 0 or n == len(keys)):
                progress(n, len(keys))
            _consider(db, header, mine, known, since, tz, report, found, remember)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        box.close()
    if not mine and senders:
        report.likely_me = senders.most_common(1)[0][0]
    report.proposed = list(found.values())
    before = already_proposed(db, [d.source_key for d in report.proposed])
    report.again = sum(1 for d in report.proposed if d.source_key in before)
    return report, remember


def _consider(
    db: Database, header: Header, mine: set[str], known: dict[str, int], since: date | None, tz: tzinfo | None,
    report: CaptureReport, found: dict[str, ProposalDraft], remember: list[str],
) -> None:
    """One message: skipped (and why), or a proposal per known person for its thread and day."""
    if header.bulk:
        report.skip(header.bulk)
        return
    if header.when is None:
        report.skip("no date")
        return
    day = header.when.astimezone(tz).date() if header.when.tzinfo else header.when.date()
    if since is not None and day < since:
        report.skip("before --since")
        return
    if message_seen(db, header.message_id):
        report.skip("read before")
        return
    if header.sender in mine:
        direction = "sent"
    elif header.sender in known:
        direction = "received"
    else:
        direction = None
    everyone = (header.sender, *header.recipients)
    people = list(dict.fromkeys(known[a] for a in everyone if a in known and a not in mine))
    if not people:
        report.skip("with nobody you know")
        return
    remember.append(header.message_id)
    summary = bare_subject(header.subject) or "(no subject)"
    for pid in people:
        source_key = f"mail:{header.thread}|{day.isoformat()}|{pid}"
        before = found.get(source_key)
        if before is None:
            found[source_key] = ProposalDraft(
                source=Source.MAIL, source_key=source_key, date=day, kind="email", summary=summary,
                person_ids=(pid,), direction=direction,
            )
        elif before.direction != direction and direction is not None:
            found[source_key] = replace(before, direction="both" if before.direction else direction)
