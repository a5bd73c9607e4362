"""`scripts/backup` then `scripts/restore` into a new, empty database on a PostgreSQL newer
than the machine's client (the scripts find a pg_dump that fits): every table has the same
rows, the files are the same bytes, and the portal serves the same data from the copy."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from portal.lib.backup import BackupError, find_tool
from tests.factories import PASSWORD
from tests.faults import stack
from tests.faults.visitor import Visitor


def table_rows(server, database: str) -> dict[str, list]:
    """Every table's rows, in a stable order (the data a user would see, and more)."""
    tables = server.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        database,
    )
    return {
        name: server.execute(f"SELECT t::text FROM {name} t ORDER BY 1", database)  # noqa: S608
        for (name,) in tables
    }


def files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def run_script(name: str, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own script
        [str(stack.ROOT / "scripts" / name), *args],
        env={**env, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=300,
    )


def script(name: str, env: dict, *args: str) -> str:
    done = run_script(name, env, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_backup_restores_into_an_empty_database(
    private_postgres, private_database, private_redis, processes, tmp_path
):
    source = tmp_path / "source"
    env = stack.portal_env(
        private_database,
        private_redis.url(0),
        source,
        MEDIA_ROOT=str(source / "media"),
        PRIVATE_MEDIA_ROOT=str(source / "private"),
    )
    stack.django_script(env, "from tests.faults.scenarios import mailings; mailings(3)")
    (source / "media" / "logos").mkdir(parents=True)
    (source / "media" / "logos" / "logo.png").write_bytes(b"\x89PNG public logo")
    (source / "private" / "permits").mkdir(parents=True)
    (source / "private" / "permits" / "plan.pdf").write_bytes(b"%PDF-1.7 private plan")

    folder = Path(script("backup", env, "--into", str(tmp_path / "backups")).strip())
    assert sorted(p.name for p in folder.iterdir()) == [
        "database.dump",
        "files.tar.gz",
        "manifest.json",
    ]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["pg_dump_major"] >= manifest["server_major"]

    private_postgres.execute("CREATE DATABASE restored TEMPLATE template0")
    copy = tmp_path / "copy"
    restored_env = stack.portal_env(
        private_postgres.url("restored"),
        private_redis.url(0),
        copy,
        MEDIA_ROOT=str(copy / "media"),
        PRIVATE_MEDIA_ROOT=str(copy / "private"),
    )
    script("restore", restored_env, str(folder))

    source_name = private_database.rsplit("/", 1)[1]
    original = table_rows(private_postgres, source_name)
    assert table_rows(private_postgres, "restored") == original
    assert len(original["accounts_user"]) >= 7
    assert files(copy / "media") == files(source / "media") != {}
    assert files(copy / "private") == files(source / "private") != {}

    # The portal on the copy: the same people sign in, the same posting is online.
    web, base = stack.gunicorn(restored_env, tmp_path / "web.log", workers=1)
    processes.append(web)
    manager = Visitor(base)
    assert manager.sign_in("manager@example.org", PASSWORD).status_code == 302
    assert "Structural engineer" in Visitor(base).get("/en/jobs/search/").text

    # A second restore into the same (now full) database is refused.
    refused = run_script("restore", restored_env, str(folder))
    assert refused.returncode == 1 and "is not empty" in refused.stderr


def test_the_oldest_client_new_enough_is_chosen(tmp_path):
    for major in (15, 16, 18):
        folder = tmp_path / str(major)
        folder.mkdir()
        tool = folder / "pg_dump"
        tool.write_text(f"#!/bin/sh\necho 'pg_dump (PostgreSQL) {major}.1'\n")
        tool.chmod(0o755)
    dirs = [tmp_path / "15", tmp_path / "18", tmp_path / "16"]
    assert find_tool("pg_dump", 15, dirs).major == 15
    assert find_tool("pg_dump", 16, dirs).major == 16
    assert find_tool("pg_dump", 17, dirs).major == 18
    with pytest.raises(BackupError, match="No pg_dump of PostgreSQL 19 or newer"):
        find_tool("pg_dump", 19, dirs)
