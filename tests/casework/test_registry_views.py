"""The registry pages: allowed, refused and foreign access, and the refused paths of the
issue that belong to the registries (S2–S4, item 9)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from casework.models import (
    Client,
    ClientAccess,
    Consent,
    DuplicateSuspicion,
    Employer,
    EmployerYearForm,
    Provider,
)
from casework.registry import services as registry
from tests.casework.helpers import make_client, make_employer, pdf
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Pages in English (/en/ URLs); the French catalog has its own test."""
    with translation.override("en"):
        yield


def _url(name, providers, **kwargs):
    return reverse(f"casework:{name}", kwargs={"group_id": providers.a.group.pk, **kwargs})


def _details(**overrides):
    data = {
        "first_name": "Émilie",
        "last_name": "Gagnon",
        "birth_date": "2008-05-14",
        "language": "fr",
        "city": "Sudbury",
        "phone": "705-555-0101",
        "email": "emilie@example.org",
    }
    data.update(overrides)
    return data


def test_search_then_register_through_every_page(client, providers):
    client.force_login(providers.worker_a)
    page = client.get(_url("clients", providers), {"name": "Emilie Gagnon"})
    assert "No client matches this search." in page.content.decode()
    response = client.post(_url("client_new", providers), _details())
    new = Client.objects.get()
    assert response.url == _url("client_education", providers, pk=new.pk)
    client.post(
        _url("client_education", providers, pk=new.pk),
        {
            "level": "secondary",
            "institution": "École secondaire Macdonald-Cartier",
            "start_date": "2022-09-01",
        },
    )
    client.post(
        _url("client_employment", providers, pk=new.pk),
        {
            "employer_name": "Ferme Roy",
            "position": "Picker",
            "start_date": "2025-07-01",
            "end_date": "2025-08-15",
        },
    )
    refused = client.post(_url("client_income", providers, pk=new.pk), {})
    assert "Choose the client&#x27;s income source." in refused.content.decode()
    client.post(_url("client_income", providers, pk=new.pk), {"income_source": "no_income"})
    consent_page = client.get(_url("client_consent", providers, pk=new.pk))
    assert "Legal authority" in consent_page.content.decode()
    no_presence = client.post(
        _url("client_consent", providers, pk=new.pk),
        {"signed_on": "2026-04-02", "notice_version": 1, "signed_file": pdf()},
    )
    assert "explained and signed in your presence" in no_presence.content.decode()
    client.post(
        _url("client_consent", providers, pk=new.pk),
        {
            "explained_in_presence": "on",
            "signed_on": "2026-04-02",
            "notice_version": 1,
            "signed_file": pdf(),
        },
    )
    new.refresh_from_db()
    assert new.income_source == "no_income"
    assert new.education.count() == 1 and new.employment.count() == 1
    consent = Consent.objects.get()
    assert consent.notice.version == 1 and consent.signed_file.attached_to == consent
    assert b"SIN" not in consent_page.content and "insurance number" not in str(_details())


def test_exact_duplicate_refused_on_the_page(client, providers):
    make_client(providers.b, providers.worker_b)
    client.force_login(providers.worker_a)
    response = client.post(_url("client_new", providers), _details(first_name="EMILIE"))
    assert "already registered with this name and birth date" in response.content.decode()
    assert Client.objects.count() == 1


def test_near_duplicate_needs_the_confirmation_and_a_reason(client, providers):
    existing = make_client(providers.b, providers.worker_b)
    client.force_login(providers.worker_a)
    stopped = client.post(_url("client_new", providers), _details(first_name="Emily"))
    assert "Is it one of these people?" in stopped.content.decode()
    assert existing.full_name in stopped.content.decode()
    assert Client.objects.count() == 1
    no_reason = client.post(
        _url("client_new", providers), _details(first_name="Emily", different_person="on")
    )
    assert "Say why this is a different person." in no_reason.content.decode()
    assert Client.objects.count() == 1
    client.post(
        _url("client_new", providers),
        _details(first_name="Emily", different_person="on", reason="Other parents"),
    )
    assert Client.objects.count() == 2
    assert DuplicateSuspicion.objects.get().similar_to == existing


def test_other_provider_sees_only_the_minimal_view(client, providers):
    theirs = make_client(providers.b, providers.worker_b)
    client.force_login(providers.worker_a)
    page = client.get(_url("client", providers, pk=theirs.pk)).content.decode()
    assert "Gagnon" in page and "2008" in page and "Sudbury" in page
    assert "705-555-0101" not in page and "emilie@example.org" not in page
    assert "May 14" not in page and "14 May" not in page
    assert not ClientAccess.objects.exists()
    for name in (
        "client_edit",
        "client_education",
        "client_employment",
        "client_income",
        "client_consent",
    ):
        assert client.get(_url(name, providers, pk=theirs.pk)).status_code == 404
    assert client.post(_url("client_verify_age", providers, pk=theirs.pk)).status_code == 404


