"""A small terminal client for the REST channel: `python -m bot chat`."""

from __future__ import annotations

import uuid
from typing import Any

import requests


def send(url: str, sender: str, text: str, language: str | None = None) -> list[dict[str, Any]]:
    body: dict[str, object] = {"sender": sender, "message": text}
    if language:
        body["metadata"] = {"language": language}
    reply = requests.post(f"{url}/webhooks/rest/webhook", json=body, timeout=30)
    reply.raise_for_status()
    return list(reply.json())


def show(messages: list[dict[str, Any]]) -> None:
    for message in messages:
        if message.get("text"):
            print(f"bot> {message['text']}")
        for index, button in enumerate(message.get("buttons") or [], start=1):
            print(f"     [{index}] {button['title']}")


def chat(url: str, language: str | None) -> int:
    sender = uuid.uuid4().hex  # unguessable: on the REST channel the sender id is the key
    print(f"Talking to {url} (Ctrl-D or 'quit' to stop). Type a number to press a button.")
    buttons: list[dict[str, Any]] = []
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text.lower() in ("quit", "exit"):
            return 0
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        if not text:
            continue
        try:
            messages = send(url, sender, text, language)
        except requests.RequestException as error:
            print(f"(the assistant cannot be reached: {error})")
            continue
        show(messages)
        buttons = [b for m in messages for b in (m.get("buttons") or [])]
