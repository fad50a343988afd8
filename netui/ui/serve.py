"""`netui serve`: the same app in a web browser, through textual-serve.

Each browser tab starts its own `netui --db PATH` process on the server, on the same
database as the command that serves it. netui has no login of its own, so it listens
on loopback unless told otherwise and says so: reach it through an SSH tunnel.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

TUNNEL_HINT = "ssh -L {port}:127.0.0.1:{port} USER@THIS-HOST, then open http://127.0.0.1:{port} on your machine"


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(db_path: Path, theme: str | None = None) -> str:
    """The shell command each browser session runs: this Python, this netui, this database."""
    argv = [sys.executable, "-m", "netui", "--db", str(db_path.resolve())]
    if theme:
        argv += ["--theme", theme]
    return shlex.join(argv)


def start_lines(host: str, port: int, public_url: str, db_path: Path) -> list[str]:
    """What `netui serve` prints when it starts (to stdout; warnings go to stderr)."""
    lines = [f"netui: serving {db_path} on {public_url} (press ctrl+c to stop)"]
    if is_loopback(host):
        lines.append(f"netui: listening on {host} only (loopback): other machines cannot connect.")
        lines.append("netui: from another machine, use an SSH tunnel: " + TUNNEL_HINT.format(port=port))
    return lines


def exposure_warning(host: str, port: int) -> str:
    return (
        f"netui: warning: listening on {host}:{port}, which other machines can reach. netui has no password: "
        "anyone who can open this address can read and change your whole network. Prefer the default "
        f"(127.0.0.1) and an SSH tunnel: {TUNNEL_HINT.format(port=port)}"
    )


def serve(db_path: Path, host: str, port: int, theme: str | None = None, public_url: str | None = None) -> None:
    """Serve netui until ctrl+c (or SIGTERM). Raises OSError when the address cannot be bound."""
    import logging
    import socket

    from textual_serve.server import Server

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
    url_host = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    url = public_url or f"http://{url_host}:{port}"

    class NetuiServer(Server):
        def initialize_logging(self) -> None:  # quiet: one line per problem, not a banner per request
            logging.basicConfig(level=logging.WARNING, format="netui serve: %(message)s")

        async def on_startup(self, app) -> None:
            for line in start_lines(host, port, url, db_path):
                print(line, flush=True)

    server = NetuiServer(app_command(db_path, theme), host=host.strip("[]"), port=port, title="netui", public_url=url)
    server.serve()
