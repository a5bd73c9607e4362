"""Boosts of an online posting (J7): featured, extension, targeted send."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from billing.models import BillingAddress, BillingProfile, CartLine, Order, OrderLine
from billing.services import order_create_from_cart, order_pay_test, order_place_invoice
from jobboard.boosts import services as boosts
from jobboard.boosts.models import TargetedRecipient, TargetedSend
from jobboard.errors import JobboardError
from jobboard.postings import services
from jobboard.postings.models import Posting
from jobboard.seekers.models import SeekerProfile
from tests.factories import UserFactory, make_member
from tests.jobboard.boosts_helpers import active_posting, ref, seeker
from tests.jobboard.postings_helpers import complete_posting, give_credits, ready_group

pytestmark = pytest.mark.django_db
S = Posting.State
NOT_ACTIVE = [S.DRAFT, S.IN_VALIDATION, S.TO_REVISE, S.SCHEDULED, S.EXPIRED, S.ARCHIVED]


def url(name, posting):
    return reverse(f"jobboard:{name}", args=[posting.group_id, posting.pk])


def today():
    return timezone.localdate()


# --- Featured and extension ------------------------------------------------------------------


@pytest.mark.parametrize("state", NOT_ACTIVE)
@pytest.mark.parametrize("boost", ["feature", "extend"])
def test_boosts_are_refused_on_a_posting_that_is_not_active(alice, state, boost):
    group = ready_group(alice)
    give_credits(group, services.FEATURED)
    give_credits(group, services.EXTENSION)
    posting = complete_posting(group, alice, state=state, ends_on=today())
    call = boosts.posting_feature if boost == "feature" else boosts.posting_extend
    with pytest.raises(JobboardError, match="online"):
        call(posting=posting, actor=alice)
    posting.refresh_from_db()
    assert posting.featured_until is None and posting.ends_on == today()
    assert boosts.boost_balances(group) == {services.FEATURED: 1, services.EXTENSION: 1}


def test_featured_lasts_7_days_and_an_extension_adds_7_days(alice):
    group = ready_group(alice)
    give_credits(group, services.FEATURED)
    give_credits(group, services.EXTENSION)
    posting = active_posting(group, alice, days_left=20)
    boosts.posting_feature(posting=posting, actor=alice)
    posting.refresh_from_db()
    assert posting.featured_until == today() + datetime.timedelta(days=7)
    boosts.posting_extend(posting=posting, actor=alice)
    posting.refresh_from_db()
    assert posting.ends_on == today() + datetime.timedelta(days=27)
    assert posting.featured_until == today() + datetime.timedelta(days=7)
    assert boosts.boost_balances(group) == {services.FEATURED: 0, services.EXTENSION: 0}


def test_featured_near_the_end_is_capped_and_the_extension_gives_the_full_7_days(client, alice):
    group = ready_group(alice)
    give_credits(group, services.FEATURED)
    give_credits(group, services.EXTENSION)
    posting = active_posting(group, alice, days_left=3)
    client.force_login(alice)
    page = client.get(url("boosts", posting)).content.decode()
    assert "Add a 7-day extension to get the full 7 days" in page
    boosts.posting_feature(posting=posting, actor=alice)
    posting.refresh_from_db()
    assert posting.featured_until == posting.ends_on == today() + datetime.timedelta(days=3)
    boosts.posting_extend(posting=posting, actor=alice)
    posting.refresh_from_db()
    assert posting.ends_on == today() + datetime.timedelta(days=10)
    assert posting.featured_until == today() + datetime.timedelta(days=7)


def test_without_a_credit_the_boost_leads_to_the_shop(client, alice):
    group = ready_group(alice)
    posting = active_posting(group, alice)
    client.force_login(alice)
    response = client.post(
        reverse("jobboard:posting_action", args=[group.pk, posting.pk, "feature"])
    )
    assert response.url == url("boosts", posting)
    page = client.get(response.url).content.decode()
    assert reverse("jobboard:buy", args=[group.pk]) in page
    assert "Apply a featured credit" not in page
    give_credits(group, services.FEATURED)
    page = client.get(url("boosts", posting)).content.decode()
    assert "Apply a featured credit" in page
    client.post(reverse("jobboard:posting_action", args=[group.pk, posting.pk, "feature"]))
    posting.refresh_from_db()
    assert posting.featured_until == today() + datetime.timedelta(days=7)


# --- Targeted send: who matches --------------------------------------------------------------


def _posting(group, user, fields=("civil",), places=(), years="", profile="engineer", **kw):
    posting = active_posting(group, user, years_on_roll=years, profile=profile, **kw)
    posting.domains.set([ref("field", c) for c in fields])
    posting.places.set([ref(kind, code) for kind, code in places])
    return posting


CASES = [
    # (seeker, posting, matches in the regions scope, matches everywhere)
    ({}, {"places": [("region", "montreal")]}, True, True),
    ({"consent": False}, {"places": [("region", "montreal")]}, False, False),
    ({"profile": "cpi"}, {"places": [("region", "montreal")]}, False, False),
    ({"fields": ["electrical"]}, {"places": [("region", "montreal")]}, False, False),
    ({"fields": ["electrical", "civil"]}, {}, True, True),  # the address is in Montréal
    ({"fields": ["electrical"]}, {"fields": []}, True, True),  # no field: every field
    ({"regions": ["estrie"]}, {"places": [("region", "montreal")]}, False, True),
    ({"regions": ["estrie"]}, {"places": [("city", "sherbrooke")]}, True, True),
    ({"regions": ["capitale-nationale"]}, {"city": "Quebec"}, True, True),
    ({"regions": [], "outside": True}, {"location_kind": "outside", "city": ""}, False, True),
    ({"years": 4}, {"years": "5-9"}, False, False),
    ({"years": 10}, {"years": "10+"}, True, True),
    ({"years": 0}, {"years": "1-4"}, False, False),
    ({"years": 0, "profile": "cpi"}, {"years": "5-9", "profile": "cpi"}, True, True),
]


@pytest.mark.parametrize(("who", "what", "in_regions", "everywhere"), CASES)
def test_the_recipient_count_matches_fields_regions_and_experience(
    alice, who, what, in_regions, everywhere
):
    group = ready_group(alice)
    seeker(**who)
    posting = _posting(group, alice, **what)
    criteria = boosts.posting_criteria(posting)
    assert boosts.recipients(criteria, "regions").count() == int(in_regions)
    assert boosts.recipients(criteria, "everywhere").count() == int(everywhere)


def test_the_page_shows_the_count_and_price_before_the_cart(client, alice):
    group = ready_group(alice)
    for _n in range(3):
        seeker()
    seeker(regions=["estrie"])
    seeker(consent=False)
    posting = _posting(group, alice)
    client.force_login(alice)
    page = client.get(url("targeted", posting)).content.decode()
    assert 'data-count="regions">3<' in page and 'data-count="everywhere">4<' in page
    assert "$306.00" in page and "$308.00" in page  # $300 + $2 × count
    assert not CartLine.objects.exists()


# --- Targeted send: ordering, paying, sending -----------------------------------------------


def _pay_by_invoice(group, buyer) -> Order:
    BillingProfile.objects.get_or_create(
        organisation=group.organisation, service="jobboard", defaults={"invoice_eligible": True}
    )
    address = BillingAddress.objects.create(
        group=group, name="P", street_address="1 rue A", city="Québec", province="QC",
        postal_code="G1V 4T3",
    )  # fmt: skip
    order = order_create_from_cart(group=group, buyer=buyer, address=address)
    return order_place_invoice(order=order, actor=buyer)


def test_confirmed_send_is_priced_in_the_cart_paid_and_sent_once(
    client, alice, django_capture_on_commit_callbacks
):
    group = ready_group(alice)
    matching = [seeker(email=f"s{n}@example.org") for n in range(3)]
    other = seeker(fields=["electrical"], email="other@example.org")
    withdrawn = seeker(email="withdrawn@example.org")
    posting = _posting(group, alice)
    client.force_login(alice)
    response = client.post(url("targeted", posting), {"scope": "regions"})
    assert response.url == reverse("billing:checkout", args=[group.pk])
    send = TargetedSend.objects.get(posting=posting)
    assert (send.recipient_count, send.price_cents, send.state) == (4, 30800, "pending")
    line = CartLine.objects.get(group=group)
    assert (line.reference, line.unit_price_cents, line.total_cents) == (
        send.reference, 30800, 30800,
    )  # fmt: skip
    assert "Targeted send" in client.get(response.url).content.decode()
    # The seeker withdraws their consent after the purchase: the price stays as paid.
    SeekerProfile.objects.filter(pk=withdrawn.pk).update(targeted_consent=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = _pay_by_invoice(group, alice)
    assert order.subtotal_cents == 30800 and order.total_cents > 30800  # taxes still added
    assert OrderLine.objects.get(order=order).reference == send.reference
    send.refresh_from_db()
    assert (send.state, send.sent_count, send.price_cents) == ("sent", 3, 30800)
    targeted = [m for m in mail.outbox if m.to[0] != alice.email]
    assert sorted(m.to[0] for m in targeted) == sorted(s.user.email for s in matching)
    message = targeted[0]
    assert "List-Unsubscribe" in message.extra_headers
    assert "/jobs/unsubscribe/" in message.body
    assert other.user.email not in [m.to[0] for m in mail.outbox]
    # The task again (a duplicate delivery): nobody gets a second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert boosts.targeted_send_run(send.pk) == 0
    assert len([m for m in mail.outbox if m.to[0] != alice.email]) == 3


def test_a_second_send_on_the_same_posting_is_refused(client, alice):
    group = ready_group(alice)
    posting = _posting(group, alice)
    boosts.targeted_confirm(posting=posting, scope="everywhere", actor=alice)
    with pytest.raises(JobboardError, match="one per posting"):
        boosts.targeted_confirm(posting=posting, scope="regions", actor=alice)
    client.force_login(alice)
    response = client.post(url("targeted", posting), {"scope": "regions"}, follow=True)
    assert "already has its targeted send" in response.content.decode()
    assert TargetedSend.objects.count() == 1 and CartLine.objects.count() == 1


@pytest.mark.parametrize("state", NOT_ACTIVE)
def test_a_targeted_send_is_refused_on_a_posting_that_is_not_active(client, alice, state):
    group = ready_group(alice)
    posting = _posting(group, alice, state=state, live=state == S.IN_VALIDATION)
    with pytest.raises(JobboardError, match="online"):
        boosts.targeted_confirm(posting=posting, scope="everywhere", actor=alice)
    client.force_login(alice)
    page = client.get(url("targeted", posting)).content.decode()
    assert "online (active) only" in page and 'name="scope"' not in page
    assert not TargetedSend.objects.exists()


def test_a_posting_outside_quebec_offers_only_everywhere(alice):
    group = ready_group(alice)
    posting = _posting(group, alice, location_kind="outside", city="")
    assert [s["scope"] for s in boosts.targeted_quote(posting)["scopes"]] == ["everywhere"]
    with pytest.raises(JobboardError, match="no region"):
        boosts.targeted_confirm(posting=posting, scope="regions", actor=alice)


def _paid_send(group, alice, n: int) -> TargetedSend:
    for i in range(n):
        seeker(email=f"r{i}@example.org")
    posting = _posting(group, alice)
    send = boosts.targeted_confirm(posting=posting, scope="regions", actor=alice)
    TargetedSend.objects.filter(pk=send.pk).update(state="paid", paid_at=timezone.now())
    return send


def test_a_worker_killed_mid_batch_then_retried_mails_each_recipient_once(
    alice, django_capture_on_commit_callbacks
):
    group = ready_group(alice)
    send = _paid_send(group, alice, 12)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(boosts._Injected):
        boosts.targeted_send_run(send.pk, batch_size=5, fail_after=3)
    # The first batch failed before its commit: nothing claimed, nothing sent.
    assert TargetedRecipient.objects.count() == 0 and len(mail.outbox) == 0
    with django_capture_on_commit_callbacks(execute=True):
        boosts.targeted_send_run(send.pk, batch_size=5)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"r{i}@example.org" for i in range(12))
    send.refresh_from_db()
    assert (send.state, send.sent_count) == ("sent", 12)


def test_a_paid_send_whose_task_was_lost_goes_out_with_the_15_minute_job(
    alice, django_capture_on_commit_callbacks
):
    """Redis restarted and lost the queued task: the scheduled job sends it, once."""
    from jobboard.tasks import publish_and_expire_postings

    group = ready_group(alice)
    send = _paid_send(group, alice, 3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_and_expire_postings()["targeted_resumed"] == 0  # paid just now: wait
    TargetedSend.objects.filter(pk=send.pk).update(
        paid_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_and_expire_postings()["targeted_resumed"] == 3
        assert publish_and_expire_postings()["targeted_resumed"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == [f"r{i}@example.org" for i in range(3)]
    send.refresh_from_db()
    assert send.state == "sent"


def test_a_crash_after_some_batches_resumes_where_it_stopped(
    alice, django_capture_on_commit_callbacks, monkeypatch
):
    group = ready_group(alice)
    send = _paid_send(group, alice, 12)
    mail.outbox.clear()
    real = boosts._send_batch
    calls = {"n": 0}

    def dies_on_the_third(*args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise boosts._Injected("killed")
        return real(*args)

    monkeypatch.setattr(boosts, "_send_batch", dies_on_the_third)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(boosts._Injected):
        boosts.targeted_send_run(send.pk, batch_size=5)
    assert len(mail.outbox) == 10 and TargetedRecipient.objects.count() == 10
    monkeypatch.setattr(boosts, "_send_batch", real)
    with django_capture_on_commit_callbacks(execute=True):
        assert boosts.targeted_send_run(send.pk, batch_size=5) == 2
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == len(set(addresses)) == 12


def test_a_seeker_who_withdrew_is_neither_counted_nor_sent(
    alice, django_capture_on_commit_callbacks
):
    group = ready_group(alice)
    seeker(email="yes@example.org")
    seeker(email="no@example.org", consent=False)
    posting = _posting(group, alice)
    send = boosts.targeted_confirm(posting=posting, scope="everywhere", actor=alice)
    assert send.recipient_count == 1
    TargetedSend.objects.filter(pk=send.pk).update(state="paid")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        boosts.targeted_send_run(send.pk)
    assert [m.to[0] for m in mail.outbox] == ["yes@example.org"]


def test_an_unpaid_send_is_not_sent(alice, django_capture_on_commit_callbacks):
    group = ready_group(alice)
    send = _paid_send(group, alice, 2)
    TargetedSend.objects.filter(pk=send.pk).update(state="pending")
    assert boosts.targeted_send_run(send.pk) == 0
    assert not TargetedRecipient.objects.exists()


def test_the_unsubscribe_link_withdraws_the_consent(
    client, alice, django_capture_on_commit_callbacks
):
    from tests.utils import link_in, path_of

    group = ready_group(alice)
    send = _paid_send(group, alice, 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        boosts.targeted_send_run(send.pk)
    link = path_of(link_in(mail.outbox[0].body, "/unsubscribe/"))
    client.post(link)
    assert not SeekerProfile.objects.get().targeted_consent


def test_test_payment_also_fulfils_the_send(alice, settings, django_capture_on_commit_callbacks):
    settings.BILLING_TEST_PAYMENTS = True
    group = ready_group(alice)
    send = _paid_send(group, alice, 2)
    TargetedSend.objects.filter(pk=send.pk).update(state="pending")
    address = BillingAddress.objects.create(
        group=group, name="P", street_address="1 rue A", city="Toronto", province="ON",
        postal_code="M5V 2T6",
    )  # fmt: skip
    order = order_create_from_cart(group=group, buyer=alice, address=address)
    with django_capture_on_commit_callbacks(execute=True):
        order_pay_test(order=order, actor=alice)
    send.refresh_from_db()
    assert send.state == "sent" and send.sent_count == 2


def test_a_member_without_the_buy_permission_cannot_order(client, alice):
    group = ready_group(alice)
    posting = _posting(group, alice)
    viewer = UserFactory()
    make_member(viewer, group, [])
    client.force_login(viewer)
    assert client.get(url("targeted", posting)).status_code == 403
    assert client.post(url("targeted", posting), {"scope": "regions"}).status_code == 403
    assert client.get(url("boosts", posting)).status_code == 403


@pytest.mark.parametrize("page", ["targeted", "boosts"])
def test_the_boosts_pages_run_a_fixed_number_of_queries(client, alice, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    group = ready_group(alice)
    posting = _posting(group, alice, places=[("region", "montreal"), ("city", "sherbrooke")])
    client.force_login(alice)
    counts = []
    for size in (1, 50):
        for _n in range(size):
            seeker()
        client.get(url(page, posting))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(page, posting)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_the_base_price_is_the_products_price(alice):
    group = ready_group(alice)
    seeker()
    posting = _posting(group, alice)
    boosts.targeted_product().__class__.objects.filter(code=boosts.TARGETED_PRODUCT).update(
        unit_price_cents=25000
    )
    assert [s["price_cents"] for s in boosts.targeted_quote(posting)["scopes"]] == [25200, 25200]
    send = boosts.targeted_confirm(posting=posting, scope="regions", actor=alice)
    assert send.price_cents == 25200
