from pathlib import Path

from bot.envfile import ensure_env


def test_env_is_created_with_fresh_secrets_then_completed(tmp_path: Path) -> None:
    example = tmp_path / ".env.example"
    example.write_text("# comment\nTOKEN=<generated>\nPORT=5005\n")
    target = tmp_path / ".env"
    assert ensure_env(target, example) == ["TOKEN", "PORT"]
    first = target.read_text()
    assert "TOKEN=<generated>" not in first and "PORT=5005" in first
    assert oct(target.stat().st_mode)[-3:] == "600"
    assert ensure_env(target, example) == []
    example.write_text(example.read_text() + "NEW=1\n")
    assert ensure_env(target, example) == ["NEW"]
    assert target.read_text().startswith(first) and "NEW=1" in target.read_text()
