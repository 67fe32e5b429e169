"""The relay's settings, from the environment (see .env.example)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import ROOT, env, health_address, load_dotenv, shared_redis_url


def _env(name: str, default: str = "") -> str:
    return env(name, default).strip()


@dataclass(frozen=True)
class TelegramSettings:
    token: str
    base_url: str  # the Bot API; a self-hosted server or a test double
    mode: str  # polling | webhook
    webhook_url: str
    webhook_secret: str
    webhook_listen: str
    webhook_port: int
    rasa_url: str
    relay_token: str
    rasa_timeout: float
    health_host: str = "127.0.0.1"  # /healthz, /readyz and /metrics of the relay
    health_port: int = 0  # 0: not served
    redis_url: str = ""  # several relays: the updates they handled, shared in Redis

    @classmethod
    def from_env(cls) -> TelegramSettings:
        load_dotenv(ROOT / ".env")
        return cls(
            token=_env("TELEGRAM_BOT_TOKEN"),
            base_url=_env("TELEGRAM_BASE_URL", "https://api.telegram.org/bot"),
            mode=_env("TELEGRAM_MODE", "polling"),
            webhook_url=_env("TELEGRAM_WEBHOOK_URL"),
            webhook_secret=_env("TELEGRAM_WEBHOOK_SECRET"),
            webhook_listen=_env("TELEGRAM_WEBHOOK_LISTEN", "127.0.0.1"),
            webhook_port=int(_env("TELEGRAM_WEBHOOK_PORT", "8443")),
            rasa_url=_env("RASA_URL", "http://127.0.0.1:5005"),
            relay_token=_env("RELAY_TOKEN"),
            rasa_timeout=float(_env("TELEGRAM_RASA_TIMEOUT", "10")),
            health_host=health_address("TELEGRAM")[0],
            health_port=health_address("TELEGRAM")[1],
            redis_url=shared_redis_url(),
        )
