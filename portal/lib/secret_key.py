"""A development SECRET_KEY generated once into `.local/secret_key` when none is configured."""

import secrets
from pathlib import Path


def local_secret_key(local_dir: Path) -> str:
    path = local_dir / "secret_key"
    if not path.exists():
        local_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()
