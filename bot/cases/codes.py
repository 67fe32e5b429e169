"""One-time link codes: random, easy to type, recognised in free text, stored only as an HMAC.

Ten characters from a 32-character alphabet without 0/O/1/I = 50 random bits (the rule that a code
mixes letters and digits keeps more than 49 bits). Shown as ABCDE-FGHJK.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10
_CHAR = "[2-9A-HJ-NP-Z]"
_CODE_PATTERN = re.compile(
    rf"(?<![0-9A-Z])({_CHAR}{{5}})([\s-]?)({_CHAR}{{5}})(?![0-9A-Z])",
)


_WORD_WITH_A_DIGIT = re.compile(r"[a-z]+\d[a-z]+")


def _mixes_letters_and_digits(code: str) -> bool:
    digits = sum(char.isdigit() for char in code)
    return 2 <= digits <= CODE_LENGTH - 2


def generate_code() -> str:
    """A new random code (without separator)."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if _mixes_letters_and_digits(code):
            return code


def display(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def find_code(text: str) -> str | None:
    """The first link code in a message, normalised (upper case, no separator), or None.

    Two lower-case words with one digit inside each ("n3ref ch7al", Arabic in Latin letters)
    have a code's shape but are words.
    """
    for match in _CODE_PATTERN.finditer(text.upper()):
        code = match.group(1) + match.group(3)
        halves = text[match.start() : match.end()].split()
        if len(halves) == 2 and all(_WORD_WITH_A_DIGIT.fullmatch(half) for half in halves):
            continue
        if _mixes_letters_and_digits(code):
            return code
    return None


def is_only_a_code(text: str) -> bool:
    """The message is a link code and nothing else (spaces, dashes and dots around it)."""
    code = find_code(text)
    if code is None:
        return False
    rest = _CODE_PATTERN.sub("", text.upper(), count=1)
    return not any(char.isalnum() for char in rest)


def hash_code(code: str, secret: str) -> str:
    if not secret:
        raise ValueError("LINK_CODE_SECRET is not set")
    return hmac.new(secret.encode(), code.encode(), hashlib.sha256).hexdigest()
