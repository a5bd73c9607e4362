"""The job site's result rows as plain strings (issue 19): the search page and the home show
twenty rows each, and a `{% url %}`, a filter or an attribute chain per row in the template
cost more than the whole query. Each row's values are computed here once, in the page's
language; the template only prints (and escapes) them."""

from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from jobboard.public.search import Row
from portal.lib.typography import long_date

_PLACEHOLDER = 987654321


def row_items(rows: list[Row]) -> list[dict]:
    """What `_rows.html` prints for each row: link, title, the "company · place · type" line,
    the featured flag and the publication date (ISO and in words)."""
    url = reverse("jobboard:job", args=[_PLACEHOLDER])
    before, after = url.split(str(_PLACEHOLDER))
    untitled = gettext("Untitled posting")
    items = []
    for row in rows:
        parts = [row.company]
        place, employment_type = row.place, row.employment_type
        if place:
            parts.append(place)
        if employment_type:
            parts.append(employment_type)
        date = row.date
        if date is not None and timezone.is_aware(date):
            date = timezone.localtime(date)  # as the template shows a date-time
        items.append(
            {
                "url": f"{before}{row.posting.pk}{after}",
                "title": row.title or untitled,
                "line": " · ".join(parts),
                "featured": row.featured,
                "date_iso": date_filter(date, "c") if date else "",
                "date_text": long_date(date) if date else "",
            }
        )
    return items
