"""What a list page's rows show, computed in Python once per request (issue 19): the
template then prints plain strings (escaped as usual) instead of running a filter, a
`get_FOO_display` or a `{% url %}` per row."""

import functools

from django.conf import settings
from django.db.models import Choices
from django.template.defaultfilters import date
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language


def _local(value):
    """What the template's `date` filter formats: the current time zone's time."""
    return localtime(value) if settings.USE_TZ and is_aware(value) else value


def short_date(value) -> str:
    """`{{ value|date:"SHORT_DATE_FORMAT" }}`: in the current time zone and language."""
    return date(_local(value), "SHORT_DATE_FORMAT")


def short_datetime(value) -> str:
    """`{{ value|date:"SHORT_DATETIME_FORMAT" }}`."""
    return date(_local(value), "SHORT_DATETIME_FORMAT")


def labels(choices: type[Choices]) -> dict[str, str]:
    """`get_FOO_display()` for every value in the current language (translated once per
    process and language: the choices change only with the code)."""
    return _labels(choices, get_language())


@functools.lru_cache(maxsize=64)
def _labels(choices: type[Choices], language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def display_name(first_name: str, last_name: str, email: str) -> str:
    """`User.display_name` (AbstractUser's full name, or the e-mail) from a user's columns read
    with values()."""
    return f"{first_name} {last_name}".strip() or email


def filled(translated: str, **values) -> SafeString:
    """`{% blocktranslate with name=value %}`: the translated text (given by a literal
    gettext call, so that makemessages finds it) filled with the values, escaped."""
    filled = translated % {name: conditional_escape(v) for name, v in values.items()}
    return mark_safe(filled)  # noqa: S308 (the values escaped, the catalogue's text as the tag)
