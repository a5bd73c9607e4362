"""L4, L5: applying, the office's decision, and redeeming a code once, ever."""

import pytest
from django.core import mail
from django.utils import timezone

from credentials.models import Credential
from licensing import services
from licensing.errors import LicensingError
from licensing.models import Application, LicenceCode
from tests.licensing.helpers import (
    apply,
    approved,
    buy_by_invoice,
    company,
    decide,
    document,
    employee,
    office,
    reference_data,
    representative,
    shift_window,
    unused_code,
)
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db


@pytest.fixture
def codes():
    group = company()
    buy_by_invoice(group, representative(group), 5)
    return group


def test_applying_needs_the_introductory_course():
    from tests.factories import UserFactory

    with pytest.raises(LicensingError, match="introductory course"):
        apply(UserFactory())


def test_an_application_with_a_code_puts_it_in_use_and_opens_a_review(codes):
    code = unused_code(codes)
    application = apply(employee(), code.display.lower())
    code.refresh_from_db()
    assert code.state == LicenceCode.State.IN_USE and code.application == application
    from portal.models import Review

    review = Review.objects.get(subject_id=application.pk, kind=services.APPLICATION_REVIEW)
    assert review.staff_role == "certification_office"


def test_a_code_named_by_someone_else_is_refused_at_application(codes):
    code = unused_code(codes)
    apply(employee(), code.code)
    with pytest.raises(LicensingError, match="already used"):
        apply(employee(), code.code)
    assert Application.objects.count() == 1  # the refused one rolled back


def test_one_open_application_per_certification():
    user = employee()
    apply(user)
    with pytest.raises(LicensingError, match="already have"):
        apply(user)


