"""Boosts demo (idempotent), after the seekers' demo (its consenting seekers are the
recipients): the demo employer's active posting with its targeted send already sent, a
second active posting whose targeted send waits in the cart, and the employer's posting
alerts switched on."""

import datetime

from django.utils import timezone

from accounts.models import User
from jobboard.boosts import services as boosts
from jobboard.boosts.alerts import ALERT_KEYS
from jobboard.boosts.models import TargetedRecipient, TargetedSend
from jobboard.postings import services
from jobboard.postings.models import Posting
from portal.alerts import alert_preferences_save


def seed() -> None:
    active = (
        Posting.objects.filter(
            group__organisation__registry_number="1171234567", state=Posting.State.ACTIVE
        )
        .select_related("group")
        .order_by("pk")
        .first()
    )
    if active is None or TargetedSend.objects.filter(posting__group=active.group).exists():
        return
    employer = User.objects.get(email="employer@example.com")
    alert_preferences_save(user=employer, choices={key: True for key in ALERT_KEYS.values()})
    # The first posting's send: paid and sent (recipients recorded, no e-mail in the demo).
    criteria = boosts.posting_criteria(active)
    matching = list(boosts.recipients(criteria, "everywhere").values_list("user_id", flat=True))
    now = timezone.now()
    sent = TargetedSend.objects.create(
        posting=active,
        scope="everywhere",
        criteria=criteria,
        recipient_count=len(matching),
        price_cents=boosts.targeted_price_cents(len(matching)),
        state=TargetedSend.State.SENT,
        created_by=employer,
        paid_at=now - datetime.timedelta(hours=3),
        sent_at=now - datetime.timedelta(hours=2),
        sent_count=len(matching),
    )
    TargetedRecipient.objects.bulk_create(
        TargetedRecipient(send=sent, user_id=pk, claimed_at=now) for pk in matching
    )
    # A second posting online, its targeted send in the cart (priced, waiting for payment).
    second = services.posting_duplicate(posting=active, actor=employer)
    Posting.objects.filter(pk=second.pk).update(
        state=Posting.State.ACTIVE,
        live=True,
        published_at=now,
        published=active.published,
        credit_kind=active.credit_kind,
        ends_on=timezone.localdate() + datetime.timedelta(days=5),
        title_fr="Ingénieur·e en structures (Québec)",
        title_en="Structural engineer (Quebec City)",
    )
    second.refresh_from_db()
    boosts.targeted_confirm(posting=second, scope="regions", actor=employer)
