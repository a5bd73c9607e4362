"""The development database when DATABASE_URL is unset: an embedded PostgreSQL (pgserver).

Data lives in `.local/pgdata`. pgserver reuses a server that is already running there and
stops it when the last process using it exits, so `make run` and `make test` need nothing
installed on the machine.
"""

import os
from pathlib import Path


def embedded_database_url(local_dir: Path) -> str:
    runtime_dir = local_dir / "run"
    runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    import pgserver  # imported lazily: production never loads it

    server = pgserver.get_server(local_dir / "pgdata", cleanup_mode="stop")
    return server.get_uri()
