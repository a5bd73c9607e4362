"""French typography for text put together in code (issue 17, item 15).

French puts a no-break space before « : » (U+00A0) and a narrow no-break space before
« ; ! ? » (U+202F); English puts none. Catalogue strings carry their own spaces (checked by
tests/portal/test_typography.py); these helpers are for a label joined to a value in code or
a template: `{% translate "Address" %}{% colon %} {{ address }}`.
"""

from django.utils import translation

NBSP = "\u00a0"  # before « : », inside « »
NNBSP = "\u202f"  # before « ; ! ? »


def colon() -> str:
    """« : » with its space in French, ":" in English (the active language)."""
    return NBSP + ":" if (translation.get_language() or "fr").startswith("fr") else ":"


def label_colon(label: object, value: object) -> str:
    """ "Adresse : 12 rue X" / "Address: 12 X Street" in the active language."""
    return f"{label}{colon()} {value}"
