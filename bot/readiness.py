"""`python -m bot ready`: wait until both servers answer, then say how to talk to the assistant."""

from __future__ import annotations

import os
import time
from pathlib import Path

import requests

from bot.settings import get_settings

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


def telegram_status() -> str:
    if os.environ.get("TELEGRAM_BOT_TOKEN", "").strip():
        return f"relay on ({os.environ.get('TELEGRAM_MODE', 'polling')}); open your bot in Telegram"
    return "relay off: set TELEGRAM_BOT_TOKEN in .env (README, Telegram)"


def console_url() -> str:
    host = os.environ.get("CONSOLE_HOST", "127.0.0.1")
    return f"http://{host}:{os.environ.get('CONSOLE_PORT', '8080')}"


def announce(timeout: float) -> int:
    settings = get_settings()
    deadline = time.monotonic() + timeout
    action_url = os.environ.get("ACTION_SERVER_URL", "http://127.0.0.1:5055")
    checks = {
        "action server": f"{action_url}/health",
        "Rasa server": f"{settings.rasa_url}/webhooks/rest/",
    }
    for name, url in checks.items():
        if not wait_for(url, deadline):
            print(f"The {name} did not answer at {url} within {timeout:.0f} s; see its log above.")
            return 1
    code_file = os.environ.get("DEMO_CODE_FILE", "var/demo-link-code.txt")
    code_path = Path(code_file)
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
        f"  Telegram:        {telegram_status()}\n"
        f"  Staff console:   {console_url()}"
        "  (first user: python -m bot staff create-user --email ... --role admin)\n"
        "  Stop:            Ctrl-C\n",
        flush=True,
    )
    return 0  # done: the supervisor lets this one finish (make run: --once ready)
