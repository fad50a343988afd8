"""The real command, run in a subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def netui(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def names(db: Path) -> list[str]:
    return [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM person ORDER BY name")]


def _ada(empty: Path, target: Path) -> Path:
    """``target`` holding what `netui add Ada` writes into a new file (written in this process)."""
    from tests.cli.files import filled_database
    from tests.helpers import add

    return filled_database(empty, target, lambda db: add(db, "Ada"))


@pytest.fixture(scope="module")
def ada_backed_up_then_grace(tmp_path_factory: pytest.TempPathFactory, empty_database: Path) -> tuple[Path, Path]:
    """What `netui add Ada`, `netui backup b.db` and `netui add Grace` leave: the database
    (Ada and Grace) and the backup (Ada alone); written in this process, once for the module."""
    from tests.cli.files import filled_database
    from tests.helpers import add

    folder = tmp_path_factory.mktemp("backed-up")
    backup = folder / "b.db"

    def fill(db) -> None:
        add(db, "Ada")
        db.backup(backup)
        add(db, "Grace")

    return filled_database(empty_database, folder / "n.db", fill), backup


def _copies(templates: tuple[Path, Path], db: Path, backup: Path) -> None:
    from tests.cli.files import copy_database

    copy_database(templates[0], db)
    copy_database(templates[1], backup)


def test_version_and_help_everywhere():
    out = netui("--version")
    assert out.returncode == 0 and out.stdout.startswith("netui ")
    for command in ([], ["demo"], ["add"], ["backup"]):
        result = netui(*command, "--help")
        assert result.returncode == 0, command
        assert "usage: netui" in result.stdout


def test_add_then_listed_in_the_database(tmp_path: Path):
    db = tmp_path / "n.db"
    out = netui("add", "Grace Hopper", "--ring", "strategic", "--network", "mentor", "--company", "Navy",
                "--tag", "advice", "--offer", "leads", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "Added Grace Hopper" in out.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name, ring, company FROM person").fetchall() == [("Grace Hopper", "strategic", "Navy")]
    assert conn.execute("SELECT network FROM membership").fetchall() == [("mentor",)]
    assert sorted(conn.execute("SELECT t.name, pt.kind FROM person_tag pt JOIN tag t ON t.id = pt.tag_id")) == [
        ("advice", "help"), ("leads", "offer")]


def test_db_option_before_or_after_the_command_and_env(tmp_path: Path):
    first, second, third = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    assert netui("--db", str(first), "add", "Ada").returncode == 0
    assert netui("add", "Grace", "--db", str(second)).returncode == 0
    assert netui("add", "Linus", env={"NETUI_DB": str(third)}).returncode == 0
    assert (names(first), names(second), names(third)) == (["Ada"], ["Grace"], ["Linus"])


def test_default_database_lives_in_the_user_data_folder(tmp_path: Path):
    data = tmp_path / "xdg"
    assert netui("add", "Ada", env={"XDG_DATA_HOME": str(data)}).returncode == 0
    assert names(data / "netui" / "netui.db") == ["Ada"]


@pytest.mark.parametrize(
    "args,message",
    [
        (["add", "Ada", "--ring", "warm"], "unknown ring 'warm'"),
        (["add", "Ada", "--ring", "hot"], "unknown ring 'hot'"),
        (["add", "Ada", "--network", "friends"], "unknown network 'friends'"),
        (["log", "Ada", "--kind", "tea"], "unknown kind 'tea'"),
        (["journal", "--kind", "tea"], "unknown kind 'tea'"),
    ],
)
def test_a_name_that_is_not_a_ring_network_or_kind_is_a_wrong_command_line(tmp_path: Path, args, message):
    # The README: a wrong command line exits 2, with the usage; nothing is created.
    out = netui(*args, "--db", str(tmp_path / "n.db"))
    assert out.returncode == 2
    assert "usage: netui" in out.stderr and message in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "n.db").exists()


@pytest.mark.parametrize(
    "args,message",
    [
        (["add", "   "], "A name is required."),
        (["add", "Ada", "--email", "nope"], "does not look like an email address"),
    ],
)
def test_user_errors_exit_1_with_one_line(tmp_path: Path, args, message):
    out = netui(*args, "--db", str(tmp_path / "n.db"))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], out.stderr
    assert "Traceback" not in out.stderr


def test_usage_errors_exit_2():
    out = netui("add")
    assert out.returncode == 2 and "usage:" in out.stderr
    assert netui("frobnicate").returncode == 2
    assert netui("demo", "--people", "x").returncode == 2


def test_not_a_database_is_refused_and_untouched(tmp_path: Path):
    path = tmp_path / "photo.db"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    out = netui("add", "Ada", "--db", str(path))
    assert out.returncode == 1 and "not a netui database" in out.stderr
    assert path.read_bytes() == b"\x89PNG\r\n\x1a\n" + b"\0" * 200


def test_demo_data_only_is_deterministic_and_refuses_a_full_database(tmp_path: Path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for db in (a, b):
        out = netui("demo", "--people", "40", "--interactions", "300", "--seed", "3", "--no-tui", "--db", str(db))
        assert out.returncode == 0, out.stderr
    assert names(a) == names(b) and len(names(a)) == 40
    rings = {r for (r,) in sqlite3.connect(a).execute("SELECT DISTINCT ring FROM person")}
    assert rings == {"cold", "lukewarm", "strategic", "buddy"}
    networks = {n for (n,) in sqlite3.connect(a).execute("SELECT DISTINCT network FROM membership")}
    assert networks == {"support", "peer", "mentor", "mentee"}
    assert sqlite3.connect(a).execute("SELECT count(*) FROM interaction").fetchone()[0] == 300
    again = netui("demo", "--no-tui", "--db", str(a))
    assert again.returncode == 1 and "already holds 40 people" in again.stderr
    forced = netui("demo", "--people", "5", "--interactions", "10", "--no-tui", "--force", "--db", str(a))
    assert forced.returncode == 0, forced.stderr
    assert len(names(a)) == 45


def test_demo_without_a_database_writes_a_throwaway_one_and_removes_it(tmp_path: Path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = netui("demo", "--people", "5", "--interactions", "10", "--no-tui", env={"TMPDIR": str(scratch)})
    assert out.returncode == 0, out.stderr
    assert "then removed it" in out.stdout
    assert list(scratch.iterdir()) == []  # nothing left behind, even with --no-tui
    chosen = tmp_path / "env.db"
    out = netui("demo", "--people", "5", "--interactions", "10", "--no-tui",
                env={"TMPDIR": str(scratch), "NETUI_DB": str(chosen)})
    assert out.returncode == 0, out.stderr
    assert str(chosen) in out.stdout and len(names(chosen)) == 5


def test_commands_that_only_read_refuse_a_missing_database_and_make_none(tmp_path: Path):
    missing = tmp_path / "nope" / "n.db"
    for args in (["agenda"], ["journal"], ["funnel"], ["export", "csv"], ["backup", str(tmp_path / "b.db")]):
        out = netui(*args, "--db", str(missing))
        assert out.returncode == 1 and "does not exist" in out.stderr, (args, out.stderr)
        assert len(out.stderr.strip().splitlines()) == 1
    assert not missing.parent.exists() and not (tmp_path / "b.db").exists()


def test_backup_writes_a_checked_copy(tmp_path: Path, empty_database: Path):
    db = _ada(empty_database, tmp_path / "n.db")
    out = netui("backup", str(tmp_path / "copy.db"), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "integrity check passed" in out.stdout
    assert names(tmp_path / "copy.db") == ["Ada"]
    folder = tmp_path / "backups"
    folder.mkdir()
    assert netui("backup", str(folder), "--db", str(db)).returncode == 0
    assert len(list(folder.glob("*.db"))) == 1


def test_backup_of_a_missing_database_is_an_error(tmp_path: Path):
    out = netui("backup", "--db", str(tmp_path / "nope.db"))
    assert out.returncode == 1 and "does not exist" in out.stderr


def test_a_command_that_only_reads_leaves_an_older_database_alone_and_says_how_to_upgrade(tmp_path: Path):
    from netui.store.check import APPLICATION_ID
    from netui.store.migrations import LATEST_VERSION, MIGRATIONS

    path = tmp_path / "old.db"  # a database written by the first netui: schema step 1 only
    old = sqlite3.connect(path)
    MIGRATIONS[0](old)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    before = path.read_bytes()
    for args in (["agenda"], ["journal"], ["funnel"], ["export", "json"], ["backup", str(tmp_path / "copy.db")]):
        out = netui(*args, "--db", str(path))
        assert out.returncode == 1, (args, out.stdout, out.stderr)
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "needs an upgrade" in lines[0] and "open it once in netui" in lines[0], (args, lines)
    assert path.read_bytes() == before and not list(tmp_path.glob("old.db.v1-*.bak"))
    assert netui("add", "Ada", "--db", str(path)).returncode == 0  # a command that writes upgrades it
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert netui("agenda", "--db", str(path)).returncode == 0


def test_restore_replaces_the_database_and_keeps_the_old_one(tmp_path: Path, ada_backed_up_then_grace):
    db = tmp_path / "n.db"
    _copies(ada_backed_up_then_grace, db, tmp_path / "b.db")
    out = netui("restore", str(tmp_path / "b.db"), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert names(db) == ["Ada"]
    kept = list(tmp_path.glob("n.db.before-restore-*.bak"))
    assert len(kept) == 1 and names(kept[0]) == ["Ada", "Grace"]
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restore_refuses_while_another_session_has_it_open(tmp_path: Path, ada_backed_up_then_grace):
    from netui.store.session import SessionLock

    db = tmp_path / "n.db"
    _copies(ada_backed_up_then_grace, db, tmp_path / "b.db")
    session = SessionLock(db)
    assert session.share()  # as a running app does
    try:
        out = netui("restore", str(tmp_path / "b.db"), "--db", str(db))
    finally:
        session.release()
    assert out.returncode == 1 and "open in another netui session" in out.stderr
    assert names(db) == ["Ada", "Grace"]


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path, empty_database: Path):
    db = _ada(empty_database, tmp_path / "n.db")
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    out = netui("restore", str(junk), "--db", str(db))
    assert out.returncode == 1 and "not a netui database" in out.stderr
    assert names(db) == ["Ada"]


def test_unknown_theme_is_a_one_line_error(tmp_path: Path):
    out = netui("--theme", "nope", "--db", str(tmp_path / "n.db"))
    assert out.returncode == 1 and "unknown theme 'nope'" in out.stderr and "netui-dark" in out.stderr
    assert not (tmp_path / "n.db").exists()  # refused before the database is opened (or made)


@pytest.mark.parametrize("argv", [
    [], ["--db", "x.db"], ["--db=x.db"], ["--db="], ["--theme", "netui-light", "--db", "a b.db"],
    ["--db", "a.db", "--db", "b.db"], ["--theme=netui-16"], ["--d", "x.db"],
])
def test_opening_the_app_reads_its_options_as_the_whole_parser_does(argv):
    from netui.cli import app_parser, build_parser

    args, unknown = app_parser().parse_known_args(argv)
    assert unknown == [] and vars(args) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["agenda"], ["--db", "x.db", "agenda"], ["-h"], ["--version"], ["--db", "x.db", "extra"], ["--nope"],
])
def test_a_command_or_anything_else_goes_to_the_whole_parser(argv):
    from netui.cli import app_parser

    args, unknown = app_parser().parse_known_args(argv)
    assert args.command is not None or unknown


@pytest.mark.parametrize("argv", [["--db"], ["--db", "--theme", "x"], ["--theme"]])
def test_a_mistake_in_the_apps_options_is_reported_by_the_whole_parser(argv, capsys):
    from netui.cli import main

    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: netui [-h] [--version]") and "expected one argument" in err


def test_restore_through_a_symlink_restores_the_real_file_and_locks_it(tmp_path: Path, ada_backed_up_then_grace):
    from netui.store.session import SessionLock

    real = tmp_path / "real" / "netui.db"
    real.parent.mkdir()
    _copies(ada_backed_up_then_grace, real, tmp_path / "bk.db")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    # A session open on the real file blocks a restore through the link.
    session = SessionLock(real)
    assert session.share()
    try:
        out = netui("restore", str(tmp_path / "bk.db"), "--db", str(link))
    finally:
        session.release()
    assert out.returncode == 1 and "open in another netui session" in out.stderr
    out = netui("restore", str(tmp_path / "bk.db"), "--db", str(link))
    assert out.returncode == 0, out.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert names(real) == ["Ada"]
    # Later writes through the link and to the real file are one database.
    netui("add", "Alan", "--db", str(link))
    assert names(real) == ["Ada", "Alan"]


def test_a_killed_restore_leaves_nothing_behind_after_the_next_one(tmp_path: Path, ada_backed_up_then_grace):
    db = tmp_path / "n.db"
    _copies(ada_backed_up_then_grace, db, tmp_path / "b.db")
    dead = 2**22 + 12345  # above Linux's default pid_max: no process has it
    staged = tmp_path / f".n.db.tmp-{dead}"  # a restore killed after staging its copy
    nested = tmp_path / f"..n.db.tmp-{dead}.tmp-{dead}"  # ... or while copying into the staged file
    for leftover in (staged, nested, nested.with_name(nested.name + "-journal")):
        leftover.write_bytes(b"half a database")
    out = netui("restore", str(tmp_path / "b.db"), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp-" in p.name) == []


def _bash_complete(script: str, *words: str) -> list[str]:
    """What the completion script offers in a real bash for ``netui WORDS`` (the last word
    is the one being completed)."""
    line = " ".join(f"'{w}'" for w in ("netui", *words))
    program = f"""{script}
