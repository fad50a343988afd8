"""`netui serve`: the app in a browser through textual-serve, behind a token, loopback unless told otherwise."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netui.ui.serve import Guard, app_command, exposure_warning, is_loopback, read_token, start_lines
from tests.helpers import add

NETUI = [sys.executable, "-P", "-m", "netui"]
TOKEN = "test-token-0123456789abcdef"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, db: Path, *extra: str, cwd: Path | None = None, token: str | None = TOKEN) -> None:
        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if k != "NETUI_SERVE_TOKEN"}
        if token:
            env["NETUI_SERVE_TOKEN"] = token
        self.proc = subprocess.Popen(
            [*NETUI, "serve", "--db", str(db), "--port", str(self.port), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=cwd, env=env,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        self.cookie = {"Cookie": f"netui-token-{self.port}={TOKEN}"}
        self.origin = {"Origin": self.base}

    def children(self) -> list[str]:
        """The processes the server started (one shell per app session)."""
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return path.read_text().split()

    def stop(self) -> tuple[int, str, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # ctrl+c
        try:
            out, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            out, err = self.proc.communicate(timeout=5)
        return self.proc.returncode, out, err


async def _get(url: str, headers: dict[str, str] | None = None, deadline: float | None = None):
    """(status, headers, body) of one GET, not following redirects; waits for the server to listen."""
    import aiohttp

    deadline = deadline or time.monotonic() + 30
    while True:
        try:
            async with aiohttp.ClientSession() as session:
                async with session.get(url, headers=headers or {}, allow_redirects=False) as response:
                    return response.status, response.headers, (await response.read()).decode("utf-8", "replace")
        except aiohttp.ClientConnectionError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)


async def _ws_status(url: str, headers: dict[str, str]) -> int:
    """The status a WebSocket upgrade gets (101 when it is accepted)."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def _app_screen_over_websocket(served: Served, marker: bytes, timeout: float = 30) -> bytes:
    """Open the page's websocket like the browser does and collect what the app draws until ``marker``."""
    import aiohttp

    got = bytearray()
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(
            f"{served.base}/ws?width=100&height=30", headers={**served.cookie, **served.origin}
        ) as ws:

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
        status, _headers, page = asyncio.run(_get(f"{served.base}/", served.cookie))
        assert status == 200
        assert "textual-terminal" in page and "js/textual.js" in page
        assert f"ws://127.0.0.1:{served.port}/ws" in page
        # The app behind the page is netui on this database: 2 people, not a fresh one.
        screen = asyncio.run(_app_screen_over_websocket(served, b"2 people"))
        assert b"Overview" in screen
    finally:
        code, out, err = served.stop()
    assert code == 0, err
    assert f"http://127.0.0.1:{served.port}/?token={TOKEN}" in out
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
    assert warning.startswith("netui: warning:") and "token" in warning and "SSH tunnel" in warning
    assert not any("loopback" in line for line in start_lines("0.0.0.0", 8000, "http://0.0.0.0:8000", tmp_path / "n.db"))


def test_each_browser_session_runs_this_netui_on_this_database(tmp_path: Path):
    command = app_command(tmp_path / "my db.db", theme="netui-light")
    assert command.startswith(sys.executable)
    assert "-P -m netui --db" in command and f"'{tmp_path / 'my db.db'}'" in command
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


# ---------------------------------------------------------------- who gets in


def test_without_the_token_every_request_and_the_websocket_get_403_and_no_app_starts(db, db_path: Path):
    db.close()
    served = Served(db_path)
    try:
        for path in ("/", "/static/js/textual.js", "/static/fonts/RobotoMono-VariableFont_wght.ttf", "/download/x"):
            status, _h, body = asyncio.run(_get(served.base + path))
            assert status == 403, path
            assert "token" in body
        wrong = {"Cookie": f"netui-token-{served.port}=not-the-token-at-all"}
        assert asyncio.run(_get(f"{served.base}/", wrong))[0] == 403
        assert asyncio.run(_get(f"{served.base}/?token=wrong-token-0123456789"))[0] == 403
        # The attack the issue describes: a script opening the WebSocket straight away.
        assert asyncio.run(_ws_status(f"{served.base}/ws", served.origin)) == 403
        assert served.children() == []
    finally:
        served.stop()


def test_a_foreign_origin_or_host_is_refused_even_with_the_cookie(db, db_path: Path):
    db.close()
    served = Served(db_path)
    try:
        asyncio.run(_get(f"{served.base}/", served.cookie))  # listening
        for origin in ("https://evil.example", f"http://evil.example:{served.port}", "null", ""):
            headers = {**served.cookie, "Origin": origin} if origin else dict(served.cookie)
            assert asyncio.run(_ws_status(f"{served.base}/ws", headers)) == 403, origin
        # DNS rebinding: evil.example resolved to 127.0.0.1; the browser sends its own name as Host.
        rebound = {**served.cookie, "Host": f"evil.example:{served.port}", "Origin": f"http://evil.example:{served.port}"}
        assert asyncio.run(_get(f"{served.base}/", rebound))[0] == 403
        assert asyncio.run(_ws_status(f"{served.base}/ws", rebound)) == 403
        assert served.children() == []
        # The page's own origin gets in.
        assert asyncio.run(_ws_status(f"{served.base}/ws", {**served.cookie, **served.origin})) == 101
    finally:
        served.stop()


