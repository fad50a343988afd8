"""The command line: `netui` opens the app; subcommands are plain text and scriptable.

Exit codes: 0 success, 1 a user error (one line on stderr), 2 a usage error.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from netui.store.db import Database

from netui import __version__
from netui.domain.text import displayable

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("netui", appauthor=False) / "netui.db"


def resolve_db(args: argparse.Namespace) -> Path:
    if getattr(args, "db", None):
        return Path(args.db).expanduser()
    if os.environ.get("NETUI_DB"):
        return Path(os.environ["NETUI_DB"]).expanduser()
    return default_db_path()


def today_from_env() -> date:
    """NETUI_TODAY pins the date (tests, screenshots, demos); otherwise the real date."""
    pinned = os.environ.get("NETUI_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise UserError(f"NETUI_TODAY={pinned!r} is not a date like 2026-03-14") from None
    return date.today()


# ---------------------------------------------------------------- parser


def _db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    import argparse

    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="database file (default: $NETUI_DB, then your user data folder)",
    )


def _app_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``netui`` with no command: the app itself."""
    _db_option(parser, top=True)
    parser.add_argument("--theme", metavar="NAME", help="colour theme for the app")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="netui",
        description="A personal CRM for your career network, in the terminal. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"netui {__version__}")
    _app_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill a database with a demo network and open it")
    _db_option(demo, top=False)
    demo.add_argument("--people", type=_positive, default=120, metavar="N", help="how many people (default 120)")
    demo.add_argument(
        "--interactions", type=_non_negative, default=None, metavar="M", help="how many journal entries (default 25 per person)"
    )
    demo.add_argument("--seed", type=int, default=7, metavar="S", help="random seed: the same seed gives the same network")
    demo.add_argument("--no-tui", action="store_true", help="only write the data, do not open the app")
    demo.add_argument("--force", action="store_true", help="add demo people even if the database already holds people")
    demo.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS, help="colour theme for the app")

    add = sub.add_parser("add", help="add a person")
    _db_option(add, top=False)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--ring", default="cold", type=_checked_by("netui.domain.rings.Ring.parse"), help="cold, lukewarm, strategic or buddy (default cold)")
    add.add_argument("--network", action="append", default=[], metavar="N",
                     type=_checked_by("netui.domain.networks.Network.parse"), help="support, peer, mentor or mentee; repeatable")
    add.add_argument("--company", default="", metavar="C")
    add.add_argument("--title", default="", metavar="T")
    add.add_argument("--email", default="", metavar="E")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="something they can help with; repeatable")
    add.add_argument("--offer", action="append", default=[], metavar="T", help="something you can offer them; repeatable")

    funnel = sub.add_parser("funnel", help="how people moved between rings: per month, time on each ring")
    _db_option(funnel, top=False)
    funnel.add_argument(
        "--since", metavar="WHEN", help="start on this day: 2026-01-01, or back from today: 90d, 8w, 6m, 1y (default: all time)"
    )
    funnel.add_argument("--json", action="store_true", help="print the report as JSON")

    log = sub.add_parser("log", help="log an interaction with one or more people")
    _db_option(log, top=False)
    log.add_argument("names", nargs="+", metavar="NAME", help="a person's full name (any case), or #ID; one or more")
    log.add_argument("--kind", required=True, metavar="K", type=_checked_by("netui.domain.journal.Kind.parse"), help="coffee, lunch, drinks, call, video, message, email, event, linkedin, intro or other")
    log.add_argument("--date", default="today", metavar="WHEN", help="when it happened: today (default), yesterday, 3 days ago, last friday, 14 mar, 2026-03-14")
    log.add_argument("--summary", default="", metavar="S", help="one line: what it was about")
    log.add_argument("--note", default="", metavar="TEXT", help="free notes")
    log.add_argument("--reciprocity", default=None, metavar="R", type=_checked_by("netui.domain.journal.Reciprocity.parse"), help="gave, received or mutual")
    log.add_argument("--follow-up", default="", metavar="WHEN", help="a date to follow up: next monday, in 2 weeks, 2026-04-01")

    journal = sub.add_parser("journal", help="print journal entries, newest first")
    _db_option(journal, top=False)
    journal.add_argument("--person", metavar="NAME", help="only entries with this person (full name or #ID)")
    journal.add_argument("--since", metavar="WHEN", help="only entries on or after this date (e.g. 30 days ago)")
    journal.add_argument("--kind", metavar="K", type=_checked_by("netui.domain.journal.Kind.parse"), help="only entries of this kind")
    journal.add_argument("--search", metavar="TEXT", help="words in the summary or notes (prefixes match)")
    journal.add_argument("--open", action="store_true", help="only entries with a follow-up still open")
    journal.add_argument("--limit", type=_positive, metavar="N", help="at most N entries")
    journal.add_argument("--json", action="store_true", help="print JSON (an array of entries)")

    agenda = sub.add_parser("agenda", help="what is due today, as plain text (fit for a login message) or JSON")
    _db_option(agenda, top=False)
    agenda.add_argument("--json", action="store_true", help="every item as JSON, for scripts")
    agenda.add_argument("--date", metavar="WHEN", help="the day to look at: 2026-03-14, today, tomorrow, +3, 2w (default today)")
    agenda.add_argument("--all", action="store_true", help="list every due person, not just the first few")
    imp = sub.add_parser("import", help="import people from LinkedIn, vCard or CSV, or restore a JSON dump")
    _db_option(imp, top=False)
    imp.add_argument("format", choices=("linkedin", "vcard", "csv", "json"), help="what kind of file FILE is")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="print the report and write nothing")
    imp.add_argument(
        "--map", action="append", default=[], metavar="COLUMN=FIELD",
        help="csv only: read COLUMN as FIELD (name, first_name, last_name, company, title, email, phone, url, "
        "location, purpose, notes, ring, networks, tags, offers, keep_in_touch, ignore); repeatable",
    )

    exp = sub.add_parser("export", help="export to JSON (everything), CSV, vCard, iCalendar or Markdown")
    _db_option(exp, top=False)
    exp.add_argument("format", choices=("json", "csv", "vcard", "ics", "markdown"), help="what to write")
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    exp.add_argument("--events", action="store_true", help="ics only: all-day events instead of tasks (VTODO)")

    backup = sub.add_parser("backup", help="write a consistent copy of the live database")
    _db_option(backup, top=False)
    backup.add_argument("dest", nargs="?", metavar="DEST", help="a file, or a folder for a dated copy (default: beside the database)")

    restore = sub.add_parser("restore", help="replace the database with a backup (keeps a copy of what it replaces)")
    _db_option(restore, top=False)
    restore.add_argument("file", metavar="FILE", help="a backup written by `netui backup`")

    serve = sub.add_parser("serve", help="serve the app to a web browser (loopback only unless --host says otherwise)")
    _db_option(serve, top=False)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--public-url", metavar="URL", help="the address browsers use, if not http://HOST:PORT")
    serve.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS, help="colour theme for the app")

    completion = sub.add_parser(
        "completion", help="print a shell completion script: eval \"$(netui completion bash)\" (or zsh, fish)"
    )
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell to complete in")
    return parser


