"""`netui serve`: the app in a browser through textual-serve, loopback unless told otherwise."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from netui.ui.serve import app_command, exposure_warning, is_loopback, start_lines
from tests.helpers import add

NETUI = [sys.executable, "-m", "netui"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class Served:
    def __init__(self, db: Path, *extra: str) -> None:
        self.port = _free_port()
        self.proc = subprocess.Popen(
            [*NETUI, "serve", "--db", str(db), "--port", str(self.port), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )

    def stop(self) -> tuple[int, str, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # ctrl+c
        try:
            out, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            out, err = self.proc.communicate(timeout=5)
        return self.proc.returncode, out, err


async def _app_screen_over_websocket(port: int, marker: bytes, timeout: float = 30) -> bytes:
    """Open the page's websocket like the browser does and collect what the app draws until ``marker``."""
    import aiohttp

    got = bytearray()
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30") as ws:

            async def read() -> None:
                async for message in ws:
                    if isinstance(message.data, (bytes, str)):
                        got.extend(message.data if isinstance(message.data, bytes) else message.data.encode())
                    if marker in got:
                        return

            await asyncio.wait_for(read(), timeout)
            await ws.send_json(["stdin", "q"])
    return bytes(got)


def test_serve_shows_the_textual_page_and_runs_netui_on_the_same_database(db, db_path: Path):
    add(db, "Ada Lovelace")
    add(db, "Grace Hopper")
    db.close()
    served = Served(db_path)
    try:
        page = _fetch(f"http://127.0.0.1:{served.port}/", time.monotonic() + 30)
        assert "textual-terminal" in page and "js/textual.js" in page
        assert f"ws://127.0.0.1:{served.port}/ws" in page
        # The app behind the page is netui on this database: 2 people, not a fresh one.
        screen = asyncio.run(_app_screen_over_websocket(served.port, b"2 people"))
        assert b"Overview" in screen
    finally:
        code, out, err = served.stop()
    assert code == 0, err
    assert f"http://127.0.0.1:{served.port}" in out
    assert "loopback" in out and f"ssh -L {served.port}:127.0.0.1:{served.port}" in out
    assert "warning" not in err


def test_a_port_in_use_is_one_clear_line(db, db_path: Path):
    db.close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*NETUI, "serve", "--db", str(db_path), "--port", str(port)], capture_output=True, text=True, timeout=30
        )
    assert result.returncode == 1
    assert result.stderr.startswith("netui: error: cannot listen on 127.0.0.1:") and "--port" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_bad_port_is_a_usage_error():
    result = subprocess.run([*NETUI, "serve", "--port", "99999"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "port" in result.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("myserver.lan", False)],
)
def test_only_loopback_counts_as_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_the_start_message_and_the_warning_say_who_can_connect(tmp_path: Path):
    lines = start_lines("127.0.0.1", 8000, "http://127.0.0.1:8000", tmp_path / "n.db")
    assert any("loopback" in line for line in lines)
    assert any("ssh -L 8000:127.0.0.1:8000" in line for line in lines)
    warning = exposure_warning("0.0.0.0", 8000)
    assert warning.startswith("netui: warning:") and "no password" in warning
    assert not any("loopback" in line for line in start_lines("0.0.0.0", 8000, "http://0.0.0.0:8000", tmp_path / "n.db"))


def test_each_browser_session_runs_this_netui_on_this_database(tmp_path: Path):
    command = app_command(tmp_path / "my db.db", theme="netui-light")
    assert command.startswith(sys.executable)
    assert "-m netui --db" in command and f"'{tmp_path / 'my db.db'}'" in command
    assert command.endswith("--theme netui-light")


def test_a_host_other_machines_can_reach_prints_a_warning_first(db, db_path: Path):
    """The warning comes before binding. 192.0.2.1 (a documentation address, on no machine) cannot be
    bound, so the test never listens beyond loopback."""
    db.close()
    result = subprocess.run(
        [*NETUI, "serve", "--db", str(db_path), "--host", "192.0.2.1", "--port", str(_free_port())],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 1
    first, second = result.stderr.splitlines()
    assert first.startswith("netui: warning: listening on 192.0.2.1:") and "SSH tunnel" in first
    assert second.startswith("netui: error: cannot listen on 192.0.2.1:")
    assert result.stdout == ""
