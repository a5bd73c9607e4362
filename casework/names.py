"""Search keys for people and employers: accent- and case-free text, and a simple sound key
so that "Philippe Gagné", "philipe gagne" and "Filip Ganié" meet (S2, S4).

The sound key is computed here in Python (not with a PostgreSQL extension) so it is the same
in the embedded database, the server and the benchmark: a few French and English spelling
rules, then vowels dropped after the first letter and doubled letters collapsed.
"""

import re
import unicodedata

_NOT_LETTERS = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")

# Ordered spelling rules (applied to one word): sounds written differently, written the same.
_RULES = [
    (re.compile(r"^mc"), "mac"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"sch"), "ch"),
    (re.compile(r"(eau|au|ault|eaux|aux)"), "o"),
    (re.compile(r"(ou|oo)"), "u"),
    (re.compile(r"(gn|ny|ni(?=[aeiou]))"), "n"),
    (re.compile(r"qu"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"(ck|c|q)"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"z"), "s"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),
    (re.compile(r"th"), "t"),
    (re.compile(r"(?<=[a-z])h"), ""),
    (re.compile(r"^h"), ""),
]
_SILENT_END = re.compile(r"(?<=.)(e|es|s|t|ts|x|d|ds)$")
_VOWELS_AFTER_FIRST = re.compile(r"(?<=.)[aeiou]")
_DOUBLES = re.compile(r"(.)\1+")


def normalise(text: str) -> str:
    """Lower case, accents removed, punctuation turned into spaces, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    bare = bare.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return _SPACES.sub(" ", _NOT_LETTERS.sub(" ", bare)).strip()


def _word_key(word: str) -> str:
    if word.isdigit():
        return word
    word = _SILENT_END.sub("", word) if len(word) > 3 else word
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    word = _DOUBLES.sub(r"\1", word)
    word = _VOWELS_AFTER_FIRST.sub("", word)
    return _DOUBLES.sub(r"\1", word)[:8]


def sound_key(text: str) -> str:
    """The words' sound keys, sorted so "Gagné Philippe" equals "Philippe Gagné"."""
    return " ".join(sorted(_word_key(w) for w in normalise(text).split() if w))


def person_name_key(first_name: str, last_name: str) -> str:
    return normalise(f"{first_name} {last_name}")


def business_number_key(text: str) -> str:
    """A business number with spaces, dashes and case removed (9 digits, or with the program
    account such as RP0001)."""
    return re.sub(r"[^0-9A-Z]", "", (text or "").upper())


def phone_key(text: str) -> str:
    """The last ten digits of a phone number (country code and punctuation dropped)."""
    return re.sub(r"\D", "", text or "")[-10:]
