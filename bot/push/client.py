"""How the console and the reminder worker push: the Rasa server's push channel over HTTP."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from bot.push.messages import PushRequest

# What the push channel answered, as the callers tell it apart.
DELIVERED = ("queued", "emitted", "logged", "duplicate")
GONE, UNREACHABLE, UNAVAILABLE = "gone", "unreachable", "unavailable"


@dataclass(frozen=True)
class PushOutcome:
    status: str  # one of DELIVERED, or GONE, UNREACHABLE, UNAVAILABLE
    language: str = ""
    texts: list[str] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        return self.status in DELIVERED


class PushClient:
    def __init__(self, rasa_url: str, token: str, timeout: float = 10.0) -> None:
        self.url = f"{rasa_url.rstrip('/')}/webhooks/push/webhook"
        self.token, self.timeout = token, timeout

    async def push(self, request: PushRequest) -> PushOutcome:
        headers = {"Authorization": f"Bearer {self.token}"}
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as http:
                reply = await http.post(self.url, json=request.as_json(), headers=headers)
        except httpx.HTTPError:
            return PushOutcome(UNAVAILABLE)
        body: dict[str, Any] = {}
        if reply.headers.get("content-type", "").startswith("application/json"):
            body = reply.json()
        if reply.status_code == 410:
            return PushOutcome(GONE)
        if reply.status_code == 409:
            return PushOutcome(UNREACHABLE)
        if reply.status_code != 200:
            return PushOutcome(UNAVAILABLE)
        return PushOutcome(
            str(body.get("status")), str(body.get("language") or ""), list(body.get("texts") or [])
        )
