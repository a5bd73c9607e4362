"""P1–P3, P7: registering, associating with a PIN, regenerating, and PIN guessing limits."""

import logging

import pytest
from django.core import mail

from permits import services
from permits.models import ContractorAccount, PinAttempt
from permits.services import pin_link, pin_regenerate
from portal.access import group_permissions
from portal.models import Membership, Organisation
from tests.factories import UserFactory
from tests.permits.helpers import register

pytestmark = pytest.mark.django_db

WRONG = "Ce NIP ne correspond à aucun professionnel ni entrepreneur."


def associate(client, user, pin, ip="203.0.113.7"):
    client.force_login(user)
    return client.post("/fr/permits/associate/", {"pin": pin}, REMOTE_ADDR=ip)


def test_register_makes_an_active_contractor_with_its_creator_as_manager(client, alice):
    client.force_login(alice)
    assert client.get("/fr/permits/accounts/new/").status_code == 200
    response = client.post(
        "/fr/permits/accounts/new/",
        {
            "legal_name": "LMS Architects",
            "phone": "(613) 580-2400",
            "street_address": "110 Laurier Avenue West",
            "city": "Ottawa",
            "province": "ON",
            "postal_code": "k1p1j1",
        },
    )
    account = ContractorAccount.objects.get()
    assert response.status_code == 302
    assert response.url == f"/fr/permits/accounts/{account.pk}/"
    organisation = account.group.organisation
    assert organisation.kind == Organisation.Kind.CONTRACTOR
    assert organisation.status == Organisation.Status.ACTIVE
    assert account.group.service == "permits" and account.postal_code == "K1P 1J1"
    perms = group_permissions(alice, account.group)
    assert {
        "permits_submit",
        "permits_pay",
        "permits_inspections",
        "permits_upload",
        "permits_templates",
        "portal_manage_group",
    } <= perms
    page = client.get("/fr/permits/").content.decode()
    assert "LMS Architects" in page and "(613) 580-2400" in page


def test_register_needs_the_legal_name(client, alice):
    client.force_login(alice)
    response = client.post("/fr/permits/accounts/new/", {"phone": "613"})
    assert response.status_code == 200
    assert ContractorAccount.objects.count() == 0


def test_associate_links_with_no_permission_and_tells_the_managers(
    client, alice, bob, django_capture_on_commit_callbacks
):
    account = register(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = associate(client, bob, account.pin_display.lower())
    assert response.status_code == 302
    membership = Membership.objects.get(user=bob, group=account.group)
    assert membership.status == "active" and membership.roles == []
    assert group_permissions(bob, account.group) == set()
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "Bob Tremblay" in mail.outbox[0].subject
    linked = client.get(f"/fr/permits/accounts/{account.pk}/linked/").content.decode()
    assert "Bob Tremblay" in linked


def test_wrong_pin_is_refused_and_logged_without_the_pin(client, alice, bob, caplog):
    account = register(alice)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = associate(client, bob, "AAA-BBB-CCC")
    assert response.status_code == 200 and WRONG in response.content.decode()
    assert not Membership.objects.filter(user=bob, group=account.group).exists()
    assert "outcome=wrong" in caplog.text and "AAABBBCCC" not in caplog.text
    assert PinAttempt.objects.get().outcome == "wrong"


WAIT = "Trop d’essais. Attendez"


def test_a_throttled_user_is_told_to_wait_and_the_try_is_shown_to_managers(
    client, alice, bob, caplog
):
    account = register(alice)
    for _ in range(services.PIN_PER_USER.limit):
        associate(client, bob, "AAA-BBB-CCC")
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = associate(client, bob, account.pin_display)  # right PIN, but throttled
    page = response.content.decode()
    assert response.status_code == 200 and WAIT in page and "minute" in page
    assert WRONG not in page
    assert not Membership.objects.filter(user=bob, group=account.group).exists()
    assert account.pin not in caplog.text and account.pin_display not in caplog.text
    attempt = PinAttempt.objects.get(account=account)
    assert attempt.outcome == "throttled" and attempt.user == bob
    client.force_login(alice)
    page = client.get(f"/fr/permits/accounts/{account.pk}/access/").content.decode()
    assert "bob@example.org" in page and "Trop d’essais" in page


def test_a_throttled_user_waits_while_another_account_from_the_same_address_links(
    client, alice, bob
):
    account = register(alice)
    office = "198.51.100.9"
    for _ in range(services.PIN_PER_USER.limit):
        associate(client, bob, "AAA-BBB-CCC", ip=office)
    response = associate(client, bob, account.pin_display, ip=office)
    assert WAIT in response.content.decode()
    colleague = UserFactory()
    response = associate(client, colleague, account.pin_display, ip=office)
    assert response.status_code == 302
    assert Membership.objects.filter(user=colleague, group=account.group).exists()
    assert not Membership.objects.filter(user=bob, group=account.group).exists()


def test_the_wait_message_is_in_the_users_language(client, alice, bob):
    account = register(alice)
    for _ in range(services.PIN_PER_USER.limit):
        associate(client, bob, "AAA-BBB-CCC")
    client.force_login(bob)
    response = client.post("/en/permits/associate/", {"pin": account.pin_display})
    assert "Too many tries. Wait" in response.content.decode()


def test_the_address_ceiling_still_stops_a_crowd(client, alice, monkeypatch):
    monkeypatch.setattr(services.PIN_PER_ADDRESS, "limit", 6)
    account = register(alice)
    for _ in range(3):
        for _ in range(2):
            associate(client, UserFactory(), "AAA-BBB-CCC", ip="198.51.100.9")
    newcomer = UserFactory()
    response = associate(client, newcomer, account.pin_display, ip="198.51.100.9")
    assert WAIT in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()
    # From another address, the same person gets through.
    response = associate(client, newcomer, account.pin_display, ip="192.0.2.44")
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, group=account.group).exists()


