"""C5, C6: joining a group, decisions by its principal manager, roles as guardian
permissions, and the rule that a group always keeps a manager."""

import pytest
from django.core import mail

from portal.access import group_permissions
from portal.errors import CoreError
from portal.models import AuditEvent, Membership
from portal.services.memberships import (
    account_delete,
    membership_join_by_code,
    membership_request_join,
    membership_set_roles,
    user_deactivate,
)
from tests.factories import UserFactory, make_member

pytestmark = pytest.mark.django_db


def test_join_request_e_mails_the_managers_and_waits(world, django_capture_on_commit_callbacks):
    newcomer = UserFactory(email="nina@example.org", first_name="Nina", last_name="Roy")
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_request_join(user=newcomer, group=world.acme, message="Bonjour")
    assert membership.status == Membership.Status.REQUESTED
    assert [m.to for m in mail.outbox] == [[world.alice.email]]
    assert "Nina Roy" in mail.outbox[0].subject
    assert group_permissions(newcomer, world.acme) == set()


def test_joining_twice_is_refused_and_keeps_one_request(world):
    newcomer = UserFactory()
    membership_request_join(user=newcomer, group=world.acme)
    with pytest.raises(CoreError):
        membership_request_join(user=newcomer, group=world.acme)
    assert Membership.objects.filter(user=newcomer, group=world.acme).count() == 1


def test_a_member_cannot_ask_again(world):
    with pytest.raises(CoreError):
        membership_request_join(user=world.bob, group=world.acme)


def test_manager_approves_from_the_group_page(client, world, django_capture_on_commit_callbacks):
    newcomer = UserFactory(first_name="Nina")
    request = membership_request_join(user=newcomer, group=world.acme)
    client.force_login(world.alice)
    page = client.get(f"/fr/groups/{world.acme.pk}/").content.decode()
    assert newcomer.email in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/fr/groups/{world.acme.pk}/members/{request.pk}/decide/", {"decision": "approve"}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE and request.decided_by == world.alice
    assert mail.outbox[-1].to == [newcomer.email]
    assert AuditEvent.objects.filter(verb="membership.approved", actor=world.alice).exists()


def test_approving_twice_is_refused(client, world):
    request = membership_request_join(user=UserFactory(), group=world.acme)
    client.force_login(world.alice)
    url = f"/fr/groups/{world.acme.pk}/members/{request.pk}/decide/"
    client.post(url, {"decision": "approve"})
    response = client.post(url, {"decision": "refuse"}, follow=True)
    assert "Cette demande a déjà été traitée." in response.content.decode()
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE


def test_refusal_e_mails_the_note(client, world, django_capture_on_commit_callbacks):
    newcomer = UserFactory(language="en")
    request = membership_request_join(user=newcomer, group=world.acme)
    client.force_login(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/fr/groups/{world.acme.pk}/members/{request.pk}/decide/",
            {"decision": "refuse", "note": "Unknown to us"},
        )
    request.refresh_from_db()
    assert request.status == Membership.Status.REFUSED
    assert "was refused" in mail.outbox[-1].body and "Unknown to us" in mail.outbox[-1].body


def test_a_member_without_the_manager_role_cannot_decide(client, world):
    request = membership_request_join(user=UserFactory(), group=world.acme)
    client.force_login(world.bob)
    response = client.post(
        f"/fr/groups/{world.acme.pk}/members/{request.pk}/decide/", {"decision": "approve"}
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == Membership.Status.REQUESTED


def test_roles_become_guardian_permissions(client, world):
    client.force_login(world.alice)
    client.post(
        f"/fr/groups/{world.acme.pk}/members/{world.bob_in_acme.pk}/roles/",
        {f"m{world.bob_in_acme.pk}-roles": ["jobboard.finance_manager"]},
    )
    assert world.bob.has_perm("portal.jobboard_buy", world.acme)
    assert not world.bob.has_perm("portal.jobboard_manage_postings", world.acme)
    assert not world.bob.has_perm("portal.jobboard_buy", world.globex)
    # The principal manager holds every permission of the service ("Manage implies all").
    assert {"jobboard_buy", "jobboard_manage_postings", "portal_manage_group"} <= group_permissions(
        world.alice, world.acme
    )


def test_unknown_role_is_refused(world):
    with pytest.raises(CoreError):
        membership_set_roles(membership=world.bob_in_acme, roles=["permits.pay"], actor=world.alice)


def test_removing_a_member_takes_away_their_permissions(client, world):
    membership_set_roles(
        membership=world.bob_in_acme, roles=["jobboard.posting_manager"], actor=world.alice
    )
    client.force_login(world.alice)
    client.post(f"/fr/groups/{world.acme.pk}/members/{world.bob_in_acme.pk}/remove/")
    world.bob_in_acme.refresh_from_db()
    assert world.bob_in_acme.status == Membership.Status.REMOVED
    assert group_permissions(world.bob, world.acme) == set()
    client.force_login(world.bob)
    assert client.get(f"/fr/groups/{world.acme.pk}/").status_code == 404


def test_the_last_manager_cannot_be_demoted(client, world):
    client.force_login(world.alice)
    response = client.post(
        f"/fr/groups/{world.acme.pk}/members/{world.alice_in_acme.pk}/roles/",
        {f"m{world.alice_in_acme.pk}-roles": []},
        follow=True,
    )
    assert "Un groupe doit toujours avoir un responsable principal" in response.content.decode()
    world.alice_in_acme.refresh_from_db()
    assert world.alice_in_acme.roles == ["manager"]


def test_the_last_manager_cannot_leave_or_be_removed(client, world):
    client.force_login(world.alice)
    client.post(f"/fr/groups/{world.acme.pk}/members/{world.alice_in_acme.pk}/remove/")
    world.alice_in_acme.refresh_from_db()
    assert world.alice_in_acme.status == Membership.Status.ACTIVE


def test_with_a_second_manager_the_first_may_step_down(world):
    membership_set_roles(membership=world.bob_in_acme, roles=["manager"], actor=world.alice)
    membership_set_roles(membership=world.alice_in_acme, roles=[], actor=world.alice)
    assert "portal_manage_group" not in group_permissions(world.alice, world.acme)


def test_the_last_manager_cannot_be_deactivated_or_deleted(world):
    with pytest.raises(CoreError):
        user_deactivate(user=world.alice, actor=world.alice)
    with pytest.raises(CoreError):
        account_delete(user=world.alice)
    world.alice.refresh_from_db()
    assert world.alice.is_active
    account_delete(user=world.bob)  # not a manager: fine


def test_join_by_code_gives_membership_without_permissions(world):
    newcomer = UserFactory()
    membership = membership_join_by_code(user=newcomer, group=world.acme)
    assert membership.status == Membership.Status.ACTIVE and membership.roles == []
    assert group_permissions(newcomer, world.acme) == set()
    assert membership_join_by_code(user=newcomer, group=world.acme).pk == membership.pk


def test_a_member_may_leave(client, world):
    client.force_login(world.bob)
    response = client.post(f"/fr/groups/{world.acme.pk}/members/{world.bob_in_acme.pk}/remove/")
    assert response["Location"] == "/fr/groups/"
    world.bob_in_acme.refresh_from_db()
    assert world.bob_in_acme.status == Membership.Status.REMOVED


def test_a_plain_member_cannot_remove_another(client, world):
    other = make_member(UserFactory(), world.acme)
    client.force_login(world.bob)
    assert client.post(f"/fr/groups/{world.acme.pk}/members/{other.pk}/remove/").status_code == 403
