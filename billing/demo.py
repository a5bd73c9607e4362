"""Billing demo data (idempotent): a promo code. Services seed their own orders."""

import datetime

from django.utils import timezone

from billing.models import PromoCode


def seed() -> None:
    today = timezone.localdate()
    PromoCode.objects.get_or_create(
        code="BIENVENUE10",
        defaults={
            "percent_off": 10,
            "valid_from": today - datetime.timedelta(days=30),
            "valid_until": today + datetime.timedelta(days=365),
            "max_uses": 100,
        },
    )
