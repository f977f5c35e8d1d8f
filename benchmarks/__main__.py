"""Run the benchmarks under benchmarks/ (`make bench`): all of them, or those named on the
command line (`python -m benchmarks bench_network`).

A benchmark is a module `benchmarks/bench_*.py` with a function `run() -> list[str]` that
returns printable lines. Each compares its subject with a baseline measured in the same run
and reports the ratio, so figures from different machines stay comparable. Each benchmark runs
in its own process against a fresh test database (created and destroyed here), never the
development one. The Helsinki-scale pages and votes through a real server are
`benchmarks.scale_pages` (`make bench-scale`): it needs a scale database, not a test one.
"""

import importlib
import logging
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")


def main() -> int:
    import django
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    django.setup()
    # The benchmarks request missing pages on purpose; their 404 log lines are noise here.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    names = sorted(
        m.name
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.startswith("bench_")
    )
    wanted = sys.argv[1:]
    if wanted:
        names = [name for name in names if name in wanted]
    if not names:
        print("No benchmarks yet.")
    if len(names) > 1:
        # Each in a process and a fresh database of its own: several create the same personas,
        # and an in-memory SQLite test database outlives destroy_test_db within a process.
        for name in names:
            subprocess.run([sys.executable, "-m", "benchmarks", name], check=True)  # noqa: S603
        return 0
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        for name in names:
            module = importlib.import_module(f"benchmarks.{name}")
            print(f"== {name}: {(module.__doc__ or '').strip().splitlines()[0]}")
            for line in module.run():
                print(f"   {line}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    sys.exit(main())
