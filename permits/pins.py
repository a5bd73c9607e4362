"""Contractor PINs (P2): nine characters from `secrets` over Crockford's base32 alphabet
(no I, L, O, U), shown as XXX-XXX-XXX, stored normalised (upper case, no hyphens).

Typed entry forgives case, spaces, hyphens and the look-alikes O→0, I/L→1.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: 32 symbols
LENGTH = 9  # 32**9 ≈ 3.5e13 possible PINs
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def generate() -> str:
    """A new random PIN, normalised (no hyphens)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """What the user typed, as stored: '' when it cannot be a PIN."""
    value = _SEPARATORS.sub("", typed or "").upper().translate(_LOOKALIKES)
    if len(value) != LENGTH or any(char not in ALPHABET for char in value):
        return ""
    return value


def display(pin: str) -> str:
    """M5DC58TA2 → M5D-C58-TA2."""
    return "-".join(pin[i : i + 3] for i in range(0, len(pin), 3))
