"""The office's exam queue as plain strings, built once per request in Python (issue 19):
one statement for the page and its total, one reverse() for the forms' URLs, the labels
looked up once. Names and e-mails stay plain text: the template escapes them."""

from django.core.paginator import Page
from django.urls import reverse
from django.utils.translation import get_language

from licensing.models import Application
from licensing.queries import staff_exam_queue
from portal.lib.compiled import CompiledQuery
from portal.lib.paging import TOTAL, page_of, with_total

PER_PAGE = 50
_COLUMNS = (
    "pk",
    "state",
    "applicant__first_name",
    "applicant__last_name",
    "applicant__email",
    "certification__name_fr",
    "certification__name_en",
)
_QUEUE = CompiledQuery(lambda: with_total(staff_exam_queue()).values_list(*_COLUMNS, TOTAL))


def exam_page(number) -> tuple[Page, list[dict]]:
    page = page_of(_QUEUE, (), number, lambda: staff_exam_queue().count(), PER_PAGE)
    states = {value: str(label) for value, label in Application.State.choices}
    french = get_language() == "fr"
    # "…/staff/exams/0/" split around the application's id.
    head, tail = reverse("licensing:staff_exam_record", args=[0]).rsplit("/0/", 1)
    rows = [
        {
            "pk": str(pk),
            "employee": f"{first_name} {last_name}".strip() or email,
            "email": email,
            "certification": name_fr if french else name_en,
            "progress": states.get(state, state),
            "waiting_for_course": state == Application.State.REDEEMED,
            "record_url": f"{head}/{pk}/{tail}",
        }
        for pk, state, first_name, last_name, email, name_fr, name_en in page.object_list
    ]
    return page, rows
