"""S9 seats: an organisation with a `SeatLimit` lets at most that many of its members be signed
in at once. Any number of accounts may exist; the count is decided in the database, under a
lock on the organisation's `SeatLimit` row, at sign-in.

A seat is one `Seat` row per session. It goes on sign-out (`user_logged_out`), when a manager
ends the session, and when found stale at the next count: its session row is gone or expired,
or it saw no request for SESSION_IDLE_TIMEOUT seconds (the idle timeout of
accounts.middleware), or it is older than SESSION_ABSOLUTE_TIMEOUT. (Sessions are stored in
the database, Django's default engine, so "session gone" is one subquery.)
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Seat, SeatLimit

# Whether the session holds seats, set at sign-in (accounts.adapter): the timeout middleware
# touches the seats of a session only when it holds some. A session from before this key
# existed is touched as before.
SESSION_SEATED = "portal_session_seated"


@dataclass
class SeatsFull(Exception):
    """A sign-in refused: every seat of `organisation` is taken (by `holders`, live seats)."""

    organisation: Any  # portal.models.Organisation (accounts' models load before portal's)
    seats: int
    holders: list[Seat]


def seat_limit_set(*, organisation, seats: int | None) -> None:
    """Set (or, with None, remove) an organisation's seat count; casework feeds its providers'."""
    if seats is None:
        SeatLimit.objects.filter(organisation=organisation).delete()
    else:
        SeatLimit.objects.update_or_create(organisation=organisation, defaults={"seats": seats})


def _stale(now) -> Q:
    live_sessions = Session.objects.filter(expire_date__gt=now).values("session_key")
    return (
        Q(last_seen_at__lt=now - timedelta(seconds=settings.SESSION_IDLE_TIMEOUT))
        | Q(taken_at__lt=now - timedelta(seconds=settings.SESSION_ABSOLUTE_TIMEOUT))
        | ~Q(session_key__in=live_sessions)
    )


def live_seats(organisation_id: int):
    """The seats in use now, oldest first, with their users (one query)."""
    return (
        Seat.objects.filter(organisation_id=organisation_id)
        .exclude(_stale(timezone.now()))
        .select_related("user")
        .order_by("taken_at", "pk")
    )


def _seat_limited_organisations(user) -> list[int]:
    from portal.models import Membership

    return list(
        SeatLimit.objects.filter(
            organisation__groups__memberships__user=user,
            organisation__groups__memberships__status=Membership.Status.ACTIVE,
        )
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def seat_take(*, user, session_key: str) -> bool:
    """Give the session a seat in each seat-limited organisation the user is an active member
    of, or raise SeatsFull and take none. One transaction; the limit rows are locked in id
    order so two sign-ins never deadlock. True when the session holds seats (the timeout
    middleware then keeps them alive; a session without seats never writes to seats)."""
    organisation_ids = _seat_limited_organisations(user)
    if not organisation_ids:
        return False
    now = timezone.now()
    with transaction.atomic():
        limits = (
            SeatLimit.objects.select_for_update()
            .filter(organisation_id__in=organisation_ids)
            .select_related("organisation")
            .order_by("organisation_id")
        )
        for limit in limits:
            Seat.objects.filter(organisation_id=limit.organisation_id).filter(_stale(now)).delete()
            seats = Seat.objects.filter(organisation_id=limit.organisation_id)
            users = set(seats.values_list("user_id", flat=True))
            if user.pk not in users and len(users) >= limit.seats:
                holders = list(live_seats(limit.organisation_id))
                raise SeatsFull(limit.organisation, limit.seats, holders)
            Seat.objects.create(
                organisation_id=limit.organisation_id,
                user=user,
                session_key=session_key,
                taken_at=now,
                last_seen_at=now,
            )
    return True


def seat_release(*, session_key: str | None) -> None:
    if session_key:
        Seat.objects.filter(session_key=session_key).delete()


def seat_touch(*, session_key: str | None) -> None:
    """The session is active (written at most once a minute by the timeout middleware)."""
    if session_key:
        Seat.objects.filter(session_key=session_key).update(last_seen_at=timezone.now())


def seat_end(*, seat: Seat, actor) -> None:
    """A manager ends another user's session: the session is deleted (the user is signed out
    at their next request) and the seat is free at once."""
    from importlib import import_module

    from allauth.usersessions.models import UserSession

    from portal.services.audit import audit_record

    with transaction.atomic():
        key = seat.session_key
        UserSession.objects.filter(session_key=key).delete()
        import_module(settings.SESSION_ENGINE).SessionStore(session_key=key).delete()
        Seat.objects.filter(session_key=key).delete()
        audit_record(
            actor=actor,
            subject=seat.organisation,
            verb="seat.ended",
            note=seat.user.email,
            data={"user": seat.user_id},
        )


def seats_full_message(full: SeatsFull, user) -> str:
    """The refusal, in the active language; a manager of the organisation also reads who holds
    the seats, so they can ask someone to sign out."""
    from django.utils import formats
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from portal.models import Membership

    message = ngettext(
        "The %(seats)d seat of %(organisation)s is in use. Try again when someone signs out "
        "or their session expires after %(minutes)d minutes without activity.",
        "All %(seats)d seats of %(organisation)s are in use. Try again when someone signs "
        "out or their session expires after %(minutes)d minutes without activity.",
        full.seats,
    ) % {
        "seats": full.seats,
        "organisation": full.organisation,
        "minutes": settings.SESSION_IDLE_TIMEOUT // 60,
    }
    from portal.roles import MANAGE_GROUP, permissions_for

    memberships = Membership.objects.filter(
        user=user, group__organisation=full.organisation, status=Membership.Status.ACTIVE
    ).select_related("group")
    is_manager = any(MANAGE_GROUP in permissions_for(m.roles, m.group.service) for m in memberships)
    if is_manager and full.holders:
        people = "; ".join(
            _("%(name)s (since %(time)s)")
            % {
                "name": seat.user.display_name,
                "time": formats.time_format(timezone.localtime(seat.taken_at), "H:i"),
            }
            for seat in full.holders
        )
        message += " " + _("Seats in use by: %(people)s.") % {"people": people}
    return message