def _port(text: str) -> int:
    import argparse

    value = _non_negative(text)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be a port number from 1 to 65535")
    return value


def _checked_by(parse_name: str):
    """An argparse type that checks a name with ``module.Class.parse`` and keeps the text:
    a ring or kind that does not exist is a wrong command line (exit 2, with the usage)."""
    import argparse
    import importlib

    module, cls, method = parse_name.rsplit(".", 2)

    def check(text: str) -> str:
        try:
            getattr(getattr(importlib.import_module(module), cls), method)(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        return text

    check.__name__ = cls.lower()  # argparse names the type in its message
    return check


def _positive(text: str) -> int:
    import argparse

    value = _non_negative(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _non_negative(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


# ---------------------------------------------------------------- commands


def _copy_progress(what: str):
    """Progress of a database copy on stderr, only when a person is watching it."""
    if not sys.stderr.isatty():
        return None, lambda: None
    shown = []

    def progress(phase: str, done: int, total: int) -> None:
        shown.append(phase)
        step = f"copying {done * 100 // max(total, 1)}%" if phase == "copying" else "checking the copy…"
        print(f"\rnetui: {what}: {step:<20}", end="", file=sys.stderr, flush=True)

    def finish() -> None:
        if shown:
            print(file=sys.stderr)

    return progress, finish


def open_db(path: Path, *, readonly: bool = False, create: bool = True) -> Database:
    """Open the database once for a command (or the app): checked, upgraded after a safety
    copy (with progress in a terminal), and said so on stderr."""
    from netui.store.db import Database

    progress, finish = _copy_progress("keeping a copy before the upgrade")
    try:
        db = Database.open(path, readonly=readonly, create=create, progress=progress)
    finally:
        finish()
    if db.backup_path:
        print(f"netui: upgraded the database; the old version is kept at {displayable(str(db.backup_path))}",
              file=sys.stderr)
    return db


def run_app(db: Database, theme: str | None) -> int:
    """The app on an open database, which it keeps until it quits."""
    theme = _check_theme(theme)
    today_from_env()  # a bad NETUI_TODAY is an error here, not inside the app
    from netui.ui.app import AppConfig, make_app

    db.share_session()
    app = make_app(AppConfig(db=db, theme=theme, today=today_from_env))
    app.run()
    return app.return_code or 0


def _check_theme(theme: str | None) -> str | None:
    if not theme:
        return None
    from textual.theme import BUILTIN_THEMES

    from netui.ui.themes import load_themes

    names = sorted({t.name for t in load_themes().themes} | set(BUILTIN_THEMES))
    if theme not in names:
        raise UserError(f"unknown theme {theme!r}; choose one of: {', '.join(names)}")
    return theme


def cmd_demo(args: argparse.Namespace) -> int:
    from netui.store import demo
    from netui.store.people import count_people

    throwaway = None
    if getattr(args, "db", None) or os.environ.get("NETUI_DB"):
        path = resolve_db(args)
    else:
        throwaway = Path(tempfile.mkdtemp(prefix="netui-demo-"))
        path = throwaway / "demo.db"
    interactions = args.interactions if args.interactions is not None else args.people * 25
    db = None
    try:
        db = open_db(path)
        path = db.path
        existing = count_people(db) + count_people(db, trash=True)
        if existing and not args.force:
            raise UserError(f"{path} already holds {existing} people; use --force to add demo people anyway")
        show = sys.stderr.isatty()

        def progress(what: str, done: int, total: int) -> None:
            if show:
                print(f"\rnetui: writing {what}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

        demo.generate(db, args.people, interactions, seed=args.seed, today=today_from_env(), progress=progress)
        if show:
            print(file=sys.stderr)
        if args.no_tui:
            if throwaway is not None:
                print(f"Wrote a demo network of {args.people:,} people and {interactions:,} interactions, "
                      "then removed it (give --db to keep one).")
            else:
                print(f"Wrote a demo network of {args.people:,} people and {interactions:,} interactions to "
                      f"{displayable(str(path))}")
            return EXIT_OK
        return run_app(db, getattr(args, "theme", None))
    finally:
        if db is not None:
            db.close()
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)


def cmd_add(args: argparse.Namespace) -> int:
    from netui.domain.models import Membership, PersonDraft
    from netui.domain.networks import Network
    from netui.domain.rings import Ring
    from netui.domain.text import clean_input
    from netui.domain.validation import check_email, check_name
    from netui.store.people import add_person, find_by_name

    try:
        ring = Ring.parse(args.ring)
        networks = tuple(dict.fromkeys(Network.parse(n) for n in args.network))
    except ValueError as exc:
        raise UserError(str(exc)) from None
    for message in (check_name(args.name), check_email(args.email)):
        if message:
            raise UserError(message)
    db = open_db(resolve_db(args))
    name = clean_input(args.name)
    same = find_by_name(db, name)
    person_id = add_person(
        db,
        PersonDraft(
            name=name,
            ring=ring,
            company=args.company,
            title=args.title,
            email=args.email,
            memberships=tuple(Membership(n) for n in networks),
            help_tags=tuple(args.tag),
            offer_tags=tuple(args.offer),
        )
    )
    print(f"Added {name} (#{person_id}) on the {ring.value} ring.")
    if same:
        print(f"netui: note: {len(same)} other person(s) already called {name}", file=sys.stderr)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from datetime import datetime

    db = open_db(resolve_db(args), readonly=True)
    dest = Path(args.dest).expanduser() if args.dest else db.path.with_name(
        f"{db.path.stem}-backup-{datetime.now():%Y%m%d-%H%M%S}.db"
    )
    progress, finish = _copy_progress("backup")
    try:
        written = db.backup(dest, progress)
    finally:
        finish()
    print(displayable(f"Backed up {db.path} to {written} (integrity check passed)."))
    return EXIT_OK


def cmd_funnel(args: argparse.Namespace) -> int:
    import json

    from netui.domain.funnel import parse_since, report_as_dict
    from netui.io.funnel_text import report_text
    from netui.store.funnel import report

    today = today_from_env()
    since = None
    if args.since:
        try:
            since = parse_since(args.since, today)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        if since > today:
            raise UserError(f"--since {args.since} is after today ({today.isoformat()})")
    db = open_db(resolve_db(args), readonly=True)
    result = report(db, today, since)
    if args.json:
        from netui.domain.text import json_safe

        print(json_safe(json.dumps(report_as_dict(result), indent=2, ensure_ascii=False)))
    else:
        print(report_text(result, width=shutil.get_terminal_size((80, 24)).columns))
    return EXIT_OK


def cmd_agenda(args: argparse.Namespace) -> int:
    from netui.domain.agenda import parse_day
    from netui.io.agenda_text import agenda_json, agenda_text
    from netui.store.overview import agenda
    from netui.store.settings import load_settings

    db = open_db(resolve_db(args), readonly=True)
    settings = load_settings(db)
    today = today_from_env()
    if args.date:
        try:
            today = parse_day(args.date, today, day_first=settings.day_first)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    shown = None if args.json or args.all else AGENDA_LINES
    result = agenda(db, today, settings, limit=shown)
    print(agenda_json(result) if args.json else agenda_text(result, shown, today=today_from_env()))
    return EXIT_OK


AGENDA_LINES = 5  # due people listed in the plain-text agenda; the rest are counted


def cmd_restore(args: argparse.Namespace) -> int:
    from datetime import datetime

    from netui.store.check import check_database
    from netui.store.db import replace_database
    from netui.store.session import SessionLock

    source = Path(args.file).expanduser()
    if not source.is_file():
        raise UserError(f"{source} does not exist or is not a file")
    # The backup must be a netui database (an older netui's is upgraded when next opened).
    check_database(source, readonly=True)
    target = check_database(resolve_db(args)).path  # the file itself, never a link to it
    session = SessionLock(target)
    if not session.exclusive():
        raise UserError(f"{target} is open in another netui session; quit it first, then restore")
    try:
        kept = None
        if target.exists():
            kept = target.with_name(f"{target.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}.bak")
        replace_database(source, target, keep=kept)
    finally:
        session.release()
    print(displayable(f"Restored {target} from {source}." + (f" What it replaced is kept at {kept}." if kept else "")))
    return EXIT_OK


def _progress_printer(verb: str):
    """Progress on stderr, only when a person is watching it."""
    if not sys.stderr.isatty():
        return None, lambda: None
    shown = []

    def progress(done: int, total: int) -> None:
        shown.append(True)
        print(f"\rnetui: {verb} {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    def finish() -> None:
        if shown:
            print(file=sys.stderr)

    return progress, finish


def cmd_import(args: argparse.Namespace) -> int:
    from netui.io import formats, jsondump

    if args.map and args.format != "csv":
        raise UserError("--map only applies to csv imports")
    reading, read = _progress_printer("reading")
    progress, done = _progress_printer("importing")
    if args.format == "json":
        doc = jsondump.load_file(args.file)
        db = open_db(resolve_db(args))
        jsondump.check_empty(db)
        if args.dry_run:
            print(f"Would restore {jsondump.summary(doc)}.")
            print("Dry run: nothing was written.")
            return EXIT_OK
        jsondump.restore(db, doc, progress)
        done()
        print(displayable(f"Restored {jsondump.summary(doc)} from {Path(args.file).name}."))
        return EXIT_OK
    # The file is read before the database is opened: a bad file changes nothing.
    parsed = formats.parse_file(args.format, args.file, args.map, reading)
    read()
    db = open_db(resolve_db(args))
    report = formats.apply_parsed(db, args.format, parsed, dry_run=args.dry_run, progress=progress)
    done()
    print(displayable("\n".join(report.lines()), multiline=True))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from netui.io import formats
    from netui.io.common import write_output

    if args.events and args.format != "ics":
        raise UserError("--events only applies to ics exports")
    db = open_db(resolve_db(args), readonly=True)
    if args.output is not None:
        target = Path(args.output).expanduser().resolve()
        live = {db.path, db.path.with_name(db.path.name + "-wal"), db.path.with_name(db.path.name + "-shm")}
        if target in live:
            raise UserError(displayable(f"{args.output} is the database itself; choose another file for the export"))
    data = formats.export(db, args.format, events=args.events)
    if args.output is None and sys.stdout.isatty():
        # Straight to a terminal, a stored escape sequence would act on it: show it as
        # a placeholder instead. To a file or a pipe every value is written exactly.
        if isinstance(data, bytes):
            text = data.decode("utf-8", "replace")
        else:
            text = data if isinstance(data, str) else "".join(data)
        data = displayable(text.replace("\r\n", "\n"), multiline=True)
    written = write_output(data, args.output)
    if written is not None:
        print(displayable(f"netui: wrote {args.format} to {written}"), file=sys.stderr)
    return EXIT_OK


def _person_named(db: Database, name: str) -> tuple[int, str]:
    """The one live person called ``name`` (or #ID); otherwise a UserError listing the candidates."""
    from netui.domain.text import clean_input
    from netui.store.people import people_named

    typed = clean_input(name)
    found = people_named(db, typed)

    def show(rows) -> str:
        return "; ".join(displayable(f"{n} (#{pid}{', ' + c if c else ''})") for pid, n, c in rows)

    if len(found) == 1:
        return found[0][0], found[0][1]
    if found:
        raise UserError(f"{len(found)} people are called {displayable(typed)!r}: {show(found)}; use #ID to pick one")
    if typed.startswith("#") and typed[1:].isdigit():
        raise UserError(f"nobody has the id {typed}; nothing was changed")
    close = _similar(db, typed)
    hint = f"; did you mean: {show(close[:5])}" if close else "; add them first with `netui add`"
    raise UserError(f"nobody is called {displayable(typed)!r}{hint}")


def _similar(db: Database, typed: str) -> list[tuple[int, str, str]]:
    """People whose names hold every word typed, else whose names look alike (only asked
    when nobody has the name exactly, so reading every name here is fine)."""
    import difflib

    from netui.domain.fuzzy import fold
    from netui.store.people import name_index

    index = name_index(db)
    folded = fold(typed)
    words = folded.split()
    keys = {pid: fold(n) for pid, n, _ in index}
    close = [r for r in index if words and all(w in keys[r[0]] for w in words)]
    if not close:
        near = set(difflib.get_close_matches(folded, list(keys.values()), n=5, cutoff=0.6))
        close = [r for r in index if keys[r[0]] in near]
    return close


def _day_first(db: Database) -> bool:
    from netui.store.settings import load_settings

    return load_settings(db).day_first


def cmd_log(args: argparse.Namespace) -> int:
    from netui.domain.dates import DateError, parse_follow_up, parse_meeting_date
    from netui.domain.journal import InteractionDraft, Kind, Reciprocity
    from netui.store.journal import add_interaction

    try:
        kind = Kind.parse(args.kind).value
        mark = Reciprocity.parse(args.reciprocity)
    except ValueError as exc:
        raise UserError(displayable(str(exc))) from None
    recip = mark.value if mark else None
    db = open_db(resolve_db(args))
    today, day_first = today_from_env(), _day_first(db)
    try:
        day = parse_meeting_date(args.date, today, day_first=day_first)
        follow = parse_follow_up(args.follow_up, today, day_first=day_first, meeting=day)
    except DateError as exc:
        raise UserError(f"{exc} Nothing was logged.") from None
    people = [_person_named(db, name) for name in args.names]
    ids = tuple(dict.fromkeys(pid for pid, _ in people))
    iid = add_interaction(db, InteractionDraft(day, kind, ids, args.summary, args.note, recip, follow))
    names = ", ".join(displayable(n) for _, n in dict(people).items())
    print(f"Logged {kind} with {names} on {day.isoformat()} (#{iid}).")
    if follow:
        print(f"Follow-up on {follow.isoformat()}.")
    elif recip == "received":
        print("They helped you: remember to tell them how it turned out (next time add --follow-up 'in 2 weeks', "
              "or press e on this entry in the Journal to set one).")
    return EXIT_OK


def cmd_journal(args: argparse.Namespace) -> int:
    import json

    from netui.domain.dates import DateError, parse_date
    from netui.domain.text import json_safe
    from netui.domain.journal import JournalFilter, Kind
    from netui.store.journal import journal_rows

    kind = None
    if args.kind:
        try:
            kind = Kind.parse(args.kind).value
        except ValueError as exc:
            raise UserError(displayable(str(exc))) from None
    db = open_db(resolve_db(args), readonly=True)
    since = None
    if args.since:
        try:
            since = parse_date(args.since, today_from_env(), day_first=_day_first(db))
        except DateError as exc:
            raise UserError(str(exc)) from None
    person = _person_named(db, args.person)[0] if args.person else None
    f = JournalFilter(
        person_id=person, kind=kind, since=since,
        text=args.search or "", open_follow_ups=args.open,
    )
    rows = journal_rows(db, f, limit=args.limit)
    if args.json:
        print(json_safe(json.dumps([
            {
                "id": r.id, "date": r.date.isoformat(), "kind": r.kind,
                "people": [{"id": pid, "name": name} for pid, name in zip(r.person_ids, r.people)],
                "summary": r.summary, "notes": r.notes, "reciprocity": r.reciprocity,
                "follow_up": r.follow_up.isoformat() if r.follow_up else None, "follow_up_done": r.follow_up_done,
            }
            for r in rows
        ], ensure_ascii=False, indent=2)))
        return EXIT_OK
    for r in rows:
        follow = ""
        if r.follow_up:
            follow = f"  [follow-up {r.follow_up.isoformat()}{' done' if r.follow_up_done else ''}]"
        recip = f" ({r.reciprocity})" if r.reciprocity else ""
        line = f"{r.date.isoformat()}  {r.kind:<8}  {', '.join(r.people)}: {r.summary}{recip}{follow}"
        print(displayable(line))
    if not rows:
        print("No entries match.", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from netui.ui.serve import serve

    theme = _check_theme(getattr(args, "theme", None))
    with open_db(resolve_db(args)) as db:  # a bad or newer database is refused here, not in the browser
        path = db.path
    try:
        serve(path, args.host, args.port, theme=theme, public_url=args.public_url)
    except OSError as exc:
        raise UserError(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc}); try another --port") from None
    return EXIT_OK


def cmd_completion(args: argparse.Namespace) -> int:
    from netui.completion import script

    print(script(args.shell, build_parser()), end="")
    return EXIT_OK


COMMANDS = {
    "demo": cmd_demo,
    "add": cmd_add,
    "log": cmd_log,
    "journal": cmd_journal,
    "agenda": cmd_agenda,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "import": cmd_import,
    "export": cmd_export,
    "funnel": cmd_funnel,
    "serve": cmd_serve,
    "completion": cmd_completion,
}


def main(argv: Sequence[str] | None = None) -> int:
    from netui.store.errors import StoreError

    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            # What was typed is checked before the file is opened (created, or upgraded).
            theme = _check_theme(args.theme)
            today_from_env()
            with open_db(resolve_db(args)) as db:
                return run_app(db, theme)
        return COMMANDS[args.command](args)
    except (UserError, StoreError) as exc:
        # Errors quote what was typed, file names and paths: one line, no live controls.
        print(f"netui: error: {displayable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("netui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        from netui.store.db import as_store_error

        translated = as_store_error(exc)  # an SQLite error met by a read: a damaged page, say
        if translated is not None:
            print(f"netui: error: {displayable(str(translated))}", file=sys.stderr)
            return EXIT_ERROR
        # A bug: say so in one line; NETUI_DEBUG=1 shows the traceback.
        if os.environ.get("NETUI_DEBUG"):
            raise
        print(f"netui: internal error: {type(exc).__name__}: {displayable(str(exc))} (set NETUI_DEBUG=1 for details)",
              file=sys.stderr)
        return EXIT_ERROR
