"""A local Telegram Bot API double over real HTTP: enough of the API for the relay.

It queues updates for getUpdates (long polling) and records every call the bot makes, so tests
see exactly what a Telegram user would see.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Wegwijs",
    "username": "wegwijs_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class BotApiDouble:
    token: str = "123456:TEST-token-never-real"
    port: int = 0
    calls: list[Call] = field(default_factory=list)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _next_update: int = 1
    _next_message: int = 100
    too_many_requests: int = 0  # answer this many sendMessage calls with 429 retry_after=1
    blocked: set[int] = field(default_factory=set)  # chats whose user blocked the bot (403)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # --- what a user does ----------------------------------------------------------------------
    def _user(self, chat_id: int, language: str) -> dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": language}

    def _message(
        self, chat_id: int, text: str, language: str, chat_type: str = "private"
    ) -> dict[str, Any]:
        self._next_message += 1
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = "A group"
        message: dict[str, Any] = {
            "message_id": self._next_message,
            "date": int(time.time()),
            "chat": chat,
            "from": self._user(abs(chat_id), language),
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return message

    def push(self, update: dict[str, Any], update_id: int | None = None) -> int:
        if update_id is None:
            update_id = self._next_update
            self._next_update += 1
        self._updates.append({"update_id": update_id, **update})
        return update_id

    def say(self, chat_id: int, text: str, language: str = "en", chat_type: str = "private") -> int:
        return self.push({"message": self._message(chat_id, text, language, chat_type)})

    def edit(self, chat_id: int, text: str, language: str = "en") -> int:
        message = self._message(chat_id, text, language)
        message["edit_date"] = int(time.time())
        return self.push({"edited_message": message})

    def press(self, chat_id: int, data: str, language: str = "en") -> int:
        query = {
            "id": f"cq{self._next_update}",
            "from": self._user(chat_id, language),
            "chat_instance": "1",
            "data": data,
            "message": self._message(chat_id, "(buttons)", language),
        }
        return self.push({"callback_query": query})

    # --- what the bot did ----------------------------------------------------------------------
    def sent(self, chat_id: int) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == "sendMessage" and int(c.params["chat_id"]) == chat_id
        ]

    def wait_for(self, predicate: Any, timeout: float = 30) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [c for c in list(self.calls) if predicate(c)]
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError(
            f"no matching call within {timeout} s; calls: {[c.method for c in self.calls]}"
        )

    # --- the HTTP side -------------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params: dict[str, Any] = dict(await request.post()) if request.can_read_body else {}
        if request.content_type == "application/json":
            params = await request.json()
        params = {k: _decode(v) for k, v in params.items()}
        self.calls.append(Call(method, params))
        if method == "sendMessage" and self.too_many_requests > 0:
            self.too_many_requests -= 1
            self.calls[-1] = Call("sendMessage (429)", params)
            body = {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1},
            }
            return web.json_response(body, status=429)
        if method == "sendMessage" and int(params.get("chat_id") or 0) in self.blocked:
            self.calls[-1] = Call("sendMessage (403)", params)
            body = {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
            return web.json_response(body, status=403)
        return web.json_response({"ok": True, "result": await self.result(method, params)})

    async def result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
            while True:
                pending = [u for u in self._updates if u["update_id"] >= offset]
                if pending or time.monotonic() >= deadline:
                    return pending
                await asyncio.sleep(0.02)
        if method in ("sendMessage", "editMessageReplyMarkup"):
            self._next_message += 1
            chat_id = int(params.get("chat_id") or 0)
            message = {
                "message_id": self._next_message,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "text": params.get("text", ""),
            }
            return message
        return True

    def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self.handle)
        self.port = serve_in_thread(app)


def serve_in_thread(app: web.Application) -> int:
    """Run an aiohttp app on a free port of 127.0.0.1 in a daemon thread; return the port."""
    ready = threading.Event()
    port: list[int] = []

    def serve() -> None:
        loop = asyncio.new_event_loop()
        runner = web.AppRunner(app)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        port.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        ready.set()
        loop.run_forever()

    threading.Thread(target=serve, daemon=True).start()
    ready.wait(10)
    return port[0]


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value
