"""The overview page's repeated parts as HTML built in Python, once per request (issue 19:
the template's loops and their tags cost most of the page). The HTML is what
console/overview.html's loops gave, whitespace included; every value goes through what `{{ }}`
does (localised, escaped)."""

from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.lib.typography import long_date


def _v(value) -> str:
    """As the template prints a value: localised, then escaped."""
    return conditional_escape(localize(value))


def _safe(parts: list[str]) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 (every value went through _v)


def rows(rows: list[dict]) -> SafeString:
    """The table by office and kind (the view formatted the dates and medians)."""
    if not rows:
        return _safe(
            [
                '\n          <tr><td colspan="8">',
                _v(_("Nothing has arrived yet.")),
                "</td></tr>\n        ",
            ]
        )
    badge = f' <span class="badge text-bg-danger">{_v(_("Overdue"))}</span>'
    parts = []
    for row in rows:
        late = bool(row["overdue"])
        danger = ' class="table-danger"' if late else ""
        parts.append(
            f"\n          <tr{danger}>\n"
            f'            <td>{_v(row["office_label"])}</td><th scope="row">'
            f"{_v(row['kind_label'])}</th>\n"
            f'            <td class="text-end">{_v(row["waiting"])}</td>\n'
            f'            <td class="text-end">{_v(row["overdue"])}{badge if late else ""}</td>\n'
            f"            <td>{_v(row['oldest'])}</td>\n"
            f'            <td class="text-end">{_v(row["last_7"])}</td><td class="text-end">'
            f"{_v(row['last_30'])}</td>\n"
            f"            <td>{_v(row['median'])}</td>\n"
            "          </tr>\n        "
        )
    return _safe(parts)


def people(people: list[dict]) -> SafeString:
    if not people:
        return _safe(
            [
                '\n          <tr><td colspan="4">',
                _v(_("Nobody has taken an item.")),
                "</td></tr>\n        ",
            ]
        )
    return _safe(
        [
            f'\n          <tr><td>{_v(p["office_label"])}</td><th scope="row">{_v(p["name"])}</th>'
            f'<td class="text-end">{_v(p["open"])}</td><td class="text-end">{_v(p["overdue"])}'
            "</td></tr>\n        "
            for p in people
        ]
    )


def _dashes(line: dict) -> str:
    return f' stroke-dasharray="{_v(line["dashes"])}"' if line["dashes"] else ""


def chart_ticks(chart: dict) -> SafeString:
    y = _v(chart["label_y"])
    return _safe(
        [
            f'<text x="{_v(t["x"])}" y="{y}" text-anchor="middle" font-size="11" fill="#212529">'
            f"{_v(t['label'])}</text>"
            for t in chart["ticks"]
        ]
    )


def chart_lines(chart: dict) -> SafeString:
    return _safe(
        [
            f'<polyline fill="none" stroke="{_v(line["colour"])}" stroke-width="2"{_dashes(line)}'
            f' points="{_v(line["points"])}"/>'
            for line in chart["lines"]
        ]
    )


def chart_legend(chart: dict) -> SafeString:
    names = {"arrivals": _v(_("Arrivals")), "decisions": _v(_("Decisions"))}
    return _safe(
        [
            '<li class="list-inline-item"><svg width="24" height="10" aria-hidden="true"'
            ' focusable="false"><line x1="0" y1="5" x2="24" y2="5"'
            f' stroke="{_v(line["colour"])}" stroke-width="3"{_dashes(line)}/></svg>\n'
            f"          {names['arrivals'] if line['field'] == 'arrivals' else names['decisions']}"
            "</li>"
            for line in chart["lines"]
        ]
    )


def weeks(weeks: list[dict]) -> SafeString:
    return _safe(
        [
            f'<tr><th scope="row">{_v(long_date(w["week"]))}</th><td class="text-end">'
            f'{_v(w["arrivals"])}</td><td class="text-end">{_v(w["decisions"])}</td></tr>'
            for w in weeks
        ]
    )


def deadlines(deadlines: list[tuple], csrf_token: str) -> SafeString:
    """One form per kind: (kind, days, field name, field id) each."""
    csrf = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{conditional_escape(csrf_token)}">'
    )
    save = _v(_("Save"))
    marker = "kind-987654321"
    action = reverse("console:deadline", args=[marker])
    return _safe(
        [
            '\n        <li class="mb-2"><form method="post" action="'
            f'{conditional_escape(action.replace(marker, kind.key))}" class="d-flex flex-wrap'
            f' align-items-end gap-2" novalidate>{csrf}\n'
            f'          <div><label class="form-label" for="{_v(id_)}">{_v(kind.label)}</label>\n'
            '            <input class="form-control" type="number" min="1" max="60"'
            f' name="{_v(name)}" id="{_v(id_)}" value="{_v(days)}"></div>\n'
            f'          <button class="btn btn-outline-primary" type="submit">{save}</button>\n'
            "        </form></li>\n      "
            for kind, days, name, id_ in deadlines
        ]
    )
