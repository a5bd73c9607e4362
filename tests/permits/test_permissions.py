"""P3, P4: the "Linked accounts" grid and the selected-rows actions; Manage implies all; the
last manager is never removed or unticked."""

import pytest

from portal.access import group_permissions
from portal.models import Membership
from tests.factories import UserFactory
from tests.permits.helpers import link

pytestmark = pytest.mark.django_db


def grid_url(account):
    return f"/fr/permits/accounts/{account.pk}/linked/permissions/"


def save_grid(client, account, rows: dict):
    """Post the grid as the page does: the ticked roles and the ids of the rows shown."""
    data = {f"roles-{pk}": roles for pk, roles in rows.items()}
    return client.post(grid_url(account), {**data, "shown": [str(pk) for pk in rows]})


def selected_url(account):
    return f"/fr/permits/accounts/{account.pk}/linked/selected/"


def test_manager_grants_submit(client, contractors):
    c = contractors
    client.force_login(c.alice)
    page = client.get(f"/fr/permits/accounts/{c.lms.pk}/linked/").content.decode()
    assert "Bob Tremblay" in page and "Soumettre — Bob Tremblay" in page
    alice_m = Membership.objects.get(user=c.alice, group=c.lms.group)
    response = save_grid(
        client, c.lms, {c.bob_in_lms.pk: ["permits.submit"], alice_m.pk: ["manager"]}
    )
    assert response.status_code == 302
    assert group_permissions(c.bob, c.lms.group) == {"permits_submit"}
    c.bob_in_lms.refresh_from_db()
    assert c.bob_in_lms.roles == ["permits.submit"]


def test_manage_implies_every_permission(client, contractors):
    c = contractors
    client.force_login(c.alice)
    alice_m = Membership.objects.get(user=c.alice, group=c.lms.group)
    save_grid(client, c.lms, {c.bob_in_lms.pk: ["manager"], alice_m.pk: ["manager"]})
    assert {
        "permits_submit",
        "permits_pay",
        "permits_inspections",
        "permits_upload",
        "permits_templates",
        "portal_manage_group",
    } <= group_permissions(c.bob, c.lms.group)


def test_a_non_manager_cannot_edit_permissions(client, contractors):
    c = contractors
    client.force_login(c.bob)
    page = client.get(f"/fr/permits/accounts/{c.lms.pk}/linked/")
    assert page.status_code == 200 and b'form="roles-form"' not in page.content
    response = save_grid(client, c.lms, {c.bob_in_lms.pk: ["manager"]})
    assert response.status_code == 403
    response = client.post(
        selected_url(c.lms),
        {"action": "remove", "selected": [Membership.objects.get(user=c.alice).pk]},
    )
    assert response.status_code == 403
    assert group_permissions(c.bob, c.lms.group) == set()
    assert Membership.objects.get(user=c.alice, group=c.lms.group).status == "active"


def test_the_last_manager_cannot_untick_manage(client, contractors):
    c = contractors
    client.force_login(c.alice)
    alice_m = Membership.objects.get(user=c.alice, group=c.lms.group)
    data = {f"roles-{alice_m.pk}": ["permits.submit"], "shown": [str(alice_m.pk)]}
    response = client.post(grid_url(c.lms), data, follow=True)
    assert "toujours avoir un responsable principal" in response.content.decode()
    alice_m.refresh_from_db()
    assert alice_m.roles == ["manager"]


def test_handing_over_management_in_one_save(client, contractors):
    c = contractors
    client.force_login(c.alice)
    alice_m = Membership.objects.get(user=c.alice, group=c.lms.group)
    save_grid(client, c.lms, {alice_m.pk: ["permits.pay"], c.bob_in_lms.pk: ["manager"]})
    alice_m.refresh_from_db()
    c.bob_in_lms.refresh_from_db()
    assert alice_m.roles == ["permits.pay"] and c.bob_in_lms.roles == ["manager"]


def test_removing_the_last_manager_is_refused_and_nothing_changes(client, contractors):
    c = contractors
    client.force_login(c.alice)
    alice_m = Membership.objects.get(user=c.alice, group=c.lms.group)
    response = client.post(
        selected_url(c.lms), {"action": "remove", "selected": [alice_m.pk, c.bob_in_lms.pk]}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(group=c.lms.group, status="active").count() == 2


def test_remove_people_and_permissions_of_selected_rows(client, contractors):
    c = contractors
    dan, eve = UserFactory(), UserFactory()
    dan_m = link(dan, c.lms, ["permits.pay", "permits.submit"])
    eve_m = link(eve, c.lms, ["permits.upload"])
    client.force_login(c.alice)
    client.post(selected_url(c.lms), {"action": "clear", "selected": [dan_m.pk]})
    dan_m.refresh_from_db()
    assert dan_m.roles == [] and group_permissions(dan, c.lms.group) == set()
    client.post(selected_url(c.lms), {"action": "remove", "selected": [eve_m.pk, c.bob_in_lms.pk]})
    assert set(
        Membership.objects.filter(group=c.lms.group, status="active").values_list(
            "user_id", flat=True
        )
    ) == {c.alice.pk, dan.pk}
    assert (
        client.get(f"/fr/permits/accounts/{c.lms.pk}/", HTTP_HOST="testserver").status_code == 200
    )


def test_ids_of_another_account_are_ignored(client, contractors):
    c = contractors
    charlie_m = Membership.objects.get(user=c.charlie, group=c.globex.group)
    client.force_login(c.alice)
    response = client.post(selected_url(c.lms), {"action": "remove", "selected": [charlie_m.pk]})
    assert response.status_code == 302
    charlie_m.refresh_from_db()
    assert charlie_m.status == "active"
    save_grid(client, c.lms, {charlie_m.pk: []})
    charlie_m.refresh_from_db()
    assert charlie_m.roles == ["manager"]


def test_a_member_leaving_goes_back_to_the_list(client, contractors):
    c = contractors
    link(UserFactory(), c.lms, ["manager"])
    client.force_login(c.alice)
    alice_m = Membership.objects.get(user=c.alice, group=c.lms.group)
    response = client.post(selected_url(c.lms), {"action": "remove", "selected": [alice_m.pk]})
    assert response.url == "/fr/permits/"
    assert client.get(f"/fr/permits/accounts/{c.lms.pk}/").status_code == 404


def test_a_row_not_on_the_managers_page_keeps_its_permissions(client, contractors):
    """Someone linked (and given permissions) after the page was shown is not in its form:
    saving the grid leaves them alone."""
    c = contractors
    alice_m = Membership.objects.get(user=c.alice, group=c.lms.group)
    late = link(UserFactory(), c.lms, ["permits.pay"])
    client.force_login(c.alice)
    save_grid(client, c.lms, {alice_m.pk: ["manager"], c.bob_in_lms.pk: ["permits.upload"]})
    late.refresh_from_db()
    c.bob_in_lms.refresh_from_db()
    assert late.roles == ["permits.pay"] and c.bob_in_lms.roles == ["permits.upload"]
