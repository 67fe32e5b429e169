"""Creating and completing .env from .env.example, so `make run` needs no manual step."""

from __future__ import annotations

import secrets
from pathlib import Path

GENERATED = "<generated>"


def _fill(line: str) -> str:
    if line.rstrip().endswith(f"={GENERATED}"):
        return line.replace(GENERATED, secrets.token_urlsafe(32))
    return line


def _key(line: str) -> str | None:
    stripped = line.strip()
    if not stripped or stripped.startswith("#") or "=" not in stripped:
        return None
    return stripped.split("=", 1)[0].strip()


def ensure_env(target: Path, example: Path) -> list[str]:
    """Write `target` from `example`, or add the variables it lacks. Returns the keys written."""
    example_lines = example.read_text(encoding="utf-8").splitlines()
    if not target.exists():
        target.write_text("\n".join(_fill(line) for line in example_lines) + "\n", encoding="utf-8")
        target.chmod(0o600)
        return [key for key in map(_key, example_lines) if key]
    present = {key for key in map(_key, target.read_text(encoding="utf-8").splitlines()) if key}
    missing = [line for line in example_lines if _key(line) and _key(line) not in present]
    if missing:
        with target.open("a", encoding="utf-8") as handle:
            handle.write(
                "\n# added from .env.example\n" + "\n".join(_fill(line) for line in missing) + "\n"
            )
    return [key for key in map(_key, missing) if key]
