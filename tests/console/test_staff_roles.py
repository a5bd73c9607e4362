"""Staff with one, two or no office (issue 20 item 1): the checks written for one role keep
working, and every staff page opens for the offices held and for nobody else."""

import pytest

from accounts.staff import StaffRoles, offices_of
from portal.models import AuditEvent
from tests.console.helpers import staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Each office's own staff pages (written when a person had one role), and the console's.
OFFICE_PAGES = {
    "regulator": ["/en/jobs/staff/products/"],
    "certification_office": ["/en/licensing/staff/exams/"],
    "city": ["/en/permits/city/"],
    "ministry": ["/en/casework/ministry/duplicates/"],
    "accreditation_office": ["/en/credentials/registry/import/"],
}
ANY_OFFICE_PAGES = ["/en/staff/inbox/", "/en/console/", "/en/billing/staff/invoices/"]


def test_staff_roles_equal_each_office_held():
    roles = StaffRoles("regulator", {"regulator", "city"})
    assert roles == "regulator" and roles == "city"
    assert "city" == roles  # noqa: SIM300 - the string on the left, as old checks wrote it
    assert roles != "ministry"
    assert not (roles != "city")  # noqa: SIM202 - `!=` has its own method on str
    assert roles and str(roles) == "regulator"
    nobody = StaffRoles("", set())
    assert not nobody and nobody == "" and nobody != "regulator"


def test_a_two_office_person_reads_as_each_office():
    person = staff("regulator", "city")
    person.refresh_from_db()
    assert person.staff_role == "regulator" and person.staff_role == "city"
    assert person.staff_role != "ministry"
    assert offices_of(person) == {"regulator": "reviewer", "city": "reviewer"}


def test_a_legacy_one_role_person_is_a_reviewer_of_it():
    person = UserFactory(staff_role="ministry")
    assert offices_of(person) == {"ministry": "reviewer"}


def test_the_superuser_holds_every_office():
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert set(offices_of(admin)) == set(OFFICE_PAGES)
    assert admin.staff_role == "city"


@pytest.mark.parametrize(
    "offices", [(), ("regulator",), ("regulator", "city"), ("ministry", "certification_office")]
)
def test_every_staff_page_with_none_one_and_two_offices(client, offices):
    person = staff(*offices)
    client.force_login(person)
    for office, urls in OFFICE_PAGES.items():
        for url in urls:
            status = client.get(url).status_code
            if office in offices:
                assert status == 200, (url, offices, status)
            else:
                assert status in (403, 404), (url, offices, status)
    for url in ANY_OFFICE_PAGES:
        status = client.get(url).status_code
        if offices:
            assert status == 200, (url, offices, status)
        else:
            assert status in (403, 404), (url, offices, status)


def test_a_supervisor_gives_a_role_on_the_staff_page_audited(client):
    boss = staff("city", level="supervisor")
    newcomer = UserFactory(email="new@example.org")
    client.force_login(boss)
    response = client.post(
        "/en/console/staff/", {"email": "NEW@example.org", "office": "city", "level": "reviewer"}
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.staff_role == "city" and offices_of(newcomer) == {"city": "reviewer"}
    event = AuditEvent.objects.get(verb="staff.office_set", subject_id=newcomer.pk)
    assert (event.actor, event.to_state, event.data) == (boss, "reviewer", {"office": "city"})
    # Taken away again: no office left, nothing stored.
    client.post("/en/console/staff/", {"email": "new@example.org", "office": "city", "level": ""})
    newcomer.refresh_from_db()
    assert newcomer.staff_role == "" and offices_of(newcomer) == {}


def test_a_supervisor_gives_only_roles_of_their_offices(client):
    boss = staff("city", level="supervisor")
    UserFactory(email="new@example.org")
    client.force_login(boss)
    response = client.post(
        "/en/console/staff/",
        {"email": "new@example.org", "office": "regulator", "level": "reviewer"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_an_unknown_address_is_refused_in_the_users_language(client):
    client.force_login(staff("city", level="supervisor"))
    response = client.post(
        "/fr/console/staff/",
        {"email": "personne@example.org", "office": "city", "level": "reviewer"},
    )
    assert "Aucun compte" in response.content.decode()


def test_the_admin_sets_offices_through_the_audited_service(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    person = UserFactory(staff_role="ministry")
    client.force_login(admin)
    url = f"/en/admin/accounts/user/{person.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "email": person.email,
            "language": person.language,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "office_ministry": "supervisor",
            "office_city": "reviewer",
            "is_active": "on",
        }
    )
    data.pop("groups", None)
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert offices_of(person) == {"ministry": "supervisor", "city": "reviewer"}
    assert AuditEvent.objects.filter(verb="staff.office_set", subject_id=person.pk).count() == 2


def test_a_legacy_one_role_person_opens_the_console(client):
    client.force_login(UserFactory(staff_role="ministry"))  # request.user is a lazy object
    assert client.get("/en/console/").status_code == 200
    assert client.get("/en/console/overview/").status_code == 403