def test_serving_opens_the_full_file_and_logs_each_view(client, providers):
    theirs = make_client(providers.b, providers.worker_b)
    client.force_login(providers.worker_a)
    refused = client.post(_url("client_serve", providers, pk=theirs.pk), {})
    assert refused.status_code == 302 and not registry.client_full_access(
        providers.worker_a, theirs
    )
    client.post(_url("client_serve", providers, pk=theirs.pk), {"confirm": "on"})
    page = client.get(_url("client", providers, pk=theirs.pk)).content.decode()
    assert "705-555-0101" in page
    access = ClientAccess.objects.get()
    assert (access.user, access.group, access.client) == (
        providers.worker_a,
        providers.a.group,
        theirs,
    )
    assert "Who viewed the full file" in page


def test_consent_withdrawal_on_the_page(client, providers):
    mine = make_client(providers.a, providers.worker_a)
    consent = registry.consent_record(
        client=mine,
        group=providers.a.group,
        actor=providers.worker_a,
        notice=registry.notice_current(),
        signed_on=datetime.date(2026, 4, 2),
        upload=pdf(),
    )
    client.force_login(providers.worker_a)
    url = _url("consent_withdraw", providers, pk=mine.pk, consent_id=consent.pk)
    client.post(url, {"note": ""})
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    client.post(url, {"note": "Called on 3 May"})
    consent.refresh_from_db()
    assert consent.withdrawn_at and Consent.objects.count() == 1
    page = client.get(_url("client", providers, pk=mine.pk)).content.decode()
    assert "Withdrawn" in page


def test_age_verified_by_whom(client, providers):
    mine = make_client(providers.a, providers.worker_a)
    client.force_login(providers.worker_a)
    client.post(_url("client_verify_age", providers, pk=mine.pk))
    mine.refresh_from_db()
    assert mine.age_verified_by == providers.worker_a


def test_employer_registered_twice_refused_on_the_page(client, providers):
    make_employer(providers.b, providers.worker_b)
    client.force_login(providers.worker_a)
    response = client.post(
        _url("employer_new", providers),
        {"legal_name": "Autre nom", "business_number": "123 456 789", "city": "Sudbury"},
    )
    assert "already registered" in response.content.decode()
    assert Employer.objects.count() == 1


def test_employer_close_name_needs_a_confirmation(client, providers):
    make_employer(providers.b, providers.worker_b)
    client.force_login(providers.worker_a)
    data = {"legal_name": "Boulangerie du Nord", "business_number": "987654321", "city": "Sudbury"}
    warned = client.post(_url("employer_new", providers), data)
    assert "close name" in warned.content.decode()
    assert Employer.objects.count() == 1
    client.post(_url("employer_new", providers), {**data, "confirm_new": "on"})
    assert Employer.objects.count() == 2


def test_bad_business_number_refused(client, providers):
    client.force_login(providers.worker_a)
    response = client.post(
        _url("employer_new", providers),
        {"legal_name": "X", "business_number": "12345", "city": "Sudbury"},
    )
    assert "9 digits" in response.content.decode()
    assert not Employer.objects.exists()


def test_year_form_once_per_year_on_the_page(client, providers):
    employer = make_employer(providers.a, providers.worker_a)
    client.force_login(providers.worker_a)
    url = _url("employer_form_new", providers, pk=employer.pk)
    year = datetime.date.today().year
    data = {
        "year": year,
        "sector": "Food",
        "employees": 12,
        "positions_offered": 2,
        "wsib_covered": "on",
        "signer_name": "Luc Roy",
        "signer_title": "Owner",
        "signed_on": datetime.date.today().isoformat(),
    }
    assert "signed_file" in client.post(url, data).context["form"].errors
    client.post(url, {**data, "signed_file": pdf()})
    again = client.post(url, {**data, "signed_file": pdf()}, follow=True)
    assert "already has its form for this year" in again.content.decode()
    assert EmployerYearForm.objects.count() == 1
    found = client.get(_url("employers", providers), {"q": "boulangerie"}).content.decode()
    assert "Received" in found


def test_worker_without_the_clients_permission_is_refused(client, providers):
    from tests.casework.helpers import make_worker

    nobody = make_worker(providers.a, roles=())
    client.force_login(nobody)
    assert client.get(_url("clients", providers), {"name": "x"}).status_code == 403
    assert client.get(_url("employers", providers), {"q": "x"}).status_code == 403
    assert client.get(_url("service_points", providers)).status_code == 200


