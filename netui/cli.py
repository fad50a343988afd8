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
    from netui.ui.tuning import ProcessTuning

from netui import __version__
from netui.domain.text import displayable

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
MAX_DEMO_PEOPLE = 100_000
MAX_DEMO_INTERACTIONS = 5_000_000
MAX_LIMIT = 1_000_000_000


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


def app_parser() -> argparse.ArgumentParser:
    """``netui`` and its own options, for opening the app: argparse with the options of
    ``build_parser``'s top level and nothing else, so that opening the app does not build
    a parser for each of the 22 commands first. Whatever it does not take (a command,
    ``-h``, ``--version``, a mistake) goes to the whole parser, which says what is wrong."""
    import argparse

    parser = argparse.ArgumentParser(prog="netui", add_help=False, exit_on_error=False)
    _app_options(parser)
    parser.add_argument("command", nargs="?")
    return parser


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
    demo.add_argument("--people", type=_at_most(MAX_DEMO_PEOPLE), default=120, metavar="N",
                      help=f"how many people (default 120, at most {MAX_DEMO_PEOPLE:,})")
    demo.add_argument(
        "--interactions", type=_at_most(MAX_DEMO_INTERACTIONS, _non_negative), default=None, metavar="M",
        help=f"how many journal entries (default 25 per person, at most {MAX_DEMO_INTERACTIONS:,})"
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
    add.add_argument("--birthday", metavar="WHEN", help="their birthday, the year optional: 14 mar, 1987-03-14, --03-14")
    add.add_argument(
        "--date", action="append", default=[], metavar="LABEL=WHEN", dest="dates",
        help='a date that matters, yearly: "wedding anniversary=2012-06-05", "started at Acme=1 sep 2016"; '
        'add "(once)" for a date that happens once, "(14 days ahead)" to be reminded earlier; repeatable',
    )
    add.add_argument("--met-through", type=_positive, default=None, metavar="ID",
                     help="the journal entry (a talk, post, article or panel) through which you met them")
    add.add_argument("--phone", default="", metavar="P")
    add.add_argument("--url", default="", metavar="U", help="a profile address (LinkedIn, a homepage)")
    add.add_argument("--note", default="", metavar="TEXT", help="notes about them")
    add.add_argument("--distant", action="store_true", help="a distant mentor (books, talks, posts): never due; implies --network mentor")
    add.add_argument("--every", default=None, metavar="DAYS", help="keep in touch every DAYS days (default: the ring's)")
    add.add_argument("--force", action="store_true", help="add them even if someone already has this name")

    people = sub.add_parser("people", help="list people, filtered by the query language")
    _db_option(people, top=False)
    people.add_argument("query", nargs="*", metavar="QUERY",
                        help="words and conditions: ring:strategic net:peer tag:hiring company:acme due distant "
                             "inside outside unsorted -word")
    people.add_argument("--sort", choices=("name", "ring", "last", "due"), default="name", help="the order (default name)")
    people.add_argument("--json", action="store_true", help="print JSON (an array of people, with ids)")

    show = sub.add_parser("show", help="everything about one person")
    _db_option(show, top=False)
    show.add_argument("person", metavar="PERSON", help="a full name (any case) or #ID")
    show.add_argument("--json", action="store_true", help="print JSON")

    edit = sub.add_parser("edit", help="change a person's fields, networks and tags")
    _db_option(edit, top=False)
    edit.add_argument("person", metavar="PERSON", help="a full name (any case) or #ID")
    for flag in ("name", "company", "title", "email", "phone", "url", "location", "purpose"):
        edit.add_argument(f"--{flag}", default=None, metavar=flag[0].upper())
    edit.add_argument("--note", default=None, metavar="TEXT", help="replace the notes (empty clears them)")
    edit.add_argument("--network", action="append", default=[], metavar="N", help="add to a network; repeatable")
    edit.add_argument("--no-network", action="append", default=[], metavar="N", help="take out of a network; repeatable")
    edit.add_argument("--tag", action="append", default=[], metavar="T", help="add something they can help with; repeatable")
    edit.add_argument("--no-tag", action="append", default=[], metavar="T", help="remove a tag or offer; repeatable")
    edit.add_argument("--offer", action="append", default=[], metavar="T", help="add something you can offer; repeatable")
    edit.add_argument("--every", default=None, metavar="DAYS|default", help="keep in touch every DAYS days, or the ring's default")
    distant = edit.add_mutually_exclusive_group()
    distant.add_argument("--distant", dest="distant", action="store_const", const=True, default=None,
                         help="a distant mentor: never due (adds the mentor network if needed)")
    distant.add_argument("--no-distant", dest="distant", action="store_const", const=False)
    side = edit.add_mutually_exclusive_group()
    for value in ("inside", "outside", "auto"):
        side.add_argument(f"--{value}", dest="side", action="store_const", const=value, default=None,
                          help=f"a peer {value} your employer" if value != "auto" else "a peer's side from the company")
    edit.add_argument("--birthday", metavar="WHEN", help="set their birthday, the year optional: 14 mar, 1987-03-14")
    edit.add_argument("--date", action="append", default=[], metavar="LABEL=WHEN", dest="dates",
                      help='add or change a date that matters: "wedding anniversary=2012-06-05"; repeatable')
    edit.add_argument("--no-date", action="append", default=[], metavar="LABEL",
                      help="remove the date with this name (birthday, anniversary, or its label); repeatable")
    met = edit.add_mutually_exclusive_group()
    met.add_argument("--met-through", type=_positive, default=None, metavar="ID",
                     help="the journal entry (a talk, post, article or panel) through which you met them")
    met.add_argument("--no-met-through", action="store_true", help="forget which broadcast you met them through")
    edit.add_argument("--version", type=int, default=None, metavar="V",
                      help="the version you last saw (netui show --json): refuse if they changed since")

    move = sub.add_parser("move", help="move a person to a ring, or one ring in or out")
    _db_option(move, top=False)
    move.add_argument("person", metavar="PERSON", help="a full name (any case) or #ID")
    move.add_argument("to", metavar="RING|in|out", help="cold, lukewarm, strategic, buddy; or in / out by one ring")
    move.add_argument("--reason", default="", metavar="TEXT", help="why, kept in the ring history")

    merge = sub.add_parser("merge", help="merge two records of one person into the first")
    _db_option(merge, top=False)
    merge.add_argument("keep", metavar="KEEP", help="the record to keep (full name or #ID)")
    merge.add_argument("other", metavar="OTHER", help="the record merged into it and then removed")
    merge.add_argument("--take", action="append", default=[], metavar="FIELD=keep|other",
                       help="whose value to keep for a field (notes may also be =both); repeatable")
    merge.add_argument("--dry-run", action="store_true", help="print what the merged person will hold; change nothing")
    merge.add_argument("--json", action="store_true", help="print the merge as JSON")

    dups = sub.add_parser("duplicates", help="list likely duplicates (same email, profile, phone, name or close names)")
    _db_option(dups, top=False)
    dups.add_argument("--json", action="store_true", help="print JSON (pairs with ids and reasons)")

    funnel = sub.add_parser("funnel", help="how people moved between rings: per month, time on each ring")
    _db_option(funnel, top=False)
    funnel.add_argument(
        "--since", metavar="WHEN", help="start on this day, leaning back: 2026-01-01, 90d, 8w, 6m, 1y, '90 days ago' (default: all time)"
    )
    funnel.add_argument("--json", action="store_true", help="print the report as JSON")

    log = sub.add_parser("log", help="log an interaction with one or more people")
    _db_option(log, top=False)
    log.add_argument("names", nargs="*", metavar="NAME",
                     help="a person's full name (any case), or #ID; one or more (none for a talk, post, article or panel)")
    log.add_argument("--kind", required=True, metavar="K", type=_checked_by("netui.domain.journal.Kind.parse"),
                     help="coffee, lunch, drinks, call, video, message, email, event, linkedin, intro, other,"
                          " or a broadcast: talk, post, article, panel")
    log.add_argument("--date", default="today", metavar="WHEN", help="when it happened: today (default), yesterday, 3 days ago, last friday, 14 mar, 2026-03-14")
    log.add_argument("--summary", default="", metavar="S", help="one line: what it was about")
    log.add_argument("--note", default="", metavar="TEXT", help="free notes")
    log.add_argument("--reciprocity", default=None, metavar="R", type=_checked_by("netui.domain.journal.Reciprocity.parse"), help="gave, received or mutual")
    log.add_argument("--follow-up", default="", metavar="WHEN", help="a date to follow up: next monday, in 2 weeks, 2026-04-01")
    log.add_argument("--every", default="", metavar="RHYTHM",
                     help="repeat the follow-up: every 2 weeks, monthly, every 3 months, yearly (done moves it on)")

    journal = sub.add_parser("journal", help="print journal entries, newest first")
    _db_option(journal, top=False)
    journal.add_argument("--person", metavar="NAME", help="only entries with this person (full name or #ID)")
    journal.add_argument("--since", metavar="WHEN", help="only entries on or after this date, leaning back: 90d, 30 days ago, last friday, 2026-01-01")
    journal.add_argument("--kind", metavar="K", type=_checked_by("netui.domain.journal.Kind.parse"), help="only entries of this kind")
    journal.add_argument("--search", metavar="TEXT", help="words in the summary or notes (prefixes match)")
    journal.add_argument("--open", action="store_true", help="only entries with a follow-up still open")
    journal.add_argument("--limit", type=_at_most(MAX_LIMIT), metavar="N", help="at most N entries")
    journal.add_argument("--json", action="store_true", help="print JSON (an array of entries)")

    agenda = sub.add_parser("agenda", help="what is due today, as plain text (fit for a login message) or JSON")
    _db_option(agenda, top=False)
    agenda.add_argument("--json", action="store_true", help="every item as JSON, for scripts")
    agenda.add_argument("--date", metavar="WHEN", help="the day to look at, leaning ahead: 2026-03-14, tomorrow, next monday, +3, 2w (default today)")
    agenda.add_argument("--all", action="store_true", help="list every due person, not just the first few")
    dates = sub.add_parser("dates", help="birthdays and other dates coming up, soonest first")
    _db_option(dates, top=False)
    dates.add_argument("--within", type=_non_negative, default=30, metavar="DAYS", help="how many days ahead (default 30)")
    dates.add_argument("--json", action="store_true", help="print JSON (an array of dates, with ids)")

    rev = sub.add_parser("review", help="the monthly review: routine, social capital, give and take, readiness, exposure")
    _db_option(rev, top=False)
    rev.add_argument("--json", action="store_true", help="one JSON object with a key per part, for scripts")
    imp = sub.add_parser(
        "import",
        help="import people from LinkedIn, vCard or CSV, restore a JSON dump, or propose journal entries "
        "from a calendar or mailbox",
    )
    _db_option(imp, top=False)
    imp.add_argument(
        "format", choices=("linkedin", "vcard", "csv", "json", "calendar", "mail"),
        help="what kind of file FILE is (calendar: an .ics file or a vdir folder; mail: an mbox file or a Maildir folder)",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="print the report and write nothing")
    imp.add_argument(
        "--me", action="append", default=[], metavar="EMAIL",
        help="calendar and mail: one of your own addresses (repeatable; remembered as your emails)",
    )
    imp.add_argument("--since", metavar="WHEN", help="calendar and mail: only from this day on (2026-01-01, 3 months ago)")
    imp.add_argument("--yes", action="store_true", help="calendar and mail: log everything proposed, without the Inbox")
    imp.add_argument(
        "--add-unknown", action="store_true",
        help="calendar and mail: add the people nobody knows as cold contacts, in the same step",
    )
    imp.add_argument(
        "--map", action="append", default=[], metavar="COLUMN=FIELD",
        help="csv only: read COLUMN as FIELD (name, first_name, last_name, company, title, email, phone, url, "
        "location, purpose, notes, ring, networks, tags, offers, keep_in_touch, ignore); repeatable",
    )
    imp.add_argument(
        "--skip-bad-rows", action="store_true",
        help="csv and linkedin: leave out rows that cannot be read (a stray quote, say) and list them, "
        "instead of importing nothing",
    )

    exp = sub.add_parser("export", help="export to JSON (everything), CSV, vCard, iCalendar or Markdown")
    _db_option(exp, top=False)
    exp.add_argument("format", choices=("json", "csv", "vcard", "ics", "markdown"), help="what to write")
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    exp.add_argument("--events", action="store_true", help="ics only: all-day events instead of tasks (VTODO)")

    brief = sub.add_parser("brief", help="a one-screen brief on a person, to read before you meet them")
    _db_option(brief, top=False)
    brief.add_argument("name", metavar="NAME", help="a person's full name (any case), or #ID")
    brief.add_argument("--json", action="store_true", help="print JSON (with ids)")

    inbox = sub.add_parser("inbox", help="journal entries proposed by calendar and mail imports, waiting for you")
    _db_option(inbox, top=False)
    inbox.add_argument("--json", action="store_true", help="print JSON (an array of proposals, with ids)")

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
    serve.add_argument(
        "--token-file", metavar="FILE",
        help="read the access token from FILE (default: $NETUI_SERVE_TOKEN if set, else a new random one per start)",
    )

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


def _at_most(limit: int, kind=None):
    """An argparse type: ``kind`` (default: a positive whole number), and no more than ``limit``."""
    import argparse

    def check(text: str) -> int:
        value = (kind or _positive)(text)
        if value > limit:
            raise argparse.ArgumentTypeError(f"must be at most {limit:,}")
        return value

    return check


def _non_negative(text: str) -> int:
    import argparse

    if len(text.strip()) > 30:
        raise argparse.ArgumentTypeError(f"{text[:20]!r}... is far too large")
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
    _warn_if_others_can_read(db.path)
    return db


def _warn_if_others_can_read(path: Path) -> None:
    """A database others on the machine may read gets one line saying how to fix it; netui
    never changes the mode of a file it did not create by itself."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return
    if mode & 0o077:
        print(displayable(f"netui: warning: other users on this machine can read or change {path} (mode {mode:04o}); "
                          f"`chmod 600 {path}` makes it yours alone"), file=sys.stderr)


def run_app(db: Database, theme: str | None, tuning: ProcessTuning | None = None) -> int:
    """The app on an open database, which it keeps until it quits. ``tuning``, the caller's
    paused collector, is resumed by the app once its first screen is up."""
    theme = _check_theme(theme)
    today_from_env()  # a bad NETUI_TODAY is an error here, not inside the app
    from netui.ui.app import AppConfig, make_app

    db.share_session()
    app = make_app(AppConfig(db=db, theme=theme, today=today_from_env, tuning=tuning))
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
        from netui.ui.tuning import ProcessTuning

        with ProcessTuning() as tuning:
            return run_app(db, getattr(args, "theme", None), tuning)
    finally:
        if db is not None:
            db.close()
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)


def _every(text: str | None, allow_default: bool = False) -> tuple[bool, int | None]:
    """(given, days) from --every: a number of days, or `default` for the ring's."""
    from netui.domain.validation import check_cadence

    if text is None:
        return False, None
    if allow_default and text.strip().lower() == "default":
        return True, None
    days, message = check_cadence(text)
    if message or days is None:
        raise UserError(f"--every {displayable(text)!r}: a number of days from 1 to 3650"
                        + (" or default" if allow_default else ""))
    return True, days


def cmd_add(args: argparse.Namespace) -> int:
    from netui.domain.models import Membership, PersonDraft
    from netui.domain.networks import Network
    from netui.domain.rings import Ring
    from netui.domain.text import clean_input
    from netui.domain.validation import check_email, check_name
    from netui.store.people import add_person, people_named

    try:
        ring = Ring.parse(args.ring)
        networks = tuple(dict.fromkeys(Network.parse(n) for n in args.network))
    except ValueError as exc:
        raise UserError(str(exc)) from None
    for message in (check_name(args.name), check_email(args.email)):
        if message:
            raise UserError(message)
    from netui.domain.occasions import format_date_entry

    _, every = _every(args.every)
    if args.distant and Network.MENTOR not in networks:
        networks = (*networks, Network.MENTOR)
    db = open_db(resolve_db(args))
    dates = _date_drafts(args.birthday, args.dates, today_from_env(), _day_first(db))
    name = clean_input(args.name)
    same = [row for row in people_named(db, name) if not name.startswith("#")]
    if same and not args.force:
        listed = "; ".join(displayable(f"{n} (#{pid}{', ' + c if c else ''})") for pid, n, c in same)
        raise UserError(f"{displayable(name)!r} already exists: {listed}; nothing was added "
                        "(use --force to add another person with this name, or `netui edit` to change them)")
    with db.write():  # the person and where you met them, or neither
        person_id = _add_with_met_through(db, args, PersonDraft(
            name=name,
            ring=ring,
            company=args.company,
            title=args.title,
            email=args.email,
            phone=args.phone,
            url=args.url,
            notes=args.note,
            cadence_override=every,
            memberships=tuple(Membership(n, distant=args.distant and n == Network.MENTOR) for n in networks),
            help_tags=tuple(args.tag),
            offer_tags=tuple(args.offer),
            dates=dates,
        ))
    print(displayable(f"Added {name} (#{person_id}) on the {ring.value} ring."))
    for d in dates:
        print(displayable(f"  {d.label}: {format_date_entry(d, with_label=False)}"))
    if same:
        print(f"netui: note: {len(same)} other person(s) already called {displayable(name)}", file=sys.stderr)
    return EXIT_OK


def _date_drafts(birthday: str | None, typed: list[str], today: date, day_first: bool,
                 nothing: str = "Nothing was added.") -> tuple:
    """--birthday and each --date "LABEL=WHEN" as checked drafts; a UserError names the bad one."""
    from netui.domain.dates import DateError
    from netui.domain.occasions import parse_date_entry, same_date_slot

    drafts = []
    entries = ([("Birthday=" + birthday, "--birthday")] if birthday is not None else [])
    entries += [(text, f"--date {text!r}") for text in typed]
    for text, flag in entries:
        try:
            draft = parse_date_entry(text, today, day_first=day_first)
        except DateError as exc:
            raise UserError(f"{flag}: {exc} {nothing}") from None
        if any(same_date_slot(draft, d) for d in drafts):
            raise UserError(f"{flag}: {draft.label} is given twice. {nothing}")
        drafts.append(draft)
    return tuple(drafts)


def cmd_dates(args: argparse.Namespace) -> int:
    import json

    from netui.domain.occasions import days_phrase
    from netui.domain.text import json_safe
    from netui.store.dates import dates_of_live_people, dates_within

    path = resolve_db(args)
    if not path.exists():
        print("[]" if args.json else f"No database at {displayable(str(path))} yet: no dates.")
        return EXIT_OK
    db = open_db(path, readonly=True, create=False)
    today = today_from_env()
    with db.snapshot():
        found = dates_within(db, today, args.within)
        done = {d.id: d.done_year for d, _, _ in dates_of_live_people(db, today, args.within)}
    if args.json:
        items = [
            {
                "date_id": r.date_id, "person_id": r.person_id, "name": r.name, "kind": r.kind.value, "label": r.label,
                "when": r.when.iso(), "yearly": r.yearly, "on": r.on.isoformat(), "days": r.days, "years": r.years,
                "done": done.get(r.date_id) == r.year,
            }
            for r in found
        ]
        print(json_safe(json.dumps(items, ensure_ascii=False, indent=2)))
        return EXIT_OK
    if not found:
        print(f"No dates in the next {args.within} days.")
        return EXIT_OK
    for r in found:
        mark = "  (done)" if done.get(r.date_id) == r.year else ""
        print(f"{r.on:%a} {r.on.day:>2} {r.on:%b %Y}  {days_phrase(r.days):<11} {displayable(r.name)}: "
              f"{displayable(r.what)}{mark}")
    return EXIT_OK


def _add_with_met_through(db: Database, args: argparse.Namespace, draft) -> int:
    from netui.store.people import add_person

    person_id = add_person(db, draft)
    if args.met_through is not None:
        from netui.store.review import set_met_through

        set_met_through(db, person_id, args.met_through)
    return person_id


def _sorted_spec(db: Database, query: str, sort: str):
    from netui.domain.query import parse_query
    from netui.store.people_query import PeopleList
    from netui.store.settings import load_settings

    settings = load_settings(db)
    order = {"last": "last contact"}.get(sort, sort)
    return PeopleList(filter=parse_query(query), sort=order, my_company=settings.my_company), settings


def cmd_people(args: argparse.Namespace) -> int:
    from netui.io.people_text import dumps_rows, people_table, row_dict
    from netui.store.people_query import page

    db = open_db(resolve_db(args), readonly=True)
    today = today_from_env()
    with db.snapshot():
        spec, settings = _sorted_spec(db, " ".join(args.query), args.sort)
        rows = page(db, spec, today, 0, 1 << 62, settings.cadence)
    if args.json:
        print(dumps_rows([row_dict(r, today) for r in rows]))
        return EXIT_OK
    if not rows:
        print("Nobody matches.", file=sys.stderr)
        return EXIT_OK
    print(people_table(rows, today))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from netui.io.people_text import dumps, person_dict, person_text
    from netui.store.funnel import intro_paths
    from netui.store.journal import person_timeline
    from netui.store.people import get_person
    from netui.store.settings import load_settings

    db = open_db(resolve_db(args), readonly=True)
    with db.snapshot():
        pid, _ = _person_named(db, args.person)
        person = get_person(db, pid)
        settings = load_settings(db)
        doc = person_dict(person, today_from_env(), settings.cadence, settings.my_company,
                          person_timeline(db, pid, limit=10), intro_paths(db, pid))
    print(dumps(doc) if args.json else person_text(doc))
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from netui.domain.models import Membership
    from netui.domain.networks import Network, PeerSide
    from netui.domain.validation import check_email, check_name
    from netui.store.people import get_person, update_person

    try:
        add_nets = [Network.parse(n) for n in args.network]
        drop_nets = [Network.parse(n) for n in args.no_network]
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.name is not None and check_name(args.name):
        raise UserError(check_name(args.name))
    if args.email is not None and check_email(args.email):
        raise UserError(check_email(args.email))
    every_given, every = _every(args.every, allow_default=True)
    db = open_db(resolve_db(args))
    pid, _ = _person_named(db, args.person)
    base = get_person(db, pid)  # what this edit is based on: a change saved after it merges or is refused
    if args.version is not None and args.version != base.version:
        raise UserError(displayable(f"{base.name} was changed since version {args.version} (now {base.version}); "
                                    "nothing was saved; look again with `netui show`"))
    changes: dict = {}
    for field in ("name", "company", "title", "email", "phone", "url", "location", "purpose"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    if args.note is not None:
        changes["notes"] = args.note
    if every_given:
        changes["cadence_override"] = every
    members = {ms.network: ms for ms in base.memberships}
    for n in add_nets:
        members.setdefault(n, Membership(n))
    for n in drop_nets:
        if n in add_nets:
            raise UserError(f"--network {n.value} and --no-network {n.value} together")
        members.pop(n, None)
    if args.distant is not None:
        if args.distant:
            members[Network.MENTOR] = replace(members.get(Network.MENTOR, Membership(Network.MENTOR)), distant=True)
        elif Network.MENTOR in members:
            members[Network.MENTOR] = replace(members[Network.MENTOR], distant=False)
    if args.side is not None:
        if Network.PEER not in members:
            raise UserError(displayable(f"{base.name} is not a peer; add --network peer to set a side"))
        side = None if args.side == "auto" else PeerSide(args.side)
        members[Network.PEER] = replace(members[Network.PEER], peer_side=side)
    memberships = tuple(members.values())
    if set(memberships) != set(base.memberships):
        changes["memberships"] = memberships

    def tags(current: tuple[str, ...], added: list[str]) -> tuple[str, ...]:
        drop = {" ".join(t.lower().split()) for t in args.no_tag}
        kept = [t for t in current if t not in drop]
        return tuple(dict.fromkeys([*kept, *(" ".join(t.lower().split()) for t in added if t.strip())]))

    if args.tag or args.no_tag:
        changes["help_tags"] = tags(base.help_tags, args.tag)
    if args.offer or args.no_tag:
        changes["offer_tags"] = tags(base.offer_tags, args.offer)
    if args.met_through is not None or args.no_met_through:
        changes["met_through_id"] = args.met_through
    if args.birthday is not None or args.dates or args.no_date:
        dates = _edited_dates(db, base, args)
        if dates != tuple(d.draft() for d in base.dates):
            changes["dates"] = dates
    if not changes:
        raise UserError("nothing to change: give at least one option (see netui edit --help)")
    after = update_person(db, pid, base, changes)
    changed = [f for f in changes if getattr(after, f) != getattr(base, f)]
    if not changed:
        print(displayable(f"{after.name} (#{pid}) already had those values; nothing changed."))
    else:
        print(displayable(f"Saved {after.name} (#{pid}): {', '.join(changed).replace('_id', '').replace('_', ' ')} (version {after.version})."))
    return EXIT_OK


def _edited_dates(db: Database, base, args: argparse.Namespace) -> tuple:
    """The person's dates after --no-date, then --birthday and --date (which replace a date
    in the same place: the birthday, the anniversary, or a date of the same name)."""
    from netui.domain.occasions import same_date_slot

    current = [d.draft() for d in base.dates]
    for label in args.no_date:
        wanted = " ".join(label.lower().split())
        kept = [d for d in current if d.label.lower() != wanted and d.kind.value != wanted]
        if len(kept) == len(current):
            names = ", ".join(d.label for d in current) or "none"
            raise UserError(displayable(f"--no-date {label!r}: {base.name} has no such date (they have: {names}). "
                                        "Nothing was saved."))
        current = kept
    for draft in _date_drafts(args.birthday, args.dates, today_from_env(), _day_first(db), "Nothing was saved."):
        current = [d for d in current if not same_date_slot(d, draft)] + [draft]
    return tuple(current)


def cmd_move(args: argparse.Namespace) -> int:
    from netui.domain.rings import Ring
    from netui.store.people import get_person, move_ring, step_ring

    target = args.to.strip().lower()
    ring = None
    if target not in ("in", "out"):
        try:
            ring = Ring.parse(target)
        except ValueError as exc:
            raise UserError(f"{exc}, or in / out") from None
    db = open_db(resolve_db(args))
    pid, name = _person_named(db, args.person)
    current = get_person(db, pid).ring
    if ring is None:
        move = step_ring(db, pid, target == "in", expected=current, reason=args.reason)
    else:
        move = move_ring(db, pid, ring, expected=current, reason=args.reason)
    print(displayable(f"Moved {name} (#{pid}) from {move.from_ring.value} to {move.to_ring.value}."))
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from netui.domain.merge import BOTH, KEEP, MERGE_FIELDS, OTHER
    from netui.io.people_text import dumps, plan_dict, plan_text
    from netui.store.merge import merge_people, merge_plan

    choices = {}
    for item in args.take:
        field, _, choice = item.partition("=")
        field, choice = field.strip().lower(), choice.strip().lower()
        field = {"notes": "notes", "note": "notes", "every": "cadence_override", "profile": "url"}.get(field, field)
        if field not in MERGE_FIELDS or choice not in (KEEP, OTHER, BOTH) or (choice == BOTH and field != "notes"):
            raise UserError(f"--take {displayable(item)!r}: give FIELD=keep or FIELD=other (notes=both too); "
                            f"fields: {', '.join(MERGE_FIELDS)}")
        choices[field] = choice
    db = open_db(resolve_db(args), readonly=args.dry_run)
    keep, _ = _person_named(db, args.keep)
    other, _ = _person_named(db, args.other)
    plan = merge_plan(db, keep, other, choices)
    if args.dry_run:
        print(dumps(plan_dict(plan)) if args.json else plan_text(plan) + "\nDry run: nothing was changed.")
        return EXIT_OK
    merge_people(db, keep, other, choices, versions=(plan.keep.version, plan.other.version))
    if args.json:
        print(dumps(plan_dict(plan)))
    else:
        print(plan_text(plan))
        print(displayable(f"Merged {plan.other.name} (#{other}) into {plan.keep.name} (#{keep})."))
    return EXIT_OK


def cmd_duplicates(args: argparse.Namespace) -> int:
    from netui.io.people_text import dumps, duplicates_dict, duplicates_text
    from netui.store.merge import find_duplicates

    db = open_db(resolve_db(args), readonly=True)
    pairs = find_duplicates(db)
    if args.json:
        print(dumps(duplicates_dict(pairs)))
    elif pairs:
        print(duplicates_text(pairs))
    else:
        print("No likely duplicates.", file=sys.stderr)
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


def cmd_review(args: argparse.Namespace) -> int:
    from netui.io.review_text import review_json, review_text
    from netui.store.review import review

    db = open_db(resolve_db(args), readonly=True)
    result = review(db, today_from_env())
    print(review_json(result) if args.json else review_text(result))
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
    if args.format in ("calendar", "mail"):
        return _capture(args)
    for given, option in ((args.me, "--me"), (args.since, "--since"), (args.yes, "--yes"), (args.add_unknown, "--add-unknown")):
        if given:
            raise UserError(f"{option} only applies to calendar and mail imports")
    if args.skip_bad_rows and args.format not in ("csv", "linkedin"):
        raise UserError("--skip-bad-rows only applies to csv and linkedin imports")
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
    parsed = formats.parse_file(args.format, args.file, args.map, reading, skip_bad=args.skip_bad_rows)
    read()
    db = open_db(resolve_db(args))
    report = formats.apply_parsed(db, args.format, parsed, dry_run=args.dry_run, progress=progress)
    done()
    print(displayable("\n".join(report.lines()), multiline=True))
    return EXIT_OK


def _estimate_printer(what: str):
    """Progress with an estimate of the time left, on stderr, only when a person is watching it."""
    import time

    if not sys.stderr.isatty():
        return None, lambda: None
    started = time.monotonic()
    shown = []

    def progress(done: int, total: int) -> None:
        shown.append(True)
        if not total:  # still finding where each message starts (one pass over an mbox file)
            print(f"\rnetui: finding the {what}…", end="", file=sys.stderr, flush=True)
            return
        width = 30
        filled = width * done // max(total, 1)
        spent = time.monotonic() - started
        left = spent * (total - done) / done if done else 0
        estimate = f", about {left:.0f}s left" if done < total and spent > 1 else ""
        print(f"\rnetui: reading {what} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}{estimate}   ",
              end="", file=sys.stderr, flush=True)

    def finish() -> None:
        if shown:
            print(file=sys.stderr)

    return progress, finish


def _capture_now(today: date):
    """The moment before which events count as past: now, or the end of the pinned NETUI_TODAY."""
    from datetime import datetime, time, timedelta

    if os.environ.get("NETUI_TODAY"):
        return datetime.combine(today + timedelta(days=1), time(0)).astimezone()
    return datetime.now().astimezone()


def _capture(args: argparse.Namespace) -> int:
    from netui.domain.capture import email_key
    from netui.domain.dates import DateError, parse_date
    from netui.io.capture_text import finish, report_lines

    me = tuple(args.me)
    for address in me:
        if not email_key(address):
            raise UserError(f"--me {displayable(address)!r} is not an email address")
    today = today_from_env()
    # The file is checked before the database is opened: a missing or wrong file changes nothing.
    if args.format == "calendar":
        from netui.io.calendar import ics_files

        ics_files(args.file)
    else:
        from netui.io.mail import open_mailbox

        open_mailbox(args.file).close()
    db = open_db(resolve_db(args))
    if args.add_unknown and not me:
        from netui.store.proposals import my_emails

        if not my_emails(db):
            raise UserError("--add-unknown needs to know your own address first (give --me EMAIL), "
                            "or you would be added as a contact of your own")
    since = None
    if args.since:
        try:
            since = parse_date(args.since, today, day_first=_day_first(db))
        except DateError as exc:
            raise UserError(str(exc)) from None
    progress, done = _estimate_printer("calendar files" if args.format == "calendar" else "messages")
    seen: list[str] = []
    try:
        if args.format == "calendar":
            from netui.io.calendar import AHEAD_DAYS, propose, read_occurrences

            report = propose(
                db, read_occurrences(args.file, since=since, now=_capture_now(today), progress=progress,
                                     ahead_days=AHEAD_DAYS), me
            )
        else:
            from netui.io.mail import scan

            report, seen = scan(db, args.file, me=me, since=since, progress=progress)
    finally:
        done()
    finish(db, report, seen, me=me, dry_run=args.dry_run, add_unknown=args.add_unknown, log_all=args.yes)
    print("\n".join(report_lines(report, dry_run=args.dry_run, add_unknown=args.add_unknown)))
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    from netui.io.capture_text import brief_json, brief_text
    from netui.store.proposals import brief

    db = open_db(resolve_db(args), readonly=True)
    person_id, _ = _person_named(db, args.name)
    found = brief(db, person_id, today_from_env())
    print(brief_json(found) if args.json else brief_text(found))
    return EXIT_OK


def cmd_inbox(args: argparse.Namespace) -> int:
    from netui.io.capture_text import inbox_json, inbox_text
    from netui.store.proposals import waiting_proposals

    rows = waiting_proposals(open_db(resolve_db(args), readonly=True))
    print(inbox_json(rows) if args.json else inbox_text(rows))
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
    from netui.domain.occasions import parse_rhythm
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
        rhythm = parse_rhythm(args.every)
    except DateError as exc:
        raise UserError(f"{exc} Nothing was logged.") from None
    if rhythm is not None and follow is None:
        raise UserError("--every repeats a follow-up: give its first date with --follow-up too. Nothing was logged.")
    people = [_person_named(db, name) for name in args.names]
    ids = tuple(dict.fromkeys(pid for pid, _ in people))
    iid = add_interaction(db, InteractionDraft(day, kind, ids, args.summary, args.note, recip, follow,
                                               rhythm.code if rhythm else None))
    names = ", ".join(displayable(n) for _, n in dict(people).items())
    print(f"Logged {kind} with {names} on {day.isoformat()} (#{iid})." if names else
          f"Logged {kind} on {day.isoformat()} (#{iid}); mark people met through it with netui add --met-through {iid}.")
    if follow:
        print(f"Follow-up on {follow.isoformat()}" + (f", then {rhythm.label} from the day it is done." if rhythm else "."))
    elif recip == "received":
        print("They helped you: remember to tell them how it turned out (next time add --follow-up 'in 2 weeks', "
              "or press e on this entry in the Journal to set one).")
    return EXIT_OK


def cmd_journal(args: argparse.Namespace) -> int:
    import json

    from netui.domain.dates import DateError, parse_date
    from netui.domain.text import json_safe
    from netui.domain.journal import JournalFilter, Kind
    from netui.domain.occasions import Rhythm
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
                "follow_up_every": r.follow_up_every,
            }
            for r in rows
        ], ensure_ascii=False, indent=2)))
        return EXIT_OK
    for r in rows:
        follow = ""
        if r.follow_up:
            rhythm = Rhythm.from_code(r.follow_up_every)
            every = f", {rhythm.label}" if rhythm else ""
            follow = f"  [follow-up {r.follow_up.isoformat()}{every}{' done' if r.follow_up_done else ''}]"
        recip = f" ({r.reciprocity})" if r.reciprocity else ""
        line = f"{r.date.isoformat()}  {r.kind:<8}  {', '.join(r.people)}: {r.summary}{recip}{follow}"
        print(displayable(line))
    if not rows:
        print("No entries match.", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from netui.ui.serve import ServeSetupError, read_token, served_url, serve

    theme = _check_theme(getattr(args, "theme", None))
    try:
        url = served_url(args.host, args.port, args.public_url)
        token, _source = read_token(Path(args.token_file).expanduser() if args.token_file else None)
    except ServeSetupError as exc:
        print(f"netui serve: error: {displayable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    with open_db(resolve_db(args)) as db:  # a bad or newer database is refused here, not in the browser
        path = db.path
    try:
        serve(path, args.host, args.port, url, token, theme=theme)
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
    "people": cmd_people,
    "show": cmd_show,
    "edit": cmd_edit,
    "move": cmd_move,
    "merge": cmd_merge,
    "duplicates": cmd_duplicates,
    "log": cmd_log,
    "journal": cmd_journal,
    "agenda": cmd_agenda,
    "dates": cmd_dates,
    "review": cmd_review,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "import": cmd_import,
    "inbox": cmd_inbox,
    "brief": cmd_brief,
    "export": cmd_export,
    "funnel": cmd_funnel,
    "serve": cmd_serve,
    "completion": cmd_completion,
}


def main(argv: Sequence[str] | None = None) -> int:
    from netui.store.errors import StoreError

    argv = sys.argv[1:] if argv is None else list(argv)
    for arg in argv:
        # Bytes that are not UTF-8 reach Python as lone surrogates, which no database or
        # terminal can take: say which argument, once, before anything runs.
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            print(f"netui: error: the argument {displayable(shown)!r} is not UTF-8 text; "
                  "type it again in a UTF-8 terminal", file=sys.stderr)
            return EXIT_USAGE
    import argparse

    try:
        args, unknown = app_parser().parse_known_args(argv)
    except argparse.ArgumentError:
        args, unknown = None, []
    if args is None or args.command is not None or unknown:
        parser = build_parser()
        args, unknown = parser.parse_known_args(argv)
        if unknown:
            # `netui people -recruiter`: a word to leave out reads like an option to argparse.
            words = [u for u in unknown if u.startswith("-") and not u.startswith("--") and len(u) > 1]
            if args.command != "people" or len(words) != len(unknown):
                parser.error(f"unrecognized arguments: {' '.join(unknown)}")
            args.query = [*args.query, *words]
    try:
        if args.command is None:
            from netui.ui.tuning import ProcessTuning

            # Paused before the store and Textual are imported: see netui.ui.tuning.
            with ProcessTuning() as tuning:
                # What was typed is checked before the file is opened (created, or upgraded).
                theme = _check_theme(args.theme)
                today_from_env()
                with open_db(resolve_db(args)) as db:
                    return run_app(db, theme, tuning)
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