def test_approval_opens_a_90_day_window_and_emails_the_date(django_capture_on_commit_callbacks):
    user = employee(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        application = decide(apply(user))
    assert application.state == Application.State.APPROVED
    assert (application.window_closes_on - timezone.localdate()).days == 90
    subjects = [m.subject for m in mail.outbox if m.to == [user.email]]
    assert "Your certification application is approved" in subjects
    body = next(
        m.body for m in mail.outbox if "approved" in m.subject and "certification" in m.subject
    )
    assert application.window_closes_on.strftime("%Y") in body


def test_refusal_gives_the_code_back_to_the_company(codes, django_capture_on_commit_callbacks):
    code = unused_code(codes)
    user = employee()
    with django_capture_on_commit_callbacks(execute=True):
        application = decide(apply(user, code.code), "refuse", note="Expérience insuffisante.")
    code.refresh_from_db()
    assert application.state == Application.State.REFUSED
    assert code.state == LicenceCode.State.UNUSED and code.application is None
    assert any("Expérience insuffisante." in m.body for m in mail.outbox if m.to == [user.email])
    # …and someone else may use it.
    other = approved(code=code.code)
    services.code_redeem(application=other, typed=code.code, actor=other.applicant)


def test_changes_requested_then_sent_again():
    application = decide(apply(employee()), "request_changes", note="Ajoutez une lettre.")
    assert application.state == Application.State.CHANGES_REQUESTED
    services.application_resubmit(
        application=application, actor=application.applicant, documents=[document("lettre.pdf")]
    )
    application.refresh_from_db()
    assert application.state == Application.State.APPLIED
    assert decide(application).state == Application.State.APPROVED


def test_redeeming_unlocks_course_and_exam_and_certification_is_a_credential(codes):
    code = unused_code(codes)
    application = approved()
    redeemed = services.code_redeem(
        application=application,
        typed=code.display.replace("-", " ").lower(),
        actor=application.applicant,
    )
    assert redeemed.state == LicenceCode.State.REDEEMED and redeemed.application == application
    application.refresh_from_db()
    assert application.state == Application.State.REDEEMED
    services.course_complete(application=application, actor=application.applicant)
    staff = office()
    services.exam_record(application=application, passed=False, actor=staff)
    application = services.exam_record(application=application, passed=True, actor=staff)
    credential = Credential.objects.get(holder=application.applicant)
    assert credential.source == Credential.Source.ISSUED
    assert credential.type == application.certification
    assert application.state == Application.State.CERTIFIED


def test_the_code_named_at_application_is_the_one_redeemed_or_another_is_freed(codes):
    first, second = LicenceCode.objects.filter(group=codes).order_by("pk")[:2]
    application = approved(code=first.code)
    services.code_redeem(application=application, typed=second.code, actor=application.applicant)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == LicenceCode.State.UNUSED and second.state == LicenceCode.State.REDEEMED


def test_redeeming_is_refused_before_approval(codes):
    application = apply(employee())
    with pytest.raises(LicensingError, match="approved"):
        services.code_redeem(
            application=application, typed=unused_code(codes).code, actor=application.applicant
        )


def test_redeeming_is_refused_after_refusal(codes):
    application = decide(apply(employee()), "refuse", note="Non.")
    with pytest.raises(LicensingError, match="approved"):
        services.code_redeem(
            application=application, typed=unused_code(codes).code, actor=application.applicant
        )


def test_redeeming_is_refused_once_the_window_is_over(codes):
    application = approved()
    shift_window(application, -1)
    code = unused_code(codes)
    with pytest.raises(LicensingError, match="90 days"):
        services.code_redeem(application=application, typed=code.code, actor=application.applicant)
    code.refresh_from_db()
    assert code.state == LicenceCode.State.UNUSED
    shift_window(application, 0)  # the last day still counts
    services.code_redeem(application=application, typed=code.code, actor=application.applicant)


def test_a_code_is_redeemed_once_ever(codes):
    code = unused_code(codes)
    first = approved()
    services.code_redeem(application=first, typed=code.code, actor=first.applicant)
    second = approved()
    with pytest.raises(LicensingError, match="already been used"):
        services.code_redeem(application=second, typed=code.code, actor=second.applicant)


def test_a_code_in_use_by_another_application_cannot_be_redeemed(codes):
    code = unused_code(codes)
    apply(employee(), code.code)
    other = approved()
    with pytest.raises(LicensingError, match="already been used"):
        services.code_redeem(application=other, typed=code.code, actor=other.applicant)


def test_wrong_and_malformed_codes(codes):
    application = approved()
    code = unused_code(codes)
    typo = code.code[:-1] + ("0" if code.code[-1] != "0" else "1")
    with pytest.raises(LicensingError, match="typing mistake"):
        services.code_redeem(application=application, typed=typo, actor=application.applicant)
    with pytest.raises(LicensingError, match="16"):
        services.code_redeem(application=application, typed="ABC-123", actor=application.applicant)


def test_the_database_refuses_an_inconsistent_code(codes):
    from django.db import IntegrityError, transaction

    code = unused_code(codes)
    with pytest.raises(IntegrityError), transaction.atomic():
        LicenceCode.objects.filter(pk=code.pk).update(state="redeemed")
    with pytest.raises(IntegrityError), transaction.atomic():
        LicenceCode.objects.create(group=codes, code="ILOU" * 4)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_employees_redeeming_the_same_code_at_once(attempt):
    reference_data()
    group = company()
    buy_by_invoice(group, representative(group), 5)
    code = unused_code(group)
    applications = [approved(), approved()]

    def redeem(application):
        return lambda: services.code_redeem(
            application=application, typed=code.code, actor=application.applicant
        )

    results = run_concurrently(*(redeem(a) for a in applications), refused=(LicensingError,))
    outcomes = ["refused" if isinstance(r, LicensingError) else "won" for r in results]
    assert sorted(outcomes) == ["refused", "won"]
    code.refresh_from_db()
    assert code.state == LicenceCode.State.REDEEMED
    states = sorted(Application.objects.values_list("state", flat=True))
    assert states == ["approved", "redeemed"]
