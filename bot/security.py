"""Shared-secret checks between our own processes."""

from __future__ import annotations

import hmac


def bearer_matches(header: str, token: str) -> bool:
    """`Authorization: Bearer <token>` with the expected token (constant-time comparison)."""
    scheme, _, given = header.partition(" ")
    return (
        bool(token)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(given.encode(), token.encode())
    )
