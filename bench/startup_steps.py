"""Where start-up goes: netui and the bare app, step by step, in a real pseudo-terminal.

    python bench/startup_steps.py              # 12 starts of each, in turns, on the big database
    python bench/startup_steps.py --starts 3 --people 300 --interactions 3000

Each start runs with a small hook (this file, run as ``--child netui|bare``) that notes
the time of each step, from the moment the process runs Python code, and leaves once its
first frame with data is written. Prints the median of each step. Not a test and not
part of ``bench/run.py``: a tool for finding what to cut.
"""

from __future__ import annotations

import importlib.machinery
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
T0 = time.perf_counter()
MARKS: dict[str, float] = {}


def mark(step: str) -> None:
    MARKS.setdefault(step, round((time.perf_counter() - T0) * 1000, 1))


def _stop_at_first_data(needle: str) -> None:
    import textual.drivers.linux_driver as linux

    write = linux.LinuxDriver.write

    def noting(self, data: str) -> None:
        if needle in data and "first frame with data" not in MARKS:
            mark("first frame with data")
            self._app.call_after_refresh(self._app.exit)
        write(self, data)

    linux.LinuxDriver.write = noting


def child_netui(argv: list[str]) -> None:
    class Finder:  # marks the UI's import, then patches the app it defines
        @classmethod
        def find_spec(cls, name, path=None, target=None):
            if name != "netui.ui.app":
                return None
            sys.meta_path.remove(cls)
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            real = spec.loader

            class Loader:
                def create_module(self, spec):
                    return real.create_module(spec)

                def exec_module(self, module):
                    mark("Textual and the first screen's code imported (from)")
                    real.exec_module(module)
                    mark("Textual and the first screen's code imported")
                    init = module.NetuiApp.__init__

                    def noting_init(app, *args, **kwargs):
                        mark("app created (from)")
                        init(app, *args, **kwargs)
                        mark("app created")

                    module.NetuiApp.__init__ = noting_init
                    _stop_at_first_data("people")

            spec.loader = Loader()
            return spec

    sys.meta_path.insert(0, Finder)
    import netui.cli as cli
    import netui.store.overview as store_overview

    load = store_overview.overview

    def noting_load(*args, **kwargs):
        loaded = load(*args, **kwargs)
        mark("the Overview's queries done (in a thread)")
        return loaded

    store_overview.overview = noting_load
    cli.main(argv)


def child_bare() -> None:
    from textual.app import App
    from textual.widgets import Label

    mark("Textual imported")
    _stop_at_first_data("bare-app-ready")

    class Bare(App):
        def compose(self):
            yield Label("bare-app-ready")

    app = Bare()
    mark("app created")
    app.run()


def main() -> int:
    import argparse
    import ast
    import statistics
    import tempfile

    sys.path.insert(0, str(HERE))
    from ptyrun import PtyApp
    from run import ensure_db

    parser = argparse.ArgumentParser(description="Where start-up goes, step by step.")
    parser.add_argument("--starts", type=int, default=12)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    args = parser.parse_args()
    starts = args.starts
    db = ensure_db(args.people, args.interactions)
    runs: dict[str, list[dict[str, float]]] = {"netui": [], "bare": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(starts):
            for who in ("bare", "netui"):
                out = Path(tmp) / f"{who}.txt"
                extra = ["--db", str(db)] if who == "netui" else []
                app = PtyApp([sys.executable, __file__, "--child", who, str(out), *extra])
                app.start()
                deadline = time.perf_counter() + 60
                while app.proc.poll() is None and time.perf_counter() < deadline:
                    app.read(0.05)  # keep the terminal's side drained, and answer its questions
                app.stop()
                runs[who].append(ast.literal_eval(out.read_text()))
    for who, marks in runs.items():
        print(f"{who} (median of {len(marks)} starts, ms since Python began running code)")
        for step in marks[0]:
            values = [m[step] for m in marks if step in m]
            print(f"  {statistics.median(values):7.1f}  {step}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--child":  # one start, run by main()
        who, out = sys.argv[2], Path(sys.argv[3])
        try:
            child_netui(sys.argv[4:]) if who == "netui" else child_bare()
        finally:
            out.write_text(repr(MARKS))
        raise SystemExit(0)
    raise SystemExit(main())