COMP_WORDS=({line}); COMP_CWORD={len(words)}
_netui
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    out = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_shell_completion_offers_commands_flags_rings_and_kinds():
    bash = netui("completion", "bash")
    assert bash.returncode == 0 and bash.stderr == ""
    assert _bash_complete(bash.stdout, "") == sorted(
        ["add", "agenda", "backup", "brief", "completion", "dates", "demo", "duplicates", "edit", "export", "funnel",
         "import", "inbox", "journal", "log", "merge", "move", "people", "restore", "review", "serve", "show",
         "--db", "--help", "--theme", "--version"], key=lambda w: (w.startswith("-"), w))
    assert _bash_complete(bash.stdout, "add", "--r") == ["--ring"]
    assert _bash_complete(bash.stdout, "add", "Ada", "--ring", "") == ["cold", "lukewarm", "strategic", "buddy"]
    assert _bash_complete(bash.stdout, "log", "Ada", "--kind", "c") == ["coffee", "call"]
    assert _bash_complete(bash.stdout, "export", "v") == ["vcard"]
    zsh = netui("completion", "zsh")
    assert zsh.returncode == 0 and "bashcompinit" in zsh.stdout and "_netui" in zsh.stdout
    fish = netui("completion", "fish")
    assert fish.returncode == 0
    assert "complete -c netui -n '__fish_seen_subcommand_from add' -l ring -x -a 'cold lukewarm strategic buddy'" in fish.stdout
    assert "complete -c netui -n __fish_use_subcommand -a log" in fish.stdout
    assert netui("completion", "tcsh").returncode == 2
