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
    assert "start-up CPU ratio" in result.stdout and data["startup_cpu_ratio"] > 0


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory, empty_database: Path) -> Path:
    """What `netui demo --people 40 --interactions 200 --no-tui` writes, once for the module."""
    from netui.store import demo
    from tests.cli.files import filled_database
    from tests.conftest import TODAY

    return filled_database(empty_database, tmp_path_factory.mktemp("demo") / "small.db",
                           lambda db: demo.generate(db, 40, 200, seed=7, today=TODAY))


def test_the_store_benchmark_runs_on_a_small_database(tmp_path: Path, small_demo: Path):
    from tests.cli.files import copy_database

    db = copy_database(small_demo, tmp_path / "small.db")
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "store.py"), str(db), "--repeat", "1", "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout)
    assert data["people"] == 40
    assert data["cpu_ms"]["overview (the first screen's load)"]["median"] >= 0


def test_the_people_benchmark_runs_on_a_small_database(tmp_path: Path, small_demo: Path):
    from tests.cli.files import copy_database

    db = copy_database(small_demo, tmp_path / "small.db")
    before = db.read_bytes()
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "people.py"), str(db), "--repeat", "1", "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout)
    assert data["people"] == 40
    assert data["typed_ms"]["net:none"]["keys"]["net:n"]["median"] >= 0
    assert data["bulk_ms"]["undo the trash"] >= 0
    assert db.read_bytes() == before  # the changes ran on a copy


def test_the_capture_benchmark_runs_on_small_files():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "capture.py"), "--events", "20", "--messages", "60", "--body-bytes", "100"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "calendar: 20 events" in result.stdout and "mail: 60 messages" in result.stdout
    assert "peak" in result.stdout and "Proposed" in result.stdout
