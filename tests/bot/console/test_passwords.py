"""Argon2id with OWASP's parameters; scrypt hashes of before are upgraded at the next login."""

from __future__ import annotations

import base64
import hashlib
import os
from datetime import datetime

from sqlalchemy import select

from bot.console.passwords import hash_password, needs_rehash, verify_password
from bot.console.permissions import Role
from bot.console.staff.accounts import create_user, log_in, session_user
from bot.store.db import migrate, session_scope
from bot.store.models import StaffUser as StaffRow

NOW = datetime(2026, 12, 1, 9, 0)


def old_scrypt_hash(password: str) -> str:
    """A hash as the console wrote them before Argon2id (N=2**14, r=8, p=1)."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    encoded = [base64.b64encode(part).decode() for part in (salt, digest)]
    return "$".join(["scrypt", "16384", "8", "1", *encoded])


def test_owasp_parameters_are_in_every_new_hash() -> None:
    stored = hash_password("a long staff password")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert not needs_rehash(stored)
    assert not verify_password("a long staff password", stored.replace("t=2", "t=1"))


def test_a_scrypt_hash_still_verifies_and_asks_for_an_upgrade() -> None:
    stored = old_scrypt_hash("a long staff password")
    assert verify_password("a long staff password", stored)
    assert not verify_password("another password", stored)
    assert needs_rehash(stored)


def test_the_next_login_stores_an_argon2id_hash() -> None:
    migrate()
    with session_scope() as db:
        create_user(db, "c@gemeente.nl", "a long staff password", Role.CONSULTANT)
        db.flush()
        row = db.execute(select(StaffRow)).scalar_one()
        row.password_hash = old_scrypt_hash("a long staff password")
    with session_scope() as db:
        assert log_in(db, "c@gemeente.nl", "wrong password!", NOW).user is None
    with session_scope() as db:
        assert db.execute(select(StaffRow.password_hash)).scalar_one().startswith("scrypt$")
        result = log_in(db, "c@gemeente.nl", "a long staff password", NOW)
    assert result.user is not None
    with session_scope() as db:
        stored = db.execute(select(StaffRow.password_hash)).scalar_one()
        assert stored.startswith("$argon2id$") and verify_password("a long staff password", stored)
        assert session_user(db, "c@gemeente.nl", result.stamp) is not None  # stamp of the new hash
