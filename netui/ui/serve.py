"""`netui serve`: the same app in a web browser, through textual-serve.

Each browser tab starts its own `netui --db PATH` process on the server, on the same
database as the command that serves it. Anyone who reaches the page can read and change
the whole network, so the server asks for what Jupyter asks for:

- a random token per start (or the one in NETUI_SERVE_TOKEN / --token-file), printed in the
  address; the first visit with ``?token=`` trades it for an HttpOnly, SameSite=Strict
  cookie. Every request without the token or the cookie gets 403, and no app starts;
- the WebSocket that drives the app also checks ``Origin`` (a page on another site cannot
  open it), and every request checks ``Host`` (a DNS name rebound to 127.0.0.1 is refused);
- the page loads nothing from outside this server (its fonts are served from here);
- it listens on loopback unless told otherwise: reach it through an SSH tunnel.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from netui.domain.text import displayable

TOKEN_ENV = "NETUI_SERVE_TOKEN"
MIN_TOKEN_LENGTH = 16
PAGE_FOLDER = Path(__file__).parent / "serve_page"


class ServeSetupError(ValueError):
    """A serve option that cannot work (the CLI turns it into one line, exit 2)."""


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def url_host(host: str) -> str:
    """``host`` as it goes in a URL: IPv6 addresses in brackets."""
    bare = host.strip("[]")
    return f"[{bare}]" if ":" in bare else bare


def tunnel_hint(host: str, port: int) -> str:
    target = url_host(host) if is_loopback(host) and host.lower() not in ("localhost", "localhost.") else "127.0.0.1"
    return (
        f"ssh -L {port}:{target}:{port} USER@THIS-HOST, then open the address above on your machine"
        f" (http://{target}:{port}/?token=...)"
    )


def read_token(token_file: Path | None = None, environ: dict[str, str] | None = None) -> tuple[str, str]:
    """The token for this start and where it came from: --token-file, NETUI_SERVE_TOKEN, or a new random one."""
    environ = os.environ if environ is None else environ
    if token_file is not None:
        try:
            lines = token_file.read_text(encoding="utf-8").splitlines()
            token, source = (lines[0].strip() if lines else ""), f"--token-file {token_file}"
        except (OSError, UnicodeDecodeError) as exc:
            raise ServeSetupError(f"cannot read the token file {displayable(token_file)} ({exc})") from None
    elif environ.get(TOKEN_ENV):
        token, source = environ[TOKEN_ENV].strip(), TOKEN_ENV
    else:
        return secrets.token_urlsafe(32), "random"
    if len(token) < MIN_TOKEN_LENGTH or not token.isascii() or not token.isprintable() or " " in token:
        raise ServeSetupError(
            f"the token from {displayable(source)} must be at least {MIN_TOKEN_LENGTH} printable ASCII characters "
            "with no spaces (leave it unset for a random one)"
        )
    return token, source


@dataclass(frozen=True)
class Guard:
    """Who may use the server: the token (or its cookie), a Host that is this server, a same-site Origin."""

    token: str
    host: str
    port: int
    public_url: str

    @property
    def cookie_name(self) -> str:  # cookies ignore ports: one name per port keeps two servers apart
        return f"netui-token-{self.port}"

    def token_ok(self, value: str | None) -> bool:
        return bool(value) and hmac.compare_digest(value.encode("utf-8", "replace"), self.token.encode())

    def host_ok(self, host_header: str | None) -> bool:
        """The Host a browser sent names this server: a loopback name or address (any port, for tunnels),
        the address it listens on, or the --public-url host. A DNS name rebound to us fails this."""
        if not host_header:
            return False
        try:
            parts = urlsplit("//" + host_header)
            hostname, port = parts.hostname, parts.port
        except ValueError:
            return False
        if not hostname:
            return False
        if is_loopback(hostname):
            return True
        allowed = {(self.host.strip("[]").lower(), self.port)}
        public = urlsplit(self.public_url)
        if public.hostname:
            allowed.add((public.hostname.lower(), public.port or (443 if public.scheme == "https" else 80)))
        # No port in Host: the scheme's default, which a proxy in front may have used.
        return any(hostname.lower() == name and (port is None or port == p) for name, p in allowed)

    def origin_ok(self, origin: str | None, host_header: str | None) -> bool:
        """A browser's WebSocket comes from the page this server served: same origin as the Host it
        asked for, or the --public-url's origin. No Origin at all is refused too."""
        if not origin or origin == "null":
            return False
        try:
            parts = urlsplit(origin)
        except ValueError:
            return False
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False
        public = urlsplit(self.public_url)
        if (parts.scheme, parts.netloc.lower()) == (public.scheme, public.netloc.lower()):
            return True
        return bool(host_header) and parts.netloc.lower() == host_header.lower() and self.host_ok(host_header)


FORBIDDEN = (
    "netui: this address needs the token netui serve printed when it started: open the full address "
    "it showed (ending in ?token=...).\n"
)


