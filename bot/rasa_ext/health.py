"""The Rasa server's `/healthz`, `/readyz` and `/metrics` (added by bot.rasa_ext.patches).

Ready means: the model is loaded, the tracker store's database answers and, with several servers,
the Redis lock store answers. A load balancer sends messages only to a ready server.
"""

from __future__ import annotations

from typing import Any

from sanic import Sanic

from bot import health
from bot.rasa_ext.lock_store import RedisLockStore
from bot.rasa_ext.respond import tracker_store


def _agent(app: Sanic) -> Any:
    return getattr(app.ctx, "agent", None)


async def _model_loaded(app: Sanic) -> None:
    agent = _agent(app)
    if agent is None or not agent.is_ready():
        raise RuntimeError("the model is not loaded yet")


def checks(app: Sanic) -> dict[str, health.Check]:
    async def model() -> None:
        await _model_loaded(app)

    async def tracker_db() -> None:
        await health.database(lambda: getattr(tracker_store(app), "engine", None))()

    async def lock_store() -> None:
        store = getattr(_agent(app), "lock_store", None)
        if isinstance(store, RedisLockStore):
            await health.redis(lambda: store.red)()

    return {"model": model, "tracker_store": tracker_db, "lock_store": lock_store}


def add_routes(app: Sanic) -> Sanic:
    health.add_routes(app, checks(app))
    return app
