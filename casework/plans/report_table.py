"""The report page's period fields and table rows as HTML built in Python once per request
(issue 19): django-bootstrap5's field templates and the table's per-cell template lookups cost
more than the report's statements. The output is the HTML the template gave; names of
service points and providers are escaped here."""

import datetime
from collections.abc import Iterable
from html import escape  # Django's escape without its lazy-text wrapper

from django.conf import settings
from django.utils import translation
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_bootstrap5.forms import render_field

from casework.display import short_date
from casework.plans.forms import ReportForm
from casework.plans.models import CloseReason
from casework.plans.queries import ReportRow

# A valid period the field templates are rendered with once, then each request's value put
# in its place.
_STAND_INS = {"start": "1901-02-03", "end": "1901-02-04"}
# Per language: each field's HTML around its value (labels are translations; no data).
_halves: dict[str, dict[str, tuple[str, str]]] = {}


def _field_halves() -> dict[str, tuple[str, str]]:
    language = translation.get_language()
    halves = _halves.get(language)
    if halves is None:
        form = ReportForm(_STAND_INS)
        form.is_valid()
        halves = {}
        for name, stand_in in _STAND_INS.items():
            head, tail = render_field(form[name], success_css_class="").split(
                f' value="{stand_in}"'
            )
            halves[name] = (head + ' value="', '"' + tail)
        _halves[language] = halves
    return halves


def period_fields(form: ReportForm) -> dict[str, SafeString] | None:
    """`{% bootstrap_field form.<name> success_css_class="" %}` of each field of a valid
    form, by name (None when the form has errors: the template renders them itself)."""
    if form.errors:
        return None
    fields = {}
    for name, (head, tail) in _field_halves().items():
        bound = form[name]
        # As the widget's template prints its value: the raw text typed, or the date given.
        value = bound.field.widget.format_value(bound.value())
        fields[name] = mark_safe(f"{head}{escape(value)}{tail}")  # noqa: S308 (escaped)
    return fields


def _cells(row: ReportRow) -> str:
    number = localize if settings.USE_THOUSAND_SEPARATOR else str
    closed = "".join(f"<td>{number(n)}</td>" for n in row.closed.values())
    return (
        f"            <td>{number(row.opened)}</td><td>{number(row.active)}</td>\n"
        f"            {closed}\n"
        f"            <td>{number(row.placements_started)}</td>"
        f"<td>{number(row.placements_ended)}</td><td>{number(row.clients_served)}</td>\n"
    )


def body_rows(rows: Iterable[ReportRow], *, ministry: bool) -> SafeString:
    """The table's body rows (the ministry's name each service point's provider)."""
    lines = []
    for row in rows:
        point = row.point
        provider = (
            f'<span class="d-block small fw-normal">{escape(point.organisation)}</span>'
            if ministry
            else ""
        )
        lines.append(
            "          <tr>\n"
            f'            <th scope="row">{provider}{escape(point.name)} '
            f'<span class="small fw-normal">({escape(point.eo_id)})</span></th>\n'
            f"{_cells(row)}"
            "          </tr>\n"
        )
    return mark_safe("".join(lines))  # noqa: S308 (names escaped, numbers)


def total_cells(total: ReportRow) -> SafeString:
    """The footer's figures, after its "Total" heading."""
    return mark_safe(_cells(total))  # noqa: S308 (numbers)


# Per language: the header row's cells (labels only, no data).
_heads: dict[str | None, SafeString] = {}


def head_cells() -> SafeString:
    """The table's column headings, built once per process for each language."""
    language = translation.get_language()
    head = _heads.get(language)
    if head is None:
        # As {% blocktranslate %} gives them: the values escaped, the translation as it is.
        closed = "".join(
            '<th scope="col">{}</th>'.format(_("Closed: %(label)s") % {"label": escape(str(label))})
            for _value, label in CloseReason.choices
        )
        cells = [
            f'        <th scope="col">{escape(label)}</th>\n'
            for label in (_("Service point"), _("Plans opened"), _("Active at the end"))
        ]
        cells.append(f"        {closed}\n")
        cells += [
            f'        <th scope="col">{escape(label)}</th>\n'
            for label in (_("Placements started"), _("Placements ended"), _("Clients served"))
        ]
        head = _heads[language] = mark_safe("".join(cells))  # noqa: S308 (labels escaped)
    return head


def caption(start: datetime.date, end: datetime.date) -> SafeString:
    """The table's caption: the period in the language's short date format."""
    day = short_date()
    dates = {"start": escape(day(start)), "end": escape(day(end))}
    return mark_safe(_("From %(start)s to %(end)s") % dates)  # noqa: S308 (as blocktranslate)
