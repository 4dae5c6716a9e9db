"""Run every benchmark module in bench/ (each writes its results to bench/results/)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    """Run each `bench/<name>.py` that defines `main()`; return the number that failed."""
    names = sys.argv[1:] or sorted(
        info.name for info in pkgutil.iter_modules([str(Path(__file__).parent)])
    )
    failed = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        runner = getattr(module, "main", None)
        if runner is None:
            continue
        print(f"== bench.{name}", flush=True)
        try:
            runner()
        except Exception as exc:  # report and go on with the other benchmarks
            failed += 1
            print(f"bench.{name} failed: {exc!r}", flush=True)
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
