"""What stands between a stranger and the staff accounts, without letting one lock a user out.

- Per client address: failed logins are counted in a token bucket (a burst of 20, then 20 a
  minute); beyond it the address waits (HTTP 429 with Retry-After) before any password is hashed.
- Per account: after 5 failures in a row the account waits 15 minutes, but only for browsers it
  never logged in from (bot.console.passwords). A successful login leaves a signed "known device"
  cookie, so a stranger's guesses never keep the person out of their usual browser.
- scrypt runs in worker threads, at most HASHING_AT_ONCE at a time, so the console's pages stay
  quick while logins are hashed.
"""

from __future__ import annotations

import hashlib
import hmac

from bot.rate_limit import Buckets, Rule

DEVICE_COOKIE = "wegwijs_device"
DEVICE_SECONDS = 365 * 24 * 3600
HASHING_AT_ONCE = 2


def address_failures() -> Buckets:
    return Buckets(Rule.from_env("CONSOLE_LOGIN_LIMIT", 20, 20))


def device_token(secret: str, email: str) -> str:
    """The known-device cookie for this account (only the console's secret can make it)."""
    message = f"device:{email.strip().lower()}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def is_known_device(cookie: str | None, secret: str, email: str) -> bool:
    return bool(cookie) and hmac.compare_digest(str(cookie), device_token(secret, email))
