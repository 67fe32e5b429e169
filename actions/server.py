"""The action server: rasa_sdk's app plus a shared-token check.

rasa_sdk has no authentication of its own, so every request except the health and metrics paths
must carry `Authorization: Bearer $ACTION_SERVER_TOKEN` (Rasa sends it, see endpoints.yml). It
binds to 127.0.0.1 unless ACTION_SERVER_HOST says otherwise. `/readyz` checks the case store;
an action that fails is counted (`action_errors`, by action name) for `/metrics`.
"""

from __future__ import annotations

import argparse
import logging

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import health, logs, metrics
from bot.security import bearer_matches
from bot.settings import env, get_settings, log_level
from bot.store.db import get_engine

logger = logging.getLogger(__name__)
OPEN_PATHS = ("/health", *health.PATHS)


def authorized(request: Request, token: str) -> bool:
    return bearer_matches(request.headers.get("authorization", ""), token)


def build_app() -> Sanic:
    settings = get_settings()
    if not settings.action_server_token:
        raise SystemExit("ACTION_SERVER_TOKEN is not set (see .env.example)")
    app = create_app("actions", cors_origins=[])

    @app.middleware("request")
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS or authorized(request, settings.action_server_token):
            return None
        return response.json({"error": "unauthorized"}, status=401)

    @app.middleware("response")
    async def count_errors(request: Request, answer: HTTPResponse) -> None:
        if request.path == "/webhook" and (answer.status == 404 or answer.status >= 500):
            body = request.json if isinstance(request.json, dict) else {}
            metrics.count("action_errors", action=str(body.get("next_action", "unknown")))

    health.add_routes(app, {"case_store": health.database(get_engine)})
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="Wegwijs action server (actions + NLG)")
    parser.add_argument("--host", default=env("ACTION_SERVER_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env("ACTION_SERVER_PORT", "5055")))
    args = parser.parse_args()
    logs.configure(log_level())
    logging.getLogger("sanic.access").setLevel(logging.WARNING)
    build_app().run(host=args.host, port=args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
