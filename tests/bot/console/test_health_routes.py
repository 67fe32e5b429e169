"""The console's health, readiness and metrics paths are open without a login."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from bot.console.app import build_console
from bot.settings import ConsoleSettings
from tests.bot.test_health import serving


async def test_health_paths_need_no_login_and_readiness_checks_both_databases(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CONSOLE_SECRET", "console-test-secret")
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    app = build_console(ConsoleSettings.from_env())
    async with serving(app) as base, httpx.AsyncClient(base_url=base) as client:
        alive, ready = await client.get("/healthz"), await client.get("/readyz")
        exported, page = await client.get("/metrics"), await client.get("/cases")
    assert alive.status_code == 200 and exported.status_code == 200
    assert ready.json() == {"ready": True, "checks": {"case_store": "ok", "tracker_store": "ok"}}
    assert page.status_code in (302, 303) and page.headers["location"] == "/login"
