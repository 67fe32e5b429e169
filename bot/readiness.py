"""`python -m bot ready`: wait until both servers answer, then say how to talk to the assistant."""

from __future__ import annotations

import time

import requests

from bot.settings import ReadySettings

POLL_SECONDS = 1.0


def wait_for(url: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return True
        except requests.RequestException:
            pass
        time.sleep(POLL_SECONDS)
    return False


def telegram_status(settings: ReadySettings) -> str:
    if settings.telegram_on:
        return f"relay on ({settings.telegram_mode}); open your bot in Telegram"
    return "relay off: set TELEGRAM_BOT_TOKEN in .env (README, Telegram)"


def announce(timeout: float, settings: ReadySettings) -> int:
    deadline = time.monotonic() + timeout
    checks = {
        "action server": f"{settings.action_server_url}/health",
        "Rasa server": f"{settings.rasa_url}/webhooks/rest/",
    }
    for name, url in checks.items():
        if not wait_for(url, deadline):
            print(f"The {name} did not answer at {url} within {timeout:.0f} s; see its log above.")
            return 1
    code_path = settings.demo_code_file
    code = code_path.read_text(encoding="utf-8").strip() if code_path.exists() else "(none)"
    print(
        "\n"
        "  Wegwijs is running.\n"
        f"  Talk to it:      make chat   (or: .venv/bin/python -m bot chat)\n"
        f"  REST channel:    POST {settings.rasa_url}/webhooks/rest/webhook\n"
        f'                   {{"sender": "<any unguessable id>", "message": "hello"}}\n'
        f"  Link demo case:  send the one-time code  {code}  (Samuel Okafor, DEMO-0007)\n"
        "  Then ask:        when is my deadline?  /  wanneer is mijn deadline?\n"
        f"  Website widget:  {settings.rasa_url}/webhooks/web/demo  (the demo page)\n"
        f"  Telegram:        {telegram_status(settings)}\n"
        f"  Staff console:   {settings.console_url}"
        "  (first user: python -m bot staff create-user --email ... --role admin)\n"
        "  Stop:            Ctrl-C\n",
        flush=True,
    )
    return 0  # done: the supervisor lets this one finish (make run: --once ready)
