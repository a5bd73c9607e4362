"""What the lists compute once per request instead of once per row: the job site's page
addresses in both languages and the choices' labels in the request's language.

A row's reverse() under translation.override() (twice, one per language) and a model's
get_FOO_display() (which hashes every lazy label of the field's choices, each hash a
gettext) cost more than the rest of a row's JSON together."""

from django.urls import reverse
from django.utils import translation

LANGS = ("fr", "en")
_MARK = 2147483647  # the largest posting id: a stand-in reversed once, then replaced


def labels(choices) -> dict[str, str]:
    """value → label in the active language."""
    return {value: str(label) for value, label in choices}


class PageUrls:
    """The absolute address of a posting's page on the job site, in each language."""

    def __init__(self, request):
        self.parts: dict[str, tuple[str, str]] = {}
        for lang in LANGS:
            with translation.override(lang):
                path = reverse("jobboard:job", args=[_MARK])
            head, _mark, tail = request.build_absolute_uri(path).rpartition(f"/{_MARK}/")
            self.parts[lang] = (f"{head}/", f"/{tail}")

    def __call__(self, posting_id: int) -> dict[str, str]:
        return {lang: f"{head}{posting_id}{tail}" for lang, (head, tail) in self.parts.items()}
