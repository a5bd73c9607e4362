"""The licence management table's rows as plain strings, built once per request in Python:
the template only prints them (issue 19: per-row {% url %}, {% trans %}, includes, filters
and get_FOO_display cost more than the rest of the page).

User text (names, e-mails, "assigned to") stays plain text: the template escapes it."""

from datetime import date

from django.core.paginator import Page
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from licensing.codes import display
from licensing.models import Application, LicenceCode
from portal.lib.compiled import CompiledQuery
from portal.lib.paging import CountedPaginator
from portal.models import Group

_COLUMNS = (
    "pk",
    "code",
    "assigned_to",
    "assigned_on",
    "state",
    "application__state",
    "application__applicant__first_name",
    "application__applicant__last_name",
    "application__applicant__email",
    "application__certification__name_fr",
    "application__certification__name_en",
)


class _RowMaker:
    """What every row shares: the state labels, the language, the notes URL's two halves."""

    def __init__(self, group: Group):
        self.code_states = {value: str(label) for value, label in LicenceCode.State.choices}
        self.application_states = {value: str(label) for value, label in Application.State.choices}
        self.french = get_language() == "fr"
        # One reverse() for the table: "…/codes/0/notes/" split around the code's id.
        self.url_head, self.url_tail = reverse("licensing:code_notes", args=[group.pk, 0]).rsplit(
            "/0/", 1
        )

    def row(
        self,
        pk: int,
        code: str,
        assigned_to: str,
        assigned_on: date | None,
        state: str,
        application_state: str | None,
        first_name: str | None,
        last_name: str | None,
        email: str | None,
        certification_fr: str | None,
        certification_en: str | None,
    ) -> dict:
        has_application = application_state is not None
        full_name = f"{first_name} {last_name}".strip() if has_application else ""
        return {
            "pk": str(pk),
            "display": display(code),
            "assigned_to": assigned_to,
            "assigned_on": assigned_on.isoformat() if assigned_on else "",
            "state": self.code_states.get(state, state),
            "notes_url": f"{self.url_head}/{pk}/{self.url_tail}",
            "application": has_application,
            "employee": full_name or email,
            "email": email,
            "certification": certification_fr if self.french else certification_en,
            "progress": self.application_states.get(application_state or "", application_state),
            # The notes form's answer (htmx) sets these on its one row.
            "saved": False,
            "error": False,
            "invalid": False,
        }


def _codes(group_id: int, state: str = "") -> QuerySet:
    codes = LicenceCode.objects.filter(group_id=group_id)
    if state:
        codes = codes.filter(state=state)
    return codes.order_by("created_at", "id").values_list(*_COLUMNS)


_CODES = CompiledQuery(_codes, 1)
_CODES_IN_STATE = CompiledQuery(_codes, 2)


def code_page(
    group: Group, state: str, number, counts: dict[str, int], per_page: int
) -> tuple[Page, list[dict]]:
    """One page of the group's codes (filtered by state when it is one) and its rows: one
    statement compiled once per process, the count coming from `counts`
    (licensing.queries.code_counts)."""
    if state not in LicenceCode.State.values:
        state = ""
    paginator = CountedPaginator([], per_page, counts[state or "total"])
    wanted = paginator.get_page(number).number  # as the paginator reads `number`
    start = (wanted - 1) * per_page
    if state:
        rows = _CODES_IN_STATE.rows(group.pk, state, limit=per_page, offset=start)
    else:
        rows = _CODES.rows(group.pk, limit=per_page, offset=start)
    maker = _RowMaker(group)
    return Page(rows, wanted, paginator), [maker.row(*values) for values in rows]


def code_row(group: Group, code: LicenceCode) -> dict:
    """The row of one code as loaded for its notes form (the htmx answer), with what the
    form put on it."""
    application = code.application
    applicant = application.applicant if application else None
    certification = application.certification if application else None
    return _RowMaker(group).row(
        code.pk,
        code.code,
        code.assigned_to,
        code.assigned_on,
        code.state,
        application.state if application else None,
        applicant.first_name if applicant else None,
        applicant.last_name if applicant else None,
        applicant.email if applicant else None,
        certification.name_fr if certification else None,
        certification.name_en if certification else None,
    )


