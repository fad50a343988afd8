"""The command line: `netui` opens the app; subcommands are plain text and scriptable.

Exit codes: 0 success, 1 a user error (one line on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from netui import __version__

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
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="database file (default: $NETUI_DB, then your user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netui",
        description="A personal CRM for your career network, in the terminal. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"netui {__version__}")
    _db_option(parser, top=True)
    parser.add_argument("--theme", metavar="NAME", help="colour theme for the app")
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
    add.add_argument("--ring", default="cold", help="cold, lukewarm, strategic or buddy (default cold)")
    add.add_argument("--network", action="append", default=[], metavar="N", help="support, peer, mentor or mentee; repeatable")
    add.add_argument("--company", default="", metavar="C")
    add.add_argument("--title", default="", metavar="T")
    add.add_argument("--email", default="", metavar="E")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="something they can help with; repeatable")
    add.add_argument("--offer", action="append", default=[], metavar="T", help="something you can offer them; repeatable")

    agenda = sub.add_parser("agenda", help="what is due today, as plain text (fit for a login message) or JSON")
    _db_option(agenda, top=False)
    agenda.add_argument("--json", action="store_true", help="every item as JSON, for scripts")
    agenda.add_argument("--date", metavar="WHEN", help="the day to look at: 2026-03-14, today, tomorrow, +3, 2w (default today)")
    agenda.add_argument("--all", action="store_true", help="list every due person, not just the first few")

    backup = sub.add_parser("backup", help="write a consistent copy of the live database")
    _db_option(backup, top=False)
    backup.add_argument("dest", nargs="?", metavar="DEST", help="a file, or a folder for a dated copy (default: beside the database)")
    return parser


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


# ---------------------------------------------------------------- commands


def _open(path: Path, *, readonly: bool = False):
    from netui.store.db import open_database

    opened = open_database(path, readonly=readonly)
    if opened.backup_path:
        print(f"netui: upgraded the database; the old version is kept at {opened.backup_path}", file=sys.stderr)
    return opened


def run_app(path: Path, theme: str | None, *, readonly: bool = False) -> int:
    from netui.ui.app import AppConfig, make_app

    opened = _open(path, readonly=readonly)
    app = make_app(AppConfig(db_path=opened.path, readonly=opened.readonly, theme=_check_theme(theme), today=today_from_env))
    app.run()
    return app.return_code or 0


def _check_theme(theme: str | None) -> str | None:
    if not theme:
        return None
    from textual.theme import BUILTIN_THEMES

    if theme not in BUILTIN_THEMES:
        names = ", ".join(sorted(BUILTIN_THEMES))
        raise UserError(f"unknown theme {theme!r}; choose one of: {names}")
    return theme


def cmd_demo(args: argparse.Namespace) -> int:
    from netui.store import demo
    from netui.store.people import count_people

    throwaway = None
    if getattr(args, "db", None):
        path = Path(args.db).expanduser()
    else:
        throwaway = Path(tempfile.mkdtemp(prefix="netui-demo-"))
        path = throwaway / "demo.db"
    interactions = args.interactions if args.interactions is not None else args.people * 25
    try:
        _open(path)
        existing = count_people() + count_people(trash=True)
        if existing and not args.force:
            raise UserError(f"{path} already holds {existing} people; use --force to add demo people anyway")
        show = sys.stderr.isatty()

        def progress(what: str, done: int, total: int) -> None:
            if show:
                print(f"\rnetui: writing {what}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

        demo.generate(args.people, interactions, seed=args.seed, today=today_from_env(), progress=progress)
        if show:
            print(file=sys.stderr)
        if args.no_tui:
            print(f"Wrote a demo network of {args.people:,} people and {interactions:,} interactions to {path}")
            return EXIT_OK
        return run_app(path, getattr(args, "theme", None))
    finally:
        if throwaway is not None and not args.no_tui:
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
    _open(resolve_db(args))
    name = clean_input(args.name)
    same = find_by_name(name)
    person_id = add_person(
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

    from netui.store.db import backup

    opened = _open(resolve_db(args), readonly=True)
    dest = Path(args.dest).expanduser() if args.dest else opened.path.with_name(
        f"{opened.path.stem}-backup-{datetime.now():%Y%m%d-%H%M%S}.db"
    )
    written = backup(dest)
    print(f"Backed up {opened.path} to {written} (integrity check passed).")
    return EXIT_OK


def cmd_agenda(args: argparse.Namespace) -> int:
    from netui.domain.agenda import parse_day
    from netui.io.agenda_text import agenda_json, agenda_text
    from netui.store.overview import agenda
    from netui.store.settings import load_settings

    _open(resolve_db(args))
    settings = load_settings()
    today = today_from_env()
    if args.date:
        try:
            today = parse_day(args.date, today, day_first=settings.day_first)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    shown = None if args.json or args.all else AGENDA_LINES
    result = agenda(today, settings, limit=shown)
    print(agenda_json(result) if args.json else agenda_text(result, shown))
    return EXIT_OK


AGENDA_LINES = 5  # due people listed in the plain-text agenda; the rest are counted

COMMANDS = {"demo": cmd_demo, "add": cmd_add, "agenda": cmd_agenda, "backup": cmd_backup}


def main(argv: Sequence[str] | None = None) -> int:
    from netui.store.errors import StoreError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_app(resolve_db(args), args.theme)
        return COMMANDS[args.command](args)
    except (UserError, StoreError) as exc:
        print(f"netui: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("netui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