def guard_middleware(guard: Guard):
    from aiohttp import web

    def harden(response: web.StreamResponse) -> web.StreamResponse:
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    def forbidden(reason: str) -> web.Response:
        return harden(web.Response(status=403, text=FORBIDDEN + f"({reason})\n"))

    @web.middleware
    async def middleware(request: web.Request, handler):
        host_header = request.headers.get("Host")
        if not guard.host_ok(host_header):
            return forbidden("this server does not answer to that host name")
        query_token = request.query.get("token")
        has_cookie = guard.token_ok(request.cookies.get(guard.cookie_name))
        if not has_cookie and not guard.token_ok(query_token):
            return forbidden("missing or wrong token")
        is_websocket = request.headers.get("Upgrade", "").lower() == "websocket"
        if is_websocket:
            if not guard.origin_ok(request.headers.get("Origin"), host_header):
                return forbidden("the page that opened this connection is not from this server")
            return await handler(request)
        if query_token is not None:
            # Trade the token for a cookie and take it out of the address bar (and history, and Referer).
            query = request.url.query.copy()
            del query["token"]
            response = web.Response(status=302, headers={"Location": str(request.url.relative().with_query(query))})
            response.set_cookie(
                guard.cookie_name, guard.token, httponly=True, samesite="Strict", path="/",
                secure=urlsplit(guard.public_url).scheme == "https",
            )
            return harden(response)
        return harden(await handler(request))

    return middleware


def app_command(db_path: Path, theme: str | None = None) -> str:
    """The shell command each browser session runs: this Python, this netui, this database.

    ``-P`` keeps the current folder off ``sys.path``: a ``netui/`` folder where the server was
    started (the parent of a clone, say) is never imported instead of the installed netui.
    """
    argv = [sys.executable, "-P", "-m", "netui", "--db", str(db_path.resolve())]
    if theme:
        argv += ["--theme", theme]
    return shlex.join(argv)


def served_url(host: str, port: int, public_url: str | None) -> str:
    if public_url:
        return public_url.rstrip("/")
    if is_wildcard(host):
        raise ServeSetupError(
            f"--host {displayable(host)} listens on every address, so netui cannot tell browsers where to connect: "
            f"add --public-url with the address they use (for example --public-url http://THIS-HOST:{port})"
        )
    return f"http://{url_host(host)}:{port}"


def start_lines(host: str, port: int, public_url: str, db_path: Path, token: str | None = None) -> list[str]:
    """What `netui serve` prints when it starts (to stdout; warnings go to stderr)."""
    address = f"{public_url}/?token={token}" if token else public_url
    lines = [displayable(f"netui: serving {db_path} on {address} (press ctrl+c to stop)")]
    lines.append("netui: the address holds this start's token: anyone who has it can use netui while it runs.")
    if is_loopback(host):
        lines.append(displayable(f"netui: listening on {host} only (loopback): other machines cannot connect."))
        lines.append("netui: from another machine, use an SSH tunnel: " + tunnel_hint(host, port))
    return lines


def exposure_warning(host: str, port: int) -> str:
    return displayable(
        f"netui: warning: listening on {host}:{port}, which other machines can reach. The token is sent in "
        "clear over plain http: anyone who can watch the network can read and change your whole network. Prefer "
        f"the default (127.0.0.1) and an SSH tunnel: {tunnel_hint('127.0.0.1', port)}"
    )


def build_app(command: str, guard: Guard, title: str = "netui"):
    """The aiohttp application: textual-serve's handlers behind the guard, with netui's page."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    server = Server(command, host=guard.host.strip("[]"), port=guard.port, title=title, public_url=guard.public_url)
    app = web.Application(middlewares=[guard_middleware(guard)])
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(str(PAGE_FOLDER)))
    app.add_routes([
        web.get("/", server.handle_index, name="index"),
        web.get("/ws", server.handle_websocket, name="websocket"),
        web.get("/download/{key}", server.handle_download, name="download"),
        web.static("/static", server.statics_path, show_index=False, name="static"),
    ])
    return app


def serve(db_path: Path, host: str, port: int, url: str, token: str, theme: str | None = None) -> None:
    """Serve netui on ``url`` (see served_url) with ``token`` (see read_token) until ctrl+c (or SIGTERM).
    Raises OSError when the address cannot be bound."""
    import asyncio
    import logging
    import signal
    import socket

    from aiohttp import web
    from aiohttp.web_runner import GracefulExit

    os.environ.pop(TOKEN_ENV, None)  # the app processes inherit the environment: they have no use for it
    if not is_loopback(host):
        print(exposure_warning(host, port), file=sys.stderr, flush=True)
    # Bind first, so a port in use is a clear error before anything else is printed.
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host.strip("[]"), port))
    finally:
        probe.close()

    guard = Guard(token=token, host=host, port=port, public_url=url)
    app = build_app(app_command(db_path, theme), guard)

    async def announce(_app) -> None:
        for line in start_lines(host, port, url, db_path, token):
            print(line, flush=True)

    app.on_startup.append(announce)
    logging.basicConfig(level=logging.WARNING, format="netui serve: %(message)s")

    def request_exit() -> None:
        raise GracefulExit()

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, request_exit)
    web.run_app(app, host=host.strip("[]"), port=port, handle_signals=False, loop=loop, print=lambda *a: None)
