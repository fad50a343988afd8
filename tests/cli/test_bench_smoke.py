"""The benchmark script itself runs (on a tiny database); benchmarks are not tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_runs_on_a_tiny_database(tmp_path: Path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--people", "30", "--interactions", "120", "--repeat", "1",
         "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(out.read_text())
    assert data["startup_ms"]["netui"]["median"] > 0
    assert data["cursor_move"]["bytes"] > 0
    assert data["switch"]["people"]["first"]["median"] > 0
    assert data["idle_bytes_per_2s"] == 0
    assert "start-up ratio" in result.stdout


@pytest.mark.slow
def test_the_start_up_steps_script_runs():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "startup_steps.py"), "--starts", "1", "--people", "30",
         "--interactions", "120"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "first frame with data" in result.stdout and "app created" in result.stdout
    netui, bare = result.stdout.split("bare (")
    assert netui.count("first frame with data") == 1 and bare.count("first frame with data") == 1
