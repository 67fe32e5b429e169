"""The relay's way into Rasa: the authenticated telegram_relay channel."""

from __future__ import annotations

from typing import Any

import httpx


class RasaUnavailable(RuntimeError):
    """Rasa did not answer (down, or slower than the timeout)."""


class RasaClient:
    def __init__(self, base_url: str, token: str, timeout: float) -> None:
        self.server = base_url.rstrip("/")
        self.base = f"{self.server}/webhooks/telegram_relay"
        self.http = httpx.AsyncClient(timeout=timeout, headers={"Authorization": f"Bearer {token}"})

    async def send(
        self, chat_id: int, text: str, language_code: str | None
    ) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"chat_id": chat_id, "message": text}
        if language_code:
            body["metadata"] = {"language": language_code}
        return list(await self._post("/webhook", body))

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        try:
            response = await self.http.post(self.base + path, json=body)
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(str(error)) from error
        return response.json()

    async def check_ready(self) -> None:
        """Raises unless the Rasa server (or the load balancer before it) is ready."""
        response = await self.http.get(f"{self.server}/readyz")
        response.raise_for_status()

    async def close(self) -> None:
        await self.http.aclose()
