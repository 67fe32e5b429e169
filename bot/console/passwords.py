"""Password hashes with scrypt (memory-hard, in the standard library) and login lockout."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

N, R, P = 2**14, 8, 1
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return "$".join(
        [
            "scrypt",
            str(N),
            str(R),
            str(P),
            base64.b64encode(salt).decode(),
            base64.b64encode(digest).decode(),
        ]
    )


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        given = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(given, expected)


@dataclass(frozen=True)
class LoginState:
    failed_logins: int
    locked_until: datetime | None


def is_locked(state: LoginState, now: datetime) -> bool:
    return state.locked_until is not None and state.locked_until > now


def after_attempt(state: LoginState, succeeded: bool, now: datetime) -> LoginState:
    """Reset on success; after MAX_FAILURES failures in a row, lock for LOCKOUT."""
    if succeeded:
        return LoginState(0, None)
    failures = state.failed_logins + 1
    if failures >= MAX_FAILURES:
        return LoginState(0, now + LOCKOUT)
    return LoginState(failures, state.locked_until)
