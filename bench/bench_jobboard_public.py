"""Job site benchmarks (issue 10): runs each section in its own process, one after the other,
so each seeds its own throw-away database at the issue's scale and prints its figures:

- search (100,000 active postings, a third with English): a rare word, a common word,
  filters only; p50/p95, queries per request, EXPLAIN ANALYZE of the bare query;
- posting page with its view count, and the performance page;
- targeted-send recipient count over 200,000 seekers, and the batch send;
- the weekly digest for 200,000 seekers: total time and SQL statements per batch.

    .venv/bin/python bench/bench_jobboard_public.py [section ...]
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECTIONS = ["search", "page", "targeted", "digest"]


def main() -> int:
    chosen = sys.argv[1:] or SECTIONS
    failed = 0
    for name in chosen:
        script = HERE / f"jobboard_public_{name}.py"
        print(f"\n== {name} ({script.name})", flush=True)
        failed |= subprocess.call([sys.executable, str(script)]) != 0
    return failed


if __name__ == "__main__":
    sys.exit(main())