def test_the_token_is_traded_for_a_strict_http_only_cookie_and_the_page_loads_nothing_from_outside(db, db_path):
    db.close()
    served = Served(db_path)
    try:
        status, headers, _body = asyncio.run(_get(f"{served.base}/?token={TOKEN}&fontsize=14"))
        assert status == 302
        assert headers["Location"] == "/?fontsize=14"  # the token leaves the address bar
        cookie = headers["Set-Cookie"]
        assert cookie.startswith(f"netui-token-{served.port}={TOKEN};")
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        status, headers, page = asyncio.run(_get(f"{served.base}/", served.cookie))
        assert status == 200 and headers["Referrer-Policy"] == "no-referrer"
        assert "googleapis" not in page
        import re

        external = [u for u in re.findall(r"(?:https?|wss?)://[^\"' )]+", page)
                    if not u.startswith((served.base, f"ws://127.0.0.1:{served.port}")) and "w3.org/2000/svg" not in u]
        assert external == []
        assert "fonts/RobotoMono-VariableFont_wght.ttf" in page
        assert asyncio.run(_get(f"{served.base}/static/fonts/RobotoMono-VariableFont_wght.ttf", served.cookie))[0] == 200
    finally:
        served.stop()


def test_a_netui_folder_in_the_current_directory_is_not_what_the_browser_runs(db, db_path: Path, tmp_path: Path):
    """Started from the parent of a clone, `python -m netui` would import ./netui: the sessions must not."""
    add(db, "Ada Lovelace")
    db.close()
    fake = tmp_path / "parent" / "netui"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise SystemExit('the wrong netui')\n")
    (fake / "__main__.py").write_text("raise SystemExit('the wrong netui')\n")
    served = Served(db_path, cwd=fake.parent)
    try:
        asyncio.run(_get(f"{served.base}/", served.cookie))
        screen = asyncio.run(_app_screen_over_websocket(served, b"1 person"))
        assert b"Overview" in screen
    finally:
        served.stop()


def test_each_start_has_its_own_random_token_unless_one_is_given(tmp_path: Path):
    first, source = read_token(None, {})
    second, _ = read_token(None, {})
    assert source == "random" and first != second and len(first) >= 32
    assert read_token(None, {"NETUI_SERVE_TOKEN": TOKEN}) == (TOKEN, "NETUI_SERVE_TOKEN")
    file = tmp_path / "token"
    file.write_text(TOKEN + "\n# the first line is the token\n")
    assert read_token(file, {})[0] == TOKEN


def test_a_short_token_or_a_wildcard_host_without_public_url_is_a_usage_error(db, db_path: Path, tmp_path: Path):
    db.close()
    short = tmp_path / "token"
    short.write_text("abc")
    result = subprocess.run([*NETUI, "serve", "--db", str(db_path), "--token-file", str(short)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "at least 16" in result.stderr and result.stderr.count("\n") == 1
    result = subprocess.run([*NETUI, "serve", "--db", str(db_path), "--host", "0.0.0.0", "--port", str(_free_port())],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "--public-url" in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_the_tunnel_hint_follows_the_loopback_address(tmp_path: Path):
    v6 = "\n".join(start_lines("::1", 8000, "http://[::1]:8000", tmp_path / "n.db", "tok"))
    assert "ssh -L 8000:[::1]:8000" in v6 and "http://[::1]:8000/?token=tok" in v6
    v4 = "\n".join(start_lines("127.0.0.1", 8000, "http://127.0.0.1:8000", tmp_path / "n.db", "tok"))
    assert "ssh -L 8000:127.0.0.1:8000" in v4


def test_the_start_line_cannot_carry_terminal_controls(tmp_path: Path):
    lines = start_lines("127.0.0.1", 8000, "http://127.0.0.1:8000", tmp_path / "li\x1b]0;PWNED\x07.db", "tok")
    assert not any("\x1b" in line or "\x07" in line for line in lines)


@pytest.mark.parametrize(
    ("host_header", "ok"),
    [("127.0.0.1:8000", True), ("127.0.0.1:9000", True), ("localhost:8000", True), ("[::1]:8000", True),
     ("evil.example:8000", False), ("evil.example", False), ("", False), ("netui.example.org", True),
     ("netui.example.org:8000", False)],
)
def test_host_check(host_header, ok):
    guard = Guard(token=TOKEN, host="127.0.0.1", port=8000, public_url="https://netui.example.org")
    assert guard.host_ok(host_header) is ok
