"""Comparing a person's name with the registry's spelling of it."""

import re
import unicodedata


def name_tokens(name: str) -> list[str]:
    """The words of a name without accents or case, sorted: "Pelletier, Olivier" and
    "olivier PELLETIER" give the same list; "Jean-Marc" is two words."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return sorted(re.findall(r"[a-z0-9]+", plain))


def same_person_name(a: str, b: str) -> bool:
    """True when the two names have the same words, in any order (accent- and
    case-insensitive). An empty name never matches."""
    tokens = name_tokens(a)
    return bool(tokens) and tokens == name_tokens(b)
