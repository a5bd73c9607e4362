"""The licensing pages: allowed, forbidden (role), foreign (404), wrong method, bad input,
and the same number of queries for 1 and 50 rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from licensing import services
from licensing.models import Application, LicenceCode
from tests.factories import UserFactory, make_member
from tests.licensing.helpers import (
    PDF,
    apply,
    approved,
    buy_by_invoice,
    company,
    decide,
    document,
    employee,
    office,
    representative,
    unused_code,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return company()


@pytest.fixture
def rep(group):
    return representative(group)


def test_buy_accepts_5_to_100_and_refuses_4_and_101_with_a_clear_message(client, group, rep):
    client.force_login(rep)
    url = f"/en/licensing/groups/{group.pk}/buy/"
    for quantity in (4, 101):
        response = client.post(url, {"quantity": quantity})
        assert response.status_code == 200
        assert b"An order has from 5 to 100 licences" in response.content
    assert client.post(url, {"quantity": "five"}).status_code == 200
    response = client.post(url, {"quantity": 100})
    assert response.status_code == 302 and response["Location"].endswith(
        f"/billing/groups/{group.pk}/checkout/"
    )
    assert client.get(url).status_code == 200


def test_the_invoice_path_through_the_pages_delivers_the_codes(client, group, rep):
    client.force_login(rep)
    client.post(f"/en/licensing/groups/{group.pk}/buy/", {"quantity": 5})
    checkout = f"/en/billing/groups/{group.pk}/checkout/"
    page = client.get(checkout)
    assert b"Mine supervisor certification licence" in page.content
    missing = client.post(checkout, {"address": "new"})
    assert b"This field is required for a new address." in missing.content
    bad_postal = client.post(
        checkout,
        {
            "address": "new",
            "name": "A",
            "street_address": "1 rue",
            "city": "Québec",
            "province": "QC",
            "postal_code": "12345",
        },
    )
    assert b"Enter a postal code like" in bad_postal.content
    response = client.post(
        checkout,
        {
            "address": "new",
            "name": "Comptabilité",
            "street_address": "1 rue",
            "city": "Québec",
            "province": "QC",
            "postal_code": "g1r4s9",
            "po_number": "PO-1",
            "invoice_note": "Projet X",
        },
    )
    assert response.status_code == 302
    review = client.get(response["Location"])
    assert b"287.44" in review.content and b"QST" in review.content and b"G1R 4S9" in review.content
    placed = client.post(response["Location"], {"method": "invoice", "terms": "on"})
    assert placed.status_code == 302
    detail = client.get(placed["Location"])
    assert b"Invoiced (net 30)" in detail.content
    assert LicenceCode.objects.filter(group=group).count() == 5
    company_page = client.get(f"/en/licensing/groups/{group.pk}/")
    assert b"<td>5</td><td>5</td><td>0</td><td>0</td>" in company_page.content


def test_only_members_with_the_codes_role_see_the_codes(client, group, rep):
    buy_by_invoice(group, rep)
    finance, plain, coordinator = UserFactory(), UserFactory(), UserFactory()
    make_member(finance, group, ["licensing.finance"])
    make_member(plain, group, [])
    make_member(coordinator, group, ["licensing.codes"])
    code = unused_code(group)
    for user, expected in ((rep, 200), (coordinator, 200), (finance, 403), (plain, 403)):
        client.force_login(user)
        assert client.get(f"/en/licensing/groups/{group.pk}/codes/").status_code == expected
        assert client.get(f"/en/licensing/groups/{group.pk}/codes.csv").status_code == expected
    client.force_login(plain)
    page = client.get(f"/en/licensing/groups/{group.pk}/")
    assert page.status_code == 200 and code.display.encode() not in page.content
    assert client.get(f"/en/licensing/groups/{group.pk}/buy/").status_code == 403
    client.force_login(UserFactory())
    assert client.get(f"/en/licensing/groups/{group.pk}/codes/").status_code == 404


def test_management_table_shows_codes_notes_and_progress(client, group, rep):
    buy_by_invoice(group, rep)
    code = unused_code(group)
    application = apply(employee(first_name="Gaston", last_name="Lagaffe"), code.code)
    client.force_login(rep)
    page = client.get(f"/en/licensing/groups/{group.pk}/codes/")
    content = page.content.decode()
    assert code.display in content and f'data-copy="{code.display}"' in content
    assert "Gaston Lagaffe" in content and "Applied" in content
    assert "5 licences: 4 unused, 1 in use, 0 redeemed." in content
    filtered = client.get(f"/en/licensing/groups/{group.pk}/codes/?state=in_use").content.decode()
    assert filtered.count('data-copy="') == 1
    decide(application)
    services.code_redeem(application=application, typed=code.code, actor=application.applicant)
    assert "Code redeemed" in client.get(f"/en/licensing/groups/{group.pk}/codes/").content.decode()


def test_notes_are_saved_by_htmx_and_never_bind_the_code(client, group, rep):
    buy_by_invoice(group, rep)
    code = unused_code(group)
    client.force_login(rep)
    url = f"/en/licensing/groups/{group.pk}/codes/{code.pk}/notes/"
    prefix = f"c{code.pk}"
    response = client.post(
        url,
        {f"{prefix}-assigned_to": "Marie Curie", f"{prefix}-assigned_on": "2026-11-20"},
        HTTP_HX_REQUEST="true",
    )
    assert (
        response.status_code == 200 and b"Saved" in response.content and b"<tr" in response.content
    )
    code.refresh_from_db()
    assert code.assigned_to == "Marie Curie" and str(code.assigned_on) == "2026-11-20"
    assert code.state == LicenceCode.State.UNUSED
    bad = client.post(
        url,
        {f"{prefix}-assigned_to": "X", f"{prefix}-assigned_on": "not a date"},
        HTTP_HX_REQUEST="true",
    )
    assert b"Enter a valid date." in bad.content and b"is-invalid" in bad.content
    assert b'value="X"' in bad.content and b'value="2026-11-20"' in bad.content  # as typed
    assert client.get(url).status_code == 405
    # The plain form (without htmx) redirects back to the table.
    assert client.post(url, {f"{prefix}-assigned_to": "Y"}).status_code == 302


def test_csv_export(client, group, rep):
    buy_by_invoice(group, rep)
    code = unused_code(group)
    apply(employee(first_name="Ana", last_name="Roy"), code.code)
    client.force_login(rep)
    response = client.get(f"/en/licensing/groups/{group.pk}/codes.csv")
    body = b"".join(response.streaming_content).decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("\ufeffCode,State") and len(lines) == 6
    assert any(code.display in line and "Ana Roy" in line and "Applied" in line for line in lines)


def test_codes_table_pages_follow_the_state_filter(client, group, rep):
    services.codes_create(group=group, count=101)
    client.force_login(rep)
    url = f"/en/licensing/groups/{group.pk}/codes/"
    first = client.get(url, {"state": "unused"}).content.decode()
    assert first.count('data-copy="') == 100 and "Page 1 of 2" in first
    second = client.get(url, {"state": "unused", "page": 2}).content.decode()
    assert second.count('data-copy="') == 1 and "Page 2 of 2" in second
    none_in_use = client.get(url, {"state": "in_use"}).content.decode()
    assert "No licence yet." in none_in_use and "Page 1 of" not in none_in_use


def test_codes_table_query_count_does_not_grow_with_rows(client, group, rep):
    client.force_login(rep)
    services.codes_create(group=group, count=1)
    url = f"/en/licensing/groups/{group.pk}/codes/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    services.codes_create(group=group, count=49)
    for code in LicenceCode.objects.filter(group=group)[:10]:
        apply(employee(), code.code)
    with CaptureQueriesContext(connection) as fifty:
        assert client.get(url).status_code == 200
    assert len(one) == len(fifty)


def test_employee_journey_pages(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/en/licensing/apply/").status_code == 302  # the course comes first
    assert b"The eight certifications" in client.get("/en/licensing/course/").content
    assert client.post("/en/licensing/course/").status_code == 302
    form = client.get("/en/licensing/apply/")
    assert b"Supervisor, level II \xe2\x80\x93 surface" in form.content
    from licensing.queries import certifications

    cert = certifications().first()
    bad = client.post(
        "/en/licensing/apply/",
        {
            "certification": cert.pk,
            "qualifications": SimpleUploadedFile("cv.pdf", b"not a pdf"),
            "identity": SimpleUploadedFile("id.pdf", PDF),
        },
    )
    assert bad.status_code == 200 and b"This type of file is not accepted" in bad.content
    wrong_code = client.post(
        "/en/licensing/apply/",
        {
            "certification": cert.pk,
            "qualifications": document(),
            "identity": document("id.pdf"),
            "code": "ABCD-EFGH-JKMN-PQRS",
        },
    )
    assert b"typing mistake" in wrong_code.content
    assert not Application.objects.exists()
    response = client.post(
        "/en/licensing/apply/",
        {
            "certification": cert.pk,
            "qualifications": document(),
            "identity": document("id.pdf"),
        },
    )
    application = Application.objects.get(applicant=user)
    assert response["Location"].endswith(f"/licensing/applications/{application.pk}/")
    page = client.get(response["Location"])
    assert b"is reviewing your application" in page.content and b"experience.pdf" in page.content
    assert client.get(f"/en/licensing/applications/{application.pk}/course/").status_code == 302


def test_redeem_page_shows_errors_and_success(client, group, rep):
    buy_by_invoice(group, rep)
    code = unused_code(group)
    application = approved()
    client.force_login(application.applicant)
    url = f"/en/licensing/applications/{application.pk}/redeem/"
    page = client.get(f"/en/licensing/applications/{application.pk}/")
    assert application.window_closes_on.strftime("%Y").encode() in page.content
    typo = code.code[:5] + ("Z" if code.code[5] != "Z" else "Y") + code.code[6:]
    response = client.post(url, {"code": typo})
    assert response.status_code == 400 and b"typing mistake" in response.content
    assert client.post(url, {"code": ""}).status_code == 400
    response = client.post(url, {"code": code.display.lower()})
    assert response.status_code == 302
    assert client.post(url, {"code": code.code}).status_code == 400
    course = f"/en/licensing/applications/{application.pk}/course/"
    assert b"Module 1" in client.get(course).content
    client.post(course)
    application.refresh_from_db()
    assert application.state == Application.State.COURSE_COMPLETED
    # Another employee cannot open this application.
    client.force_login(employee())
    assert client.get(f"/en/licensing/applications/{application.pk}/").status_code == 404
    assert client.post(url, {"code": code.code}).status_code == 404


def test_staff_record_exam_results(client):
    application = approved()
    group = company()
    buy_by_invoice(group, representative(group))
    services.code_redeem(
        application=application, typed=unused_code(group).code, actor=application.applicant
    )
    services.course_complete(application=application, actor=application.applicant)
    staff = office()
    client.force_login(staff)
    url = f"/en/licensing/staff/exams/{application.pk}/"
    queue = client.get("/en/licensing/staff/exams/").content.decode()
    assert "Exam results" in queue and f'<form method="post" action="{url}"' in queue
    assert f'for="p{application.pk}">Passed</label>' in queue
    client.post(url, {"result": "maybe"})
    application.refresh_from_db()
    assert application.state == Application.State.COURSE_COMPLETED
    client.post(url, {"result": "pass"})
    application.refresh_from_db()
    assert application.state == Application.State.CERTIFIED
    client.post(url, {"result": "fail"})  # a second result is refused
    application.refresh_from_db()
    assert application.state == Application.State.CERTIFIED
    client.force_login(UserFactory(staff_role="regulator"))
    assert client.get("/en/licensing/staff/exams/").status_code == 404


def test_staff_exam_queue_query_count(client):
    staff = office()
    client.force_login(staff)
    group = company()
    buy_by_invoice(group, representative(group), 60)

    def add(n):
        for _ in range(n):
            application = approved()
            services.code_redeem(
                application=application, typed=unused_code(group).code, actor=application.applicant
            )

    add(1)
    client.get("/en/licensing/staff/exams/")
    with CaptureQueriesContext(connection) as one:
        client.get("/en/licensing/staff/exams/")
    add(49)
    with CaptureQueriesContext(connection) as fifty:
        client.get("/en/licensing/staff/exams/")
    assert len(one) == len(fifty)


def test_review_panel_in_the_office_inbox(client):
    application = apply(employee(first_name="Zoé"))
    from portal.models import Review

    review = Review.objects.get(subject_id=application.pk, kind=services.APPLICATION_REVIEW)
    client.force_login(office())
    page = client.get(f"/en/staff/reviews/{review.pk}/")
    assert page.status_code == 200
    assert b"experience.pdf" in page.content and b"Introductory course" in page.content


def test_company_registration_and_dashboard(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/en/licensing/companies/new/",
        {
            "kind": "company",
            "legal_name": "Forages du Nord inc.",
            "registry_number": "1170000099",
            "street_address": "1 rue",
            "city": "Val-d'Or",
            "province": "QC",
            "postal_code": "J9P 1A1",
            "phone": "819-555-0100",
            "service": "jobboard",
        },
    )
    assert response.status_code == 302
    from portal.models import Group

    assert Group.objects.get(organisation__legal_name="Forages du Nord inc.").service == "licensing"
    home = client.get("/en/licensing/")
    assert b"Forages du Nord inc." in home.content and b"Awaiting approval" in home.content
    from licensing.apps import participates

    assert not participates(user)
    services.intro_course_complete(user=user)
    assert participates(user)


def test_guessing_codes_is_stopped_after_ten_wrong_ones(client, group, rep):
    buy_by_invoice(group, rep)
    code = unused_code(group)
    application = approved()
    client.force_login(application.applicant)
    url = f"/en/licensing/applications/{application.pk}/redeem/"
    from licensing import codes as codebook

    for _ in range(10):
        response = client.post(url, {"code": codebook.generate()})
        assert b"does not exist" in response.content
    response = client.post(url, {"code": code.code})
    assert response.status_code == 400 and b"Too many tries. Wait" in response.content
    code.refresh_from_db()
    assert code.state == LicenceCode.State.UNUSED


def test_a_user_told_to_wait_does_not_stop_a_colleague_at_the_same_address(client, group, rep):
    from licensing import codes as codebook

    buy_by_invoice(group, rep)
    code = unused_code(group)
    office = {"REMOTE_ADDR": "198.51.100.9"}
    guesser, colleague = approved(), approved()
    client.force_login(guesser.applicant)
    for _ in range(services.CODE_PER_USER.limit):
        client.post(
            f"/fr/licensing/applications/{guesser.pk}/redeem/",
            {"code": codebook.generate()},
            **office,
        )
    response = client.post(
        f"/fr/licensing/applications/{guesser.pk}/redeem/", {"code": code.code}, **office
    )
    assert "Trop d’essais. Attendez" in response.content.decode()
    client.force_login(colleague.applicant)
    response = client.post(
        f"/fr/licensing/applications/{colleague.pk}/redeem/", {"code": code.code}, **office
    )
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.state == LicenceCode.State.REDEEMED


def test_outsiders_trying_a_used_code_do_not_lock_out_an_honest_employee(client, group, rep):
    """Issue 18: six outsider accounts typing a used code of a company again and again (each
    below their own limit) must not refuse an employee of that company with an unused code."""
    buy_by_invoice(group, rep)
    used = unused_code(group)
    first = approved()
    services.code_redeem(application=first, typed=used.code, actor=first.applicant)
    for n in range(6):
        outsider = approved()
        client.force_login(outsider.applicant)
        for _ in range(services.CODE_PER_USER.limit):
            response = client.post(
                f"/en/licensing/applications/{outsider.pk}/redeem/",
                {"code": used.code},
                REMOTE_ADDR=f"192.0.2.{n + 1}",
            )
            assert b"already been used" in response.content
    honest = approved()
    client.force_login(honest.applicant)
    code = unused_code(group)
    response = client.post(
        f"/en/licensing/applications/{honest.pk}/redeem/",
        {"code": code.code},
        REMOTE_ADDR="192.0.2.50",
    )
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.state == LicenceCode.State.REDEEMED


def test_a_redeemed_code_is_not_counted(client, group, rep):
    """Only refused codes count: a code that works gives its try back."""
    from licensing import codes as codebook

    buy_by_invoice(group, rep)
    application = approved()
    client.force_login(application.applicant)
    url = f"/en/licensing/applications/{application.pk}/redeem/"
    for _ in range(3):
        client.post(url, {"code": codebook.generate()})
    assert client.post(url, {"code": unused_code(group).code}).status_code == 302
    assert services.CODE_PER_USER.count(application.applicant.pk) == 3
