"""The registry lists run a fixed number of SQL queries with 1 row and with 50."""

import datetime

import pytest

from casework.models import Client, ClientAccess, DuplicateSuspicion, Employer, EmployerYearForm
from casework.registry import services as registry
from portal.models import PrivateFile
from tests.portal.test_query_counts import queries_for

pytestmark = pytest.mark.django_db

BORN = datetime.date(2008, 6, 1)


def _clients(providers, size, tag):
    made = []
    for n in range(size):
        c = Client.objects.create(
            first_name=f"Prénom{tag}{n}",
            last_name="Tremblay",
            birth_date=BORN,
            city="Sudbury",
            created_by_group=providers.a.group,
        )
        if n % 2:
            registry.client_provider_record(client=c, group=providers.a.group, actor=None)
        made.append(c)
    return made


def test_client_search_results(client, providers):
    counts = []
    for size, day in ((1, "2008-06-01"), (50, "2008-06-01")):
        Client.objects.all().delete()
        _clients(providers, size, size)
        client.force_login(providers.worker_a)
        url = f"/en/casework/p/{providers.a.group.pk}/clients/?birth_date={day}"
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1], counts


def test_ministry_client_search_results(client, providers):
    counts = []
    for size in (1, 50):
        Client.objects.all().delete()
        _clients(providers, size, size)
        client.force_login(providers.ministry)
        counts.append(queries_for(client, "/en/casework/ministry/clients/?birth_date=2008-06-01"))
    assert counts[0] == counts[1], counts


def test_employer_search_results(client, providers):
    counts = []
    for size in (1, 50):
        Employer.objects.all().delete()
        for n in range(size):
            employer = Employer.objects.create(
                legal_name=f"Ferme {n}", business_number=f"{size:03d}{n:06d}", city="Timmins"
            )
            if n % 2:
                EmployerYearForm.objects.create(
                    employer=employer,
                    year=datetime.date.today().year,
                    sector="Farm",
                    employees=3,
                    positions_offered=1,
                    wsib_covered=True,
                    signer_name="A",
                    signer_title="B",
                    signed_on=datetime.date.today(),
                    signed_file=PrivateFile.objects.create(
                        original_name="f.pdf",
                        extension="pdf",
                        content_type="application/pdf",
                        size=1,
                    ),
                )
        client.force_login(providers.worker_a)
        url = f"/en/casework/p/{providers.a.group.pk}/employers/?city=timmins"
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1], counts


def test_duplicates_queue(client, providers):
    counts = []
    for size in (1, 50):
        DuplicateSuspicion.objects.all().delete()
        people = _clients(providers, size + 1, f"d{size}")
        for other in people[1:]:
            DuplicateSuspicion.objects.create(
                client=other,
                similar_to=people[0],
                reason="Twin",
                reported_by=providers.worker_a,
                reported_group=providers.a.group,
            )
        client.force_login(providers.ministry)
        counts.append(queries_for(client, "/en/casework/ministry/duplicates/"))
    assert counts[0] == counts[1], counts


def test_access_log(client, providers):
    counts = []
    for size in (1, 50):
        ClientAccess.objects.all().delete()
        for person in _clients(providers, size, f"a{size}"):
            registry.client_access_log(
                user=providers.worker_a, client=person, group=providers.a.group
            )
        client.force_login(providers.ministry)
        counts.append(queries_for(client, "/en/casework/ministry/access-log/"))
    assert counts[0] == counts[1], counts


def test_ministry_providers(client, providers):
    from tests.casework.helpers import make_provider

    counts = []
    for size in (1, 50):
        for n in range(size):
            make_provider(f"Provider {size}-{n}", eo_id=f"EO-{size}-{n}")
        client.force_login(providers.ministry)
        counts.append(queries_for(client, "/en/casework/ministry/"))
    assert counts[0] == counts[1], counts


def test_client_file(client, providers):
    """The full file with 1 and 50 entries of each kind."""
    counts = []
    for size in (1, 50):
        person = _clients(providers, 1, f"f{size}")[0]
        registry.client_provider_record(client=person, group=providers.a.group, actor=None)
        for n in range(size):
            start = datetime.date(2020, 1, 1) + datetime.timedelta(days=n)
            registry.education_add(
                client=person,
                actor=providers.worker_a,
                fields={"level": "secondary", "institution": f"S{n}", "start_date": start},
            )
            registry.employment_add(
                client=person,
                actor=providers.worker_a,
                fields={"employer_name": f"E{n}", "position": "P", "start_date": start},
            )
            registry.client_access_log(
                user=providers.worker_b, client=person, group=providers.b.group
            )
        client.force_login(providers.worker_a)
        counts.append(
            queries_for(client, f"/en/casework/p/{providers.a.group.pk}/clients/{person.pk}/")
        )
    assert counts[0] == counts[1], counts


def test_provider_page_and_service_points(client, providers):
    from casework.models import ServicePoint

    counts = []
    for size in (1, 50):
        ServicePoint.objects.filter(group=providers.b.group).delete()
        for n in range(size):
            ServicePoint.objects.create(
                group=providers.b.group, eo_id=f"EO-P{size}-{n}", name=f"Site {n}", city="Timmins"
            )
        client.force_login(providers.ministry)
        counts.append(queries_for(client, f"/en/casework/ministry/providers/{providers.b.pk}/"))
        client.force_login(providers.worker_b)
        counts.append(queries_for(client, f"/en/casework/p/{providers.b.group.pk}/service-points/"))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
