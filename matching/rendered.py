"""Forms' HTML remembered in this process (issue 19): django-bootstrap5 rendering a form's
fields was a third to a half of a matching page's own time, and the same inputs give the same
HTML.

The key names everything that HTML depends on: the template, the form's class, prefix and
ids, the language, the version of the reference lists (their labels and options), and the
values the fields show (the raw submitted values of a bound form, else the initial ones).
So only forms whose options are fixed or come from `matching.reference` belong here. A form
with errors is never remembered (a message may quote the input), nor under DEBUG (an edited
template shows at once). The memo is bounded: emptied when it holds MAX_ENTRIES, and a key
longer than MAX_KEY_CHARS (many repeated values) is rendered each time.

`per_language` and `static_html` remember, the same way, fixed text (translated labels,
fragments, URLs of the active language), which depends on nothing but the language.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from matching.reference import reference

MAX_ENTRIES = 500
MAX_KEY_CHARS = 500
_memo: dict[tuple, Any] = {}
T = TypeVar("T")


def _shown_values(form: forms.BaseForm) -> tuple | None:
    values: list[Any] = []
    for name, field in form.fields.items():
        if form.is_bound:
            data = form.data
            shown = tuple(data.getlist(name)) if hasattr(data, "getlist") else data.get(name)
        else:
            shown = form.initial.get(name, field.initial)
            if callable(shown):
                return None
        values.append((name, repr(shown)))
    return tuple(values)


def form_html(template: str, form: forms.BaseForm) -> str:
    """`template` rendered with `form` (the fields only: never a CSRF token)."""
    shown = None if settings.DEBUG or (form.is_bound and form.errors) else _shown_values(form)
    key = (
        template,
        type(form).__qualname__,
        form.prefix,
        form.auto_id,
        translation.get_language(),
        reference().version,
        form.is_bound,
        shown,
    )
    if shown is None or len(repr(key)) > MAX_KEY_CHARS:
        return render_to_string(template, {"form": form})
    html = _memo.get(key)
    if html is None:
        if len(_memo) >= MAX_ENTRIES:
            _memo.clear()
        html = _memo[key] = render_to_string(template, {"form": form})
    return html


def per_language(name: str, build: Callable[[], T]) -> T:
    """`build()` once per language (`name` names what it builds): fixed text, translated, and
    URLs of the active language; never a request's, a user's or a form's values."""
    if settings.DEBUG:
        return build()
    key = (name, translation.get_language())
    found = _memo.get(key)
    if found is None:
        if len(_memo) >= MAX_ENTRIES:
            _memo.clear()
        found = _memo[key] = build()
    return found


def static_html(template: str) -> str:
    """`template` rendered without context, once per language (a fragment whose only values
    are `{% translate %}` and `{% url %}`)."""
    return per_language(template, lambda: render_to_string(template))
