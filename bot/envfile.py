"""Creating .env from .env.example with fresh secrets, so `make run` needs no manual step."""

from __future__ import annotations

import secrets
from pathlib import Path

GENERATED = "<generated>"


def ensure_env(target: Path, example: Path) -> bool:
    """Write `target` from `example` if it does not exist yet. Returns True when written."""
    if target.exists():
        return False
    lines = []
    for line in example.read_text(encoding="utf-8").splitlines():
        if line.rstrip().endswith(f"={GENERATED}"):
            line = line.replace(GENERATED, secrets.token_urlsafe(32))
        lines.append(line)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target.chmod(0o600)
    return True
