"""Signed session cookies (HMAC-SHA256): who is logged in, their CSRF token, and until when."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

COOKIE = "wegwijs_console"
LIFETIME_SECONDS = 8 * 3600


@dataclass(frozen=True)
class Session:
    email: str
    csrf: str
    expires: int
    stamp: str = ""  # from the password hash: a reset or a re-created account ends old sessions


def new_session(email: str, stamp: str = "", now: float | None = None) -> Session:
    expires = int((now or time.time()) + LIFETIME_SECONDS)
    return Session(email, secrets.token_urlsafe(24), expires, stamp)


def _signature(payload: bytes, secret: str) -> str:
    return (
        base64.urlsafe_b64encode(hmac.new(secret.encode(), payload, hashlib.sha256).digest())
        .decode()
        .rstrip("=")
    )


def encode(session: Session, secret: str) -> str:
    payload = base64.urlsafe_b64encode(json.dumps(session.__dict__).encode()).decode().rstrip("=")
    return f"{payload}.{_signature(payload.encode(), secret)}"


def decode(value: str | None, secret: str, now: float | None = None) -> Session | None:
    """The session of a cookie, or None when it is missing, forged, malformed or expired."""
    if not value or "." not in value or not secret:
        return None
    payload, signature = value.rsplit(".", 1)
    if not hmac.compare_digest(signature, _signature(payload.encode(), secret)):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        session = Session(
            str(data["email"]), str(data["csrf"]), int(data["expires"]), str(data.get("stamp", ""))
        )
    except (ValueError, KeyError, TypeError):
        return None
    return session if session.expires > (now or time.time()) else None
