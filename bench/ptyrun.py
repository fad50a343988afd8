"""Drive a program in a real pseudo-terminal and time what it writes.

Used by the benchmarks (and a test): start-up to first paint, key to repaint,
bytes sent, idle output. Everything is measured on the bytes the program writes,
exactly as a terminal over SSH would receive them.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass, field


@dataclass
class PtyApp:
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    cols: int = 120
    rows: int = 40

    def start(self) -> float:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(self.cols), "LINES": str(self.rows), **self.env}
        self.started = time.perf_counter()
        def become_terminal_session() -> None:
            # A new session whose controlling terminal is the pty, as sshd sets up:
            # closing the master side then hangs up the program (SIGHUP).
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            self.argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
            preexec_fn=become_terminal_session,
        )
        os.close(slave)
        self.fd = master
        self.output = bytearray()
        return self.started

    def read(self, timeout: float) -> bytes:
        """Whatever arrives within ``timeout`` seconds (at least one read attempt)."""
        chunks = bytearray()
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                break
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks += data
            self._answer_queries(data)
        self.output += chunks
        return bytes(chunks)

    def _answer_queries(self, data: bytes) -> None:
        # Textual asks the terminal a few questions at start; a real terminal answers.
        if b"\x1b[c" in data:
            os.write(self.fd, b"\x1b[?62;22c")

    def wait_for(self, marker: bytes | re.Pattern[bytes], timeout: float = 30.0) -> float:
        """Seconds from start until ``marker`` (bytes or a compiled pattern) has been written."""
        deadline = time.perf_counter() + timeout
        found = marker.search if isinstance(marker, re.Pattern) else (lambda out: marker in out)
        while not found(self.output):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{marker!r} not seen in {timeout} s")
            self.read(0.02)
        return time.perf_counter() - self.started

    def _drain(self, start: float, quiet: float, timeout: float) -> tuple[float | None, float | None, int]:
        """Read until nothing arrives for ``quiet`` seconds: (first byte, last byte) as
        times since ``start``, or None when nothing came, and the bytes read."""
        first = last = None
        total = 0
        deadline = start + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            self._answer_queries(chunk)
            self.output += chunk
            now = time.perf_counter() - start
            first = now if first is None else first
            last = now
            total += len(chunk)
        return first, last, total

    def settle(self, quiet: float = 0.25, timeout: float = 10.0) -> tuple[float, int]:
        """Wait until nothing is written for ``quiet`` seconds.

        Returns (seconds from now until the last byte arrived, bytes written)."""
        _, last, total = self._drain(time.perf_counter(), quiet, timeout)
        return last or 0.0, total

    def press(self, data: bytes, quiet: float = 0.2, timeout: float = 10.0) -> tuple[float, float, int]:
        """Send keys; return (seconds to the first byte of the response, seconds to the
        last byte before ``quiet`` seconds of silence, bytes written)."""
        self.settle(0.05)
        t0 = time.perf_counter()
        os.write(self.fd, data)
        first, last, total = self._drain(t0, quiet, timeout)
        if first is None:
            return float("nan"), float("nan"), 0
        return first, last, total

    def key(self, data: bytes, quiet: float = 0.25) -> tuple[float, int]:
        """Send keys; return (seconds until the last byte of the repaint, bytes written)."""
        self.settle(0.05)
        os.write(self.fd, data)
        return self.settle(quiet)

    def key_until(self, data: bytes, marker: bytes, timeout: float = 10.0) -> tuple[float, int]:
        """Send keys; return seconds until ``marker`` appears (then let the rest arrive)."""
        self.settle(0.05)
        mark = len(self.output)
        t0 = time.perf_counter()
        os.write(self.fd, data)
        deadline = t0 + timeout
        while marker not in self.output[mark:]:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{marker!r} not seen after key {data!r}")
            self.read(0.01)
        elapsed = time.perf_counter() - t0
        rest, _ = self.settle(0.15)
        return elapsed, len(self.output) - mark

    def cpu_seconds(self) -> float:
        """User + system CPU time the program has used so far, all its threads together
        (the kernel counts in ticks of 10 ms: take a median over several runs)."""
        with open(f"/proc/{self.proc.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def peak_rss_mb(self) -> float:
        try:
            with open(f"/proc/{self.proc.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def stop(self) -> int | None:
        if self.proc.poll() is None:
            os.write(self.fd, b"\x11")  # ctrl+q
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        try:
            self.read(0.05)
        finally:
            os.close(self.fd)
        return self.proc.returncode