def state_options(state: str) -> SafeString:
    """The filter's <option>s of the codes' states, `state` chosen (as the template's loop)."""
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<option value="{escape(value)}" {"selected" if value == state else ""}>'
            f"{escape(label)}</option>"
            for value, label in LicenceCode.State.choices
        )
    )


def rows_html(rows: list[dict], csrf_input: str) -> SafeString:
    """The table's rows as the template of its loop gave them (whitespace included), built in
    Python once per request: for the page and for the notes form's htmx answer (one row).
    Every value escaped as `{{ }}` does."""
    copied, copy = escape(_("Copied")), escape(_("Copy"))
    assigned_to, assigned_on = escape(_("Assigned to (name)")), escape(_("Assignment date"))
    save, saved, invalid = escape(_("Save")), escape(_("Saved")), escape(_("Enter a valid date."))
    csrf = conditional_escape(csrf_input)
    parts = ["\n\n"]  # the template's first two lines (its labels, a comment)
    for code in rows:
        pk, display, url = escape(code["pk"]), escape(code["display"]), escape(code["notes_url"])
        if code["saved"]:
            status = f'<span class="text-success small" role="status">{saved}</span>'
        elif code["error"]:
            status = f'<span class="text-danger small" role="alert">{invalid}</span>'
        else:
            status = ""
        if code["application"]:
            employee: str = (
                f'{escape(code["employee"])}<br><span class="small text-body-secondary">'
                f"{escape(code['email'])}</span>"
            )
            certification: str = escape(code["certification"])
            progress: str = f'<span class="badge text-bg-info">{escape(code["progress"])}</span>'
        else:
            employee = certification = progress = "—"
        parts.append(
            f'<tr id="code-{pk}">\n'
            f'  <td><code class="fs-6 text-nowrap">{display}</code>\n'
            '    <button type="button" class="btn btn-sm btn-outline-secondary ms-1"'
            f' data-copy="{display}" data-copied="{copied}">{copy}<span class="visually-hidden">'
            f" {display}</span></button></td>\n"
            "  <td>\n"
            "    \n"
            f'    <label class="visually-hidden" for="id_c{pk}-assigned_to">{assigned_to}'
            f" {display}</label>\n"
            '    <input type="text" class="form-control form-control-sm code-name"'
            f' form="notes-{pk}" name="c{pk}-assigned_to" id="id_c{pk}-assigned_to"'
            f' value="{escape(code["assigned_to"])}" maxlength="120">\n'
            "  </td>\n"
            "  <td>\n"
            f'    <form method="post" id="notes-{pk}" action="{url}" hx-post="{url}"'
            f' hx-target="#code-{pk}" hx-swap="outerHTML" class="d-flex flex-wrap gap-1'
            ' align-items-center">\n'
            f"      {csrf}\n"
            f'      <label class="visually-hidden" for="id_c{pk}-assigned_on">{assigned_on}'
            f" {display}</label>\n"
            '      <input type="date" class="form-control form-control-sm code-date'
            f'{" is-invalid" if code["invalid"] else ""}" name="c{pk}-assigned_on"'
            f' id="id_c{pk}-assigned_on" value="{escape(code["assigned_on"])}">\n'
            f'      <button class="btn btn-sm btn-outline-primary">{save}<span'
            f' class="visually-hidden"> {display}</span></button>\n'
            f"      {status}\n"
            "    </form>\n"
            "  </td>\n"
            f"  <td>{escape(code['state'])}</td>\n"
            f"  <td>{employee}</td>\n"
            f"  <td>{certification}</td>\n"
            f"  <td>{progress}</td>\n"
            "</tr>\n"
        )
    parts.append("\n")  # the template's last line
    return mark_safe("".join(parts))  # noqa: S308 (every value escaped)
