"""Seat pages (S9) for the foreign-user walk: charlie (Globex) asks for Acme's seats."""

from django.utils import timezone

from accounts.models import Seat, SeatLimit
from tests.foreign_walk import Case


def cases(world) -> list[Case]:
    from portal.models import Group

    w = world
    seat = w.acme  # the stand-in world of the URL check has no database rows
    if isinstance(w.acme, Group):
        SeatLimit.objects.get_or_create(organisation=w.acme.organisation, defaults={"seats": 3})
        now = timezone.now()
        seat, _ = Seat.objects.get_or_create(
            organisation=w.acme.organisation,
            user=w.bob,
            session_key="foreign-walk-seat",
            defaults={"taken_at": now, "last_seen_at": now},
        )
    return [
        Case("seats", {"group_id": w.acme.pk}, w.charlie),
        Case("seat_end", {"group_id": w.acme.pk, "seat_id": seat.pk}, w.charlie),
        # The outsider's own group with another organisation's seat.
        Case("seat_end", {"group_id": w.globex.pk, "seat_id": seat.pk}, w.charlie),
    ]