def test_old_pins_tried_by_many_people_do_not_block_a_newcomer_with_the_right_pin(client, alice):
    """Issue 18: other people's old-PIN tries are shown to the managers, never counted against
    the account; the newcomer with the right PIN gets through."""
    account = register(alice)
    old = account.pin_display
    pin_regenerate(account=account, actor=alice)
    account.refresh_from_db()
    for n in range(6):
        for _ in range(services.PIN_PER_USER.limit):
            response = associate(client, UserFactory(), old, ip=f"192.0.2.{n + 1}")
            assert WRONG in response.content.decode()
    assert PinAttempt.objects.filter(account=account, outcome="retired").count() == 30
    newcomer = UserFactory()
    response = associate(client, newcomer, account.pin_display, ip="192.0.2.50")
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, group=account.group).exists()


def test_a_right_pin_is_not_counted(client, alice):
    """Linking with the right PIN gives the try back: only refused tries count."""
    account = register(alice)
    person = UserFactory()
    for _ in range(services.PIN_PER_USER.limit - 1):
        associate(client, person, "AAA-BBB-CCC")
    assert associate(client, person, account.pin_display).status_code == 302
    assert services.PIN_PER_USER.count(person.pk) == services.PIN_PER_USER.limit - 1


def test_old_pin_stops_working_after_regeneration(client, alice, bob):
    account = register(alice)
    old = account.pin_display
    client.force_login(alice)
    url = f"/fr/permits/accounts/{account.pk}/access/regenerate/"
    assert client.get(url).status_code == 405
    # Without the confirmation box, nothing changes and the manager is told to tick it.
    response = client.post(url, follow=True)
    assert "Cochez la case pour confirmer" in response.content.decode()
    account.refresh_from_db()
    assert account.pin_display == old
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.pin_display != old
    response = associate(client, bob, old)
    assert WRONG in response.content.decode()
    assert PinAttempt.objects.get(account=account).outcome == "retired"
    assert associate(client, bob, account.pin_display).status_code == 302


def test_only_managers_see_and_regenerate_the_pin(client, alice, bob):
    account = register(alice)
    associate(client, bob, account.pin_display)
    assert client.get(f"/fr/permits/accounts/{account.pk}/access/").status_code == 403
    pin_before = account.pin
    assert client.post(f"/fr/permits/accounts/{account.pk}/access/regenerate/").status_code == 403
    account.refresh_from_db()
    assert account.pin == pin_before


def test_associating_twice_is_harmless(alice, bob):
    account = register(alice)
    assert pin_link(user=bob, typed=account.pin, ip="192.0.2.1") == account
    assert pin_link(user=bob, typed=account.pin, ip="192.0.2.1") == account
    assert Membership.objects.filter(user=bob, group=account.group).count() == 1


def test_regenerate_is_audited_without_the_pin(alice):
    account = register(alice)
    old = account.pin
    pin_regenerate(account=account, actor=alice)
    from portal.models import AuditEvent

    event = AuditEvent.objects.get(verb="contractor.pin_regenerated")
    assert old not in str(event.data) and event.actor == alice
