"""Password hashes (Argon2id) and login lockout.

New hashes are Argon2id with OWASP's first recommended parameters (19 MiB of memory, 2
iterations, 1 lane), written as PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), the
format argon2-cffi and libsodium read as well. The implementation is `cryptography`'s
(already a pinned dependency). Hashes of the scrypt era still verify once: `needs_rehash` makes
the next successful login store an Argon2id hash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MEMORY_KIB, ITERATIONS, LANES = 19 * 1024, 2, 1  # OWASP Password Storage Cheat Sheet
SALT_BYTES, HASH_BYTES = 16, 32
PREFIX = f"$argon2id$v=19$m={MEMORY_KIB},t={ITERATIONS},p={LANES}$"
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


def hash_password(password: str) -> str:
    kdf = Argon2id(
        salt=os.urandom(SALT_BYTES),
        length=HASH_BYTES,
        iterations=ITERATIONS,
        lanes=LANES,
        memory_cost=MEMORY_KIB,
    )
    return str(kdf.derive_phc_encoded(password.encode()))


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith("$argon2id$"):
        try:
            Argon2id.verify_phc_encoded(password.encode(), stored)
        except (InvalidKey, ValueError, TypeError):
            return False
        return True
    return _verify_scrypt(password, stored)


def needs_rehash(stored: str) -> bool:
    """An older scheme or weaker parameters: store a new hash at the next login."""
    return not stored.startswith(PREFIX)


def _verify_scrypt(password: str, stored: str) -> bool:
    """The hashes written before Argon2id: scrypt$N$r$p$salt$digest (base64)."""
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