def test_ministry_creates_a_provider_with_seats_and_service_points(client, providers):
    client.force_login(providers.ministry)
    response = client.post(
        reverse("casework:provider_new"),
        {"legal_name": "Emploi Nord", "seats": 4, "city": "Hearst"},
    )
    provider = Provider.objects.get(group__organisation__legal_name="Emploi Nord")
    assert provider.seats == 4 and provider.group.service == "casework"
    assert provider.group.organisation.kind == "service_provider"
    url = reverse("casework:provider", kwargs={"pk": provider.pk})
    assert response.url == url
    client.post(url, {"eo_id": "EO-3001", "name": "Hearst", "city": "Hearst"})
    duplicate_id = client.post(url, {"eo_id": "EO-3001", "name": "Other", "city": "Hearst"})
    assert "already exists" in duplicate_id.content.decode()
    client.post(url, {"seats": 6})
    provider.refresh_from_db()
    assert provider.seats == 6 and provider.group.service_points.count() == 1


def test_ministry_pages_are_for_the_ministry_only(client, providers):
    for user in (providers.worker_a, UserFactory(staff_role="city")):
        client.force_login(user)
        for name in ("ministry", "provider_new", "duplicates", "access_log", "ministry_clients"):
            assert client.get(reverse(f"casework:{name}")).status_code == 404


def test_ministry_sees_the_file_and_the_access_log(client, providers):
    theirs = make_client(providers.b, providers.worker_b)
    client.force_login(providers.ministry)
    page = client.get(reverse("casework:ministry_client", kwargs={"pk": theirs.pk}))
    assert "705-555-0101" in page.content.decode()
    log = client.get(reverse("casework:access_log")).content.decode()
    assert theirs.full_name in log
    assert ClientAccess.objects.get().staff_role == "ministry"


def test_ministry_merges_from_the_queue(client, providers):
    existing = make_client(providers.b, providers.worker_b)
    newer = registry.client_register(
        actor=providers.worker_a,
        group=providers.a.group,
        fields={**_details(first_name="Emily"), "birth_date": existing.birth_date},
        distinct_from=[existing],
        reason="Says so",
    )
    pair = DuplicateSuspicion.objects.get()
    client.force_login(providers.ministry)
    url = reverse("casework:duplicate", kwargs={"pk": pair.pk})
    assert newer.full_name in client.get(url).content.decode()
    client.post(url, {"decision": f"keep_{existing.pk}", "note": "Same birth certificate"})
    newer.refresh_from_db()
    assert newer.merged_into == existing
    # The worker of A now lands on the kept record, with the full file.
    client.force_login(providers.worker_a)
    response = client.get(_url("client", providers, pk=newer.pk))
    assert response.url == _url("client", providers, pk=existing.pk)
    assert "705-555-0101" in client.get(response.url).content.decode()


def test_home_leads_each_person_to_their_desk(client, providers):
    client.force_login(providers.worker_a)
    assert client.get(reverse("casework:home")).url == _url("clients", providers)
    assert "/casework/" in client.get("/en/dashboard/").content.decode()
    client.force_login(providers.ministry)
    assert client.get(reverse("casework:home")).url == reverse("casework:ministry")
    client.force_login(UserFactory())
    assert client.get(reverse("casework:home")).status_code == 404


def test_provider_manager_reaches_the_users_and_sees_the_seats(client, providers):
    client.force_login(providers.manager_a)
    page = client.get(_url("service_points", providers)).content.decode()
    users = reverse("group_detail", kwargs={"group_id": providers.a.group.pk})
    link = f'href="{users}">Users</a>'
    assert link in page and "5 users signed in at a time" in page
    assert client.get(users).status_code == 200
    client.force_login(providers.worker_a)
    assert link not in client.get(_url("service_points", providers)).content.decode()


def test_ministry_names_the_provider_manager(client, providers, django_capture_on_commit_callbacks):
    from django.core import mail

    from portal.models import Membership

    person = UserFactory(email="lead@example.org", language="en")
    client.force_login(providers.ministry)
    url = reverse("casework:provider", kwargs={"pk": providers.b.pk})
    unknown = client.post(url, {"manager_email": "nobody@example.org"})
    assert "ask the person to sign up first" in unknown.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"manager_email": "LEAD@example.org"})
    membership = Membership.objects.get(user=person, group=providers.b.group)
    assert membership.status == "active"
    assert set(membership.roles) == {"manager", "casework.provider_manager"}
    assert any("lead@example.org" in m.to for m in mail.outbox)
    assert "lead@example.org" in client.get(url).content.decode()
