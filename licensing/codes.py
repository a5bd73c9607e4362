"""Licence codes: 15 random characters of Crockford's base32 (no I, L, O, U) and a check
character (Luhn mod 32), shown as XXXX-XXXX-XXXX-XXXX and stored as 16 characters.

Typing is forgiven: lower case, spaces and hyphens, O for 0, I and L for 1. The check
character catches any single mistyped character and most swaps before the database is asked.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
BODY_LENGTH = 15
LENGTH = BODY_LENGTH + 1
_SUBSTITUTES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " -_.\t\u00a0\u2010\u2011\u2012\u2013")


class CodeError(ValueError):
    """Why a typed code is not a code: "length", "character" or "check"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_character(body: str) -> str:
    n = len(ALPHABET)
    factor, total = 2, 0
    for ch in reversed(body):
        addend = factor * VALUE[ch]
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def generate() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def normalise(typed: str) -> str:
    """The stored form of a typed code, or CodeError."""
    text = (typed or "").upper().translate(_SEPARATORS).translate(_SUBSTITUTES)
    if len(text) != LENGTH:
        raise CodeError("length")
    if any(ch not in VALUE for ch in text):
        raise CodeError("character")
    if check_character(text[:-1]) != text[-1]:
        raise CodeError("check")
    return text


def display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
