"""The queue page's repeated parts as HTML built in Python, once per request (issue 19: the
template's loops, {% if %} and {% query %} per row cost more than the rest of the page). The
HTML is what console/queue.html's loops gave, whitespace included; every value is escaped
(user text, labels and links alike)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.console.templatetags.console_tags import query


def state_tabs(states, current: str, base: dict, decided_capped: bool) -> SafeString:
    """The state filters' <li>s: `states` is (key, label, count) each."""
    parts = []
    for key, label, count in states:
        active = current == key
        badge = "text-bg-danger" if key == "overdue" and count else "text-bg-light"
        plus = "+" if key == "decided" and decided_capped else ""
        parts.append(
            '\n        <li class="nav-item"><a class="nav-link'
            + (' active" aria-current="page"' if active else '" ')
            + f' href="{escape(query(base, state=key))}">{escape(label)} <span class="badge '
            f'{badge}">{escape(count)}{plus}</span></a></li>\n      '
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value escaped above)


def options(pairs, selected: str) -> SafeString:
    """<option>s for (value, label) pairs, `selected` chosen."""
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
            f"{escape(label)}</option>"
            for value, label in pairs
        )
    )


def rows(rows: list[dict], decided: bool) -> SafeString:
    """The table's rows (queries.queue_rows), or the line saying there are none."""
    if not rows:
        empty = _("Nothing was found.") if decided else _("Nothing is waiting.")
        return mark_safe(  # noqa: S308 (escaped)
            f'\n            <tr><td colspan="5" data-testid="queue-empty">{escape(empty)}</td>'
            "</tr>\n          "
        )
    parts = []
    if decided:
        for row in rows:
            parts.append(
                "\n            <tr>\n"
                f"              <td>{escape(row['decided'])}</td>\n"
                f'              <td><span class="d-block small text-body-secondary">'
                f'{escape(row["meta"])}</span><a href="{escape(row["url"])}">'
                f"{escape(row['title'])}</a></td>\n"
                f"              <td>{escape(row['outcome'])}</td>\n"
                f"              <td>{escape(row['decided_by'])}</td>\n"
                f'              <td class="small">{escape(row["note"])}</td>\n'
                "            </tr>\n          "
            )
        return mark_safe("".join(parts))  # noqa: S308 (every value escaped)
    overdue = escape(_("Overdue"))
    you = f"<strong>{escape(_('You'))}</strong>"
    nobody = f'<span class="text-body-secondary">{escape(_("Nobody"))}</span>'
    for row in rows:
        late = row["overdue"]
        badge = (
            f'<br><span class="badge text-bg-danger" data-testid="overdue">{overdue}</span>'
            if late
            else ""
        )
        organisation = (
            f'<br><span class="small text-body-secondary">{escape(row["organisation"])}</span>'
            if row["organisation"]
            else ""
        )
        if row["you"]:
            assigned = you
        elif row["assigned"]:
            assigned = escape(row["assignee"])
        else:
            assigned = nobody
        danger = ' class="table-danger"' if late else ""
        parts.append(
            f"\n            <tr{danger}>\n"
            f'              <td class="text-nowrap">{escape(row["due"])}{badge}</td>\n'
            f'              <td><span class="d-block small text-body-secondary">'
            f'{escape(row["meta"])}</span><a href="{escape(row["url"])}">'
            f"{escape(row['title'])}</a></td>\n"
            f"              <td>{escape(row['applicant'])}{organisation}</td>\n"
            f"              <td>{assigned}</td>\n"
            f'              <td class="text-nowrap">{escape(row["arrived"])}</td>\n'
            "            </tr>\n          "
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value escaped)
