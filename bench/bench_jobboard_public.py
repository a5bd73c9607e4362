"""Job site benchmarks (issue 10): runs each section in its own process, one after the other,
so each seeds its own throw-away database at the issue's scale and prints its figures:

- search (100,000 active postings, a third with English): a rare word, a common word,
  filters only; p50/p95, queries per request, EXPLAIN ANALYZE of the bare query;
- posting page with its view count, and the performance page;
- targeted-send recipient count over 200,000 seekers, and the batch send;
- the weekly digest for 200,000 seekers: total time and SQL statements per batch.

    .venv/bin/python bench/bench_jobboard_public.py [section ...]
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
SECTIONS = ["search", "page", "targeted", "digest"]


def _server_url() -> str:
    """The PostgreSQL server of DATABASE_URL (or the local one), to make bench databases on."""
    return os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"


def _base_name() -> str:
    name = urlsplit(_server_url()).path.lstrip("/")
    return name if name and name != "postgres" else "portal"


def _database(name: str, drop_only: bool = False) -> str:
    import psycopg

    server = urlsplit(_server_url())
    with psycopg.connect(urlunsplit(server._replace(path="/postgres")), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            db.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(server._replace(path=f"/{name}"))


def main() -> int:
    chosen = sys.argv[1:] or SECTIONS
    failed = 0
    for name in chosen:
        script = HERE / f"jobboard_public_{name}.py"
        print(f"\n== {name} ({script.name})", flush=True)
        # Each section seeds a database of its own, dropped afterwards, named after
        # DATABASE_URL's (helpers sharing a server do not drop each other's).
        database = f"{_base_name()}_bench_{name}"
        url = _database(database)
        env = {**os.environ, "DATABASE_URL": url, "BENCH_DATABASE_URL": url}
        try:
            failed |= subprocess.call([sys.executable, str(script)], env=env) != 0
        finally:
            _database(database, drop_only=True)
    return failed


if __name__ == "__main__":
    sys.exit(main())
