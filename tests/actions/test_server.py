"""The action server's open paths (health, readiness, metrics) and its count of failed actions."""

from __future__ import annotations

import httpx

from actions.server import build_app
from bot import metrics
from tests.bot.test_health import serving


async def test_health_is_open_and_a_missing_action_is_counted_as_an_error() -> None:
    app = build_app()
    before = metrics.value("action_errors", action="action_that_does_not_exist")
    async with serving(app) as base, httpx.AsyncClient(base_url=base) as client:
        alive, ready = await client.get("/healthz"), await client.get("/readyz")
        exported = await client.get("/metrics")
        refused = await client.post("/webhook", json={"next_action": "action_x"})
        missing = await client.post(
            "/webhook",
            json={"next_action": "action_that_does_not_exist", "tracker": {}, "domain": {}},
            headers={"Authorization": "Bearer test-action-token"},
        )
    assert (alive.status_code, ready.status_code, exported.status_code) == (200, 200, 200)
    assert ready.json()["checks"] == {"case_store": "ok"}
    assert refused.status_code == 401
    assert missing.status_code == 404
    assert metrics.value("action_errors", action="action_that_does_not_exist") == before + 1
