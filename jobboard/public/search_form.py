"""The search form, cheap to show (issue 19).

- The fields, regions and cities the filters offer change only in the admin: they are kept in
  the shared cache (no query per page) and dropped when an entry is saved or deleted
  (`register()`), now and again once the transaction commits.
- Each select's HTML is the same for every visitor who chose the same value: Django's widget
  renders it once per process (per list version, language, field and chosen value) instead
  of once per request through the widget templates. A value that is not an offered choice is
  rendered each time, as before (and never kept, so odd query strings cannot fill memory).
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.safestring import SafeString

from jobboard.postings.models import ReferenceItem
from jobboard.public.search import SearchForm, choice_lists

KEY = "jobboard:search-reference-items"
KINDS = ["field", "region", "city"]
_MAX_WIDGETS = 2000

# Per process: the ReferenceItem objects of a version, and the rendered selects.
_items: dict[str, list[ReferenceItem]] = {}
_widgets: dict[tuple, SafeString] = {}
# Per process: the form's field and place choices of a version, per language.
_choices: dict[tuple, dict] = {}


def _read() -> tuple[str, list[ReferenceItem]]:
    found = cache.get(KEY)
    if found is None:
        rows = list(
            ReferenceItem.objects.filter(kind__in=KINDS, active=True)
            .order_by("kind", "order", "name_fr")
            .values_list("pk", "kind", "name_fr", "name_en")
        )
        found = (uuid.uuid4().hex, rows)
        cache.set(KEY, found, timeout=None)
    version, rows = found
    items = _items.get(version)
    if items is None:
        _items.clear()
        items = [ReferenceItem(pk=pk, kind=k, name_fr=fr, name_en=en) for pk, k, fr, en in rows]
        _items[version] = items
    return version, items


def search_form(data) -> tuple[SearchForm, str]:
    """The bound (or empty) search form with the offered lists, and their version."""
    version, items = _read()
    key = (version, translation.get_language())
    choices = _choices.get(key)
    if choices is None:
        if len(_choices) >= 8:  # an old version's
            _choices.clear()
        choices = _choices[key] = choice_lists(items)
    return SearchForm(data or None, choices=choices), version


def _offered(form_field) -> set[str]:
    values: set[str] = set()
    for value, label in form_field.choices:
        if isinstance(label, list | tuple):  # an option group
            values.update(str(v) for v, _lab in label)
        else:
            values.add(str(value))
    return values


def fields(form: SearchForm, version: str) -> list[dict]:
    """Each field's name, id, label and HTML (the keywords' value for the text box)."""
    language = translation.get_language()
    shown = []
    for bound in form:
        item = {"name": bound.name, "id": bound.id_for_label, "label": bound.label}
        value = bound.value()
        if bound.name == "q":
            item["value"] = value
        else:
            key = (version, language, bound.name, value)
            html = _widgets.get(key)
            if html is None:
                html = bound.as_widget()
                if not bound.errors and (value is None or value in _offered(bound.field)):
                    if len(_widgets) >= _MAX_WIDGETS:
                        _widgets.clear()
                    _widgets[key] = html
            item["html"] = html
        shown.append(item)
    return shown


def _drop(**kwargs) -> None:
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))


def register() -> None:
    for signal in (post_save, post_delete):
        uid = f"jobboard-search-items-{id(signal)}"
        signal.connect(_drop, sender=ReferenceItem, weak=False, dispatch_uid=uid)
