"""The list pages show each row's values as before their speed work (issue 19) and page
through long lists like Django's paginator: 50 rows a page, a page past the end shows the
last one, a number that is not one shows the first."""

import re

import pytest

from permits.models import Application, Fee, Payment, PinAttempt
from permits.services import application_submit
from tests.factories import UserFactory
from tests.permits.helpers import link

pytestmark = pytest.mark.django_db


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def rows(page):
    return len(re.findall(r"<tr>", page.split("<tbody>", 1)[1])) if "<tbody>" in page else 0


def test_applications_rows(client, contractors):
    lms, alice = contractors.lms, contractors.alice
    submitted = application_submit(account=lms, actor=alice, kind="pool", site_address="1 Main")
    imported = Application.objects.create(
        account=lms,
        reference="P2020-1",
        kind="sign",
        site_address="<b>2 Main</b>",
        status="issued",
        imported=True,
    )
    client.force_login(alice)
    page = html(client, f"/en/permits/accounts/{lms.pk}/applications/")
    assert f'href="/en/permits/accounts/{lms.pk}/applications/{submitted.pk}/"' in page
    assert "<td>Pool enclosure permit</td>" in page
    assert 'Submitted <span class="badge text-bg-warning">fee due</span>' in page
    assert " · Alice Martin</td>" in page
    assert f'href="/en/permits/accounts/{lms.pk}/applications/{imported.pk}/"' in page
    assert "<td>&lt;b&gt;2 Main&lt;/b&gt;</td>" in page  # user text stays escaped
    assert "<td>Permit issued</td>" in page  # no fee: no badge
    assert " · City records</td>" in page
    french = html(client, f"/fr/permits/accounts/{lms.pk}/applications/")
    assert "<td>Permis d’enceinte de piscine</td>" in french
    assert "droits à payer" in french


def test_applications_pages(client, contractors):
    lms = contractors.lms
    Application.objects.bulk_create(
        Application(account=lms, reference=f"R-{n}", kind="building", site_address=f"{n} Elm")
        for n in range(51)
    )
    client.force_login(contractors.alice)
    path = f"/en/permits/accounts/{lms.pk}/applications/"
    first = html(client, path)
    assert rows(first) == 50
    assert "Page 1 of 2" in first
    assert rows(html(client, path + "?page=2")) == 1
    assert "Page 2 of 2" in html(client, path + "?page=9")  # past the end: the last page
    assert "Page 2 of 2" in html(client, path + "?page=0")
    assert "Page 1 of 2" in html(client, path + "?page=x")


def test_fees_rows(client, contractors):
    lms, alice, bob = contractors.lms, contractors.alice, contractors.bob
    unpaid = application_submit(account=lms, actor=alice, kind="sign", site_address="1 Main")
    paid = application_submit(account=lms, actor=alice, kind="pool", site_address="2 Main")
    Payment.objects.create(
        fee=Fee.objects.get(application=paid), amount_cents=1, reference="****4821", paid_by=bob
    )
    Fee.objects.create(application=unpaid, label="Extra <review>", amount_cents=123456)
    client.force_login(alice)  # a manager: may pay, but no banking information yet
    page = html(client, f"/en/permits/accounts/{lms.pk}/fees/")
    assert f'<a href="/en/permits/accounts/{lms.pk}/applications/{unpaid.pk}/">' in page
    assert "<td>Extra &lt;review&gt;</td>" in page
    assert "$1,234.56" in page
    assert "by Bob Tremblay (****4821)" in page
    assert f'action="/en/permits/accounts/{lms.pk}/fees/' in page
    assert f"Pay the fee of {unpaid.reference}" in page
    assert "disabled" in page
    client.force_login(bob)  # no permission to pay
    page = html(client, f"/en/permits/accounts/{lms.pk}/fees/")
    assert "Unpaid" in page
    assert "Pay the fee" not in page


def test_give_access_attempts(client, contractors):
    lms = contractors.lms
    tried = UserFactory(email="eve@example.org", first_name="Eve", last_name="Noir")
    PinAttempt.objects.create(account=lms, user=tried, ip="10.0.0.9", outcome="retired")
    PinAttempt.objects.create(account=lms, user=None, ip=None, outcome="throttled")
    client.force_login(contractors.alice)
    page = html(client, f"/en/permits/accounts/{lms.pk}/access/")
    assert (
        'Eve Noir <span class="small text-body-secondary">eve@example.org</span></td>'
        "<td>10.0.0.9</td><td>Old PIN (regenerated)</td>" in page
    )
    assert "<td>—</td><td>—</td><td>Too many tries</td>" in page


def test_linked_grid(client, contractors):
    lms, alice = contractors.lms, contractors.alice
    link(
        UserFactory(email="sub@example.org", first_name="Sam", last_name="Sub"),
        lms,
        ["permits.submit"],
    )
    link(UserFactory(email="z@example.org", first_name="<Zed>", last_name="Z"), lms)
    client.force_login(alice)
    page = html(client, f"/en/permits/accounts/{lms.pk}/linked/")
    assert "Pay — &lt;Zed&gt; Z</label>" in page  # names stay escaped in the labels
    assert "<Zed>" not in page
    assert 'data-testid="member-sub@example.org"' in page
    assert "Select Sam Sub" in page
    assert page.count(" checked>") == 6 + 1  # the manager's six boxes, Sam's Submit
    client.force_login(contractors.bob)  # no Manage: ticks shown as text
    page = html(client, f"/en/permits/accounts/{lms.pk}/linked/")
    assert (
        '<span aria-hidden="true">✓</span><span class="visually-hidden">Submit: yes</span>' in page
    )
    assert "Submit: no" in page
    assert "roles-form" not in page


def test_city_lists(client, contractors):
    city = UserFactory(staff_role="city")
    lms, alice = contractors.lms, contractors.alice
    issued = application_submit(account=lms, actor=alice, kind="sign", site_address="1 Main")
    Application.objects.filter(pk=issued.pk).update(status="issued")
    application_submit(account=lms, actor=alice, kind="pool", site_address="2 Main")
    PinAttempt.objects.create(account=lms, user=alice, ip="10.0.0.9", outcome="retired")
    PinAttempt.objects.create(account=None, user=None, ip=None, outcome="wrong")
    client.force_login(city)
    page = html(client, "/en/permits/city/?status=issued")
    assert rows(page) == 1
    assert (
        f'<td><a href="/en/permits/city/applications/{issued.pk}/">{issued.reference}</a></td>\n'
        "              <td>LMS Architects</td>\n"
        "              <td>Sign permit</td>\n"
        "              <td>1 Main</td>\n"
        "              <td>Permit issued</td>\n" in page
    )
    assert rows(html(client, "/en/permits/city/")) == 2
    assert rows(html(client, "/en/permits/city/?status=nonsense")) == 2
    page = html(client, "/en/permits/city/attempts/")
    assert (
        "<td>alice@example.org</td><td>10.0.0.9</td><td>Old PIN (regenerated)</td>"
        "<td>LMS Architects</td></tr>" in page
    )
    assert "<td>—</td><td>—</td><td>Unknown PIN</td><td>—</td></tr>" in page


def test_paging_keeps_the_filter(client, contractors):
    """The next and previous links of a filtered list stay in the filter (the shared
    pagination used to drop it: page 2 of « issued » showed page 2 of everything)."""
    lms = contractors.lms
    Application.objects.bulk_create(
        Application(account=lms, reference=f"I-{n}", kind="sign", site_address="x", status=s)
        for n in range(60)
        for s in ["issued" if n < 51 else "submitted"]
    )
    client.force_login(UserFactory(staff_role="city"))
    first = html(client, "/en/permits/city/?status=issued")
    assert 'href="?status=issued&amp;page=2"' in first
    second = html(client, "/en/permits/city/?status=issued&page=2")
    assert rows(second) == 1  # 51 issued: one on page 2, not the 10 others
    assert 'href="?status=issued&amp;page=1"' in second
