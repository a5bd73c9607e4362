"""Boosts of an online posting (J7): featured 7 days, 7-day extension, and the targeted send
(« Envoi personnalisé ») to consenting seekers, priced per recipient before purchase.

Targeted send, step by step:
1. `targeted_quote(posting)`: the recipient count of each scope and its price
   ($300 + $2 per recipient), shown before anything goes in the cart.
2. `targeted_confirm(...)`: the employer confirms a scope; a `TargetedSend` row (one per
   posting: unique) fixes the count and the price, and goes in the group's cart as a line
   carrying its reference (billing's `cart_add_case`).
3. Payment: billing runs the fulfilment hook `fulfil_targeted` (the send becomes paid) and the
   Celery task `targeted_send_run` goes out the same day.
4. `targeted_send_run`: batch after batch, claims the recipients still consenting and
   matching (`TargetedRecipient` unique (send, user), INSERT … ON CONFLICT DO NOTHING) and
   stores their e-mails in the same transaction: a duplicate task or a worker killed
   mid-batch (the batch rolls back, claims and e-mails together) never mails anyone twice.

Who matches (decided here, documented in docs/jobboard_boosts.md):
- seekers with `targeted_consent`, the posting's profile (engineer / CPI), an active account;
- at least one of the posting's fields (a posting without fields matches every field);
- engineer postings: years on the roll >= the posting's minimum (0, 1, 5, 10);
- scope "regions": seekers whose regions overlap the posting's regions (its regions, the
  regions of its cities, the region of its address's city); a seeker "also outside Quebec"
  matches only through their regions;
- scope "everywhere": no region filter (every matching seeker, outside-Quebec ones too).
"""

import datetime
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing import credits
from billing.errors import BillingError
from billing.models import Product
from billing.services import cart_add_case
from jobboard.boosts.models import TargetedRecipient, TargetedSend
from jobboard.errors import JobboardError
from jobboard.postings import services
from jobboard.postings.models import Posting, ReferenceItem
from jobboard.seekers.models import SeekerProfile
from jobboard.seekers.unsubscribe import unsubscribe_headers, unsubscribe_url
from portal.lib.tasks import enqueue_on_commit
from portal.models import OutboundEmail
from portal.notify import queue_emails_bulk, render_email
from portal.services.audit import audit_record

S = Posting.State
T = TargetedSend.State
FEATURED_DAYS = services.FEATURED_DAYS
EXTENSION_DAYS = 7
TARGETED_BASE_CENTS = 30000
TARGETED_PER_RECIPIENT_CENTS = 200
TARGETED_PRODUCT = "jobboard-targeted"
TARGETED_HOOK = "jobboard.targeted_send"
TARGETED_MAILING = "targeted"
TARGETED_TEMPLATE = "jobboard_targeted_send"
BATCH_SIZE = 500
TARGETED_PRODUCT_DEFAULTS = {
    "service": "jobboard",
    "name_fr": "Envoi personnalisé",
    "name_en": "Targeted send",
    "unit_price_cents": TARGETED_BASE_CENTS,
    "min_quantity": 1,
    "max_quantity": 1,
    "hook": TARGETED_HOOK,
}
# The posting's "years on the roll" choice -> the minimum a seeker must have.
MIN_YEARS = {"": 0, "0": 0, "1-4": 1, "5-9": 5, "10+": 10}
# ReferenceItem has no city -> region link: the administrative region of each city of the
# reference list, by code (a city added in the admin without an entry here gives no region).
CITY_REGION = {
    "montreal": "montreal",
    "quebec": "capitale-nationale",
    "laval": "laval",
    "gatineau": "outaouais",
    "longueuil": "monteregie",
    "sherbrooke": "estrie",
    "saguenay": "saguenay-lac-saint-jean",
    "levis": "chaudiere-appalaches",
    "trois-rivieres": "mauricie",
    "terrebonne": "lanaudiere",
    "rimouski": "bas-saint-laurent",
    "sept-iles": "cote-nord",
    "rouyn-noranda": "abitibi-temiscamingue",
}


def register() -> None:
    """Billing's fulfilment hook and the words of the history (the "targeted" unsubscribe,
    which withdraws the consent, is registered with the seekers' mailings)."""
    from billing.hooks import register_fulfilment
    from portal.audit_labels import register_verbs

    register_fulfilment(TARGETED_HOOK, fulfil_targeted)
    register_verbs(
        {
            "posting.targeted_ordered": gettext_lazy("Targeted send ordered"),
            "posting.targeted_paid": gettext_lazy("Targeted send paid"),
            "posting.targeted_sent": gettext_lazy("Targeted send delivered"),
        }
    )


def _check_active(posting: Posting) -> None:
    if posting.state != S.ACTIVE or not posting.live:
        raise JobboardError(
            _("Boosts apply to a posting online (active) only; this one is “%(state)s”.")
            % {"state": posting.get_state_display()}
        )


# --- Featured and extension -----------------------------------------------------------------


def featured_days_left(posting: Posting, today: datetime.date | None = None) -> int:
    """How many featured days a boost bought today would give (capped by the end date)."""
    today = today or timezone.localdate()
    if posting.ends_on is None:
        return 0
    return max(0, min(FEATURED_DAYS, (posting.ends_on - today).days))


def needs_extension_for_featured(posting: Posting, today: datetime.date | None = None) -> bool:
    return featured_days_left(posting, today) < FEATURED_DAYS


@transaction.atomic
def posting_feature(*, posting: Posting, actor) -> Posting:
    """Featured for 7 days from today, never past the end date (an extension gives the
    missing days back); takes a featured credit from the group's bank."""
    posting = services.posting_lock(posting)
    today = timezone.localdate()
    _check_active(posting)
    if posting.featured_until and posting.featured_until >= today:
        raise JobboardError(_("This posting is already featured."))
    services.boost_credit_spend(posting, services.FEATURED, actor)
    posting.featured, posting.featured_credit = True, True
    posting.featured_since = today
    assert posting.ends_on is not None  # an active posting has its end date
    posting.featured_until = min(today + datetime.timedelta(days=FEATURED_DAYS), posting.ends_on)
    audit_record(
        actor=actor,
        subject=posting,
        verb="posting.featured",
        data={"until": str(posting.featured_until)},
    )
    posting.save(
        update_fields=[
            "featured",
            "featured_credit",
            "featured_since",
            "featured_until",
            "updated_at",
        ]
    )
    return posting


@transaction.atomic
def posting_extend(*, posting: Posting, actor) -> Posting:
    """7 more days online; a featured period cut short by the old end date gets its full
    7 days back (still within the new end date). Takes an extension credit."""
    posting = services.posting_lock(posting)
    _check_active(posting)
    assert posting.ends_on is not None  # an active posting has its end date
    services.boost_credit_spend(posting, services.EXTENSION, actor)
    posting.ends_on += datetime.timedelta(days=EXTENSION_DAYS)
    fields = ["ends_on", "updated_at"]
    today = timezone.localdate()
    if posting.featured_since and posting.featured_until and posting.featured_until >= today:
        full = posting.featured_since + datetime.timedelta(days=FEATURED_DAYS)
        posting.featured_until = max(posting.featured_until, min(full, posting.ends_on))
        fields.append("featured_until")
    audit_record(
        actor=actor, subject=posting, verb="posting.extended", data={"until": str(posting.ends_on)}
    )
    posting.save(update_fields=fields)
    return posting


def boost_balances(group) -> dict[str, int]:
    balances = credits.balances(group)
    return {kind: balances.get(kind, 0) for kind in (services.FEATURED, services.EXTENSION)}


# --- Targeted send: who matches --------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("-", " ")


def posting_region_ids(posting: Posting) -> list[int]:
    """The posting's regions: its regions, the regions of its cities, and the region of its
    full address's city when that city is in the reference list (two queries)."""
    codes: set[str] = set()
    items = list(posting.places.all())
    for entry in items:
        if entry.kind == ReferenceItem.Kind.REGION:
            codes.add(entry.code)
        elif entry.kind == ReferenceItem.Kind.CITY and entry.code in CITY_REGION:
            codes.add(CITY_REGION[entry.code])
    if posting.location_kind == Posting.Location.ADDRESS and posting.city:
        folded = _fold(posting.city)
        for code, region in CITY_REGION.items():
            if _fold(code) == folded:
                codes.add(region)
    if not codes:
        return []
    return sorted(
        ReferenceItem.objects.filter(kind=ReferenceItem.Kind.REGION, code__in=codes).values_list(
            "pk", flat=True
        )
    )


def posting_criteria(posting: Posting) -> dict:
    engineer = posting.profile == Posting.Profile.ENGINEER
    return {
        "profile": posting.profile,
        "field_ids": sorted(posting.domains.values_list("pk", flat=True)),
        "region_ids": posting_region_ids(posting),
        "min_years": MIN_YEARS.get(posting.years_on_roll, 0) if engineer else 0,
    }


def recipients(criteria: dict, scope: str):
    """The matching consenting seekers (a queryset: `.count()` for the quote)."""
    qs = SeekerProfile.objects.filter(
        targeted_consent=True, profile=criteria["profile"], user__is_active=True
    )
    if criteria["field_ids"]:
        qs = qs.filter(field_ids__overlap=criteria["field_ids"])
    if criteria["min_years"]:
        qs = qs.filter(years_on_roll__gte=criteria["min_years"])
    if scope == TargetedSend.Scope.REGIONS:
        qs = qs.filter(region_ids__overlap=criteria["region_ids"] or [0])
    return qs


def targeted_price_cents(count: int, base_cents: int | None = None) -> int:
    """$300 (the product's price, which the regulator may change) + $2 per recipient."""
    if base_cents is None:
        base_cents = targeted_product().unit_price_cents
    return base_cents + TARGETED_PER_RECIPIENT_CENTS * count


def targeted_quote(posting: Posting) -> dict:
    """Both scopes' recipient counts and prices, before anything goes in the cart."""
    criteria = posting_criteria(posting)
    base = targeted_product().unit_price_cents
    scopes = []
    for scope, label in TargetedSend.Scope.choices:
        if scope == TargetedSend.Scope.REGIONS and not criteria["region_ids"]:
            continue  # a posting outside Quebec has no region to target
        count = recipients(criteria, scope).count()
        scopes.append(
            {
                "scope": scope,
                "label": label,
                "count": count,
                "price_cents": targeted_price_cents(count, base),
            }
        )
    return {"criteria": criteria, "scopes": scopes, "base_cents": base}


def targeted_product() -> Product:
    product, _created = Product.objects.get_or_create(
        code=TARGETED_PRODUCT, defaults=TARGETED_PRODUCT_DEFAULTS
    )
    return product


def _description(send: TargetedSend, posting: Posting) -> str:
    return _("Targeted send — %(title)s (%(count)s recipients)") % {
        "title": posting.title_fr or posting.title,
        "count": send.recipient_count,
    }


@transaction.atomic
def targeted_confirm(*, posting: Posting, scope: str, actor) -> TargetedSend:
    """Fix the count and the price of the posting's one targeted send and put it in the
    group's cart. A second one is refused (the posting row is locked; the unique row decides
    if two requests still get here together)."""
    posting = services.posting_lock(posting)
    _check_active(posting)
    if scope not in TargetedSend.Scope.values:
        raise JobboardError(_("Choose who receives the targeted send."))
    if TargetedSend.objects.filter(posting=posting).exists():
        raise JobboardError(_("This posting already has its targeted send (one per posting)."))
    criteria = posting_criteria(posting)
    if scope == TargetedSend.Scope.REGIONS and not criteria["region_ids"]:
        raise JobboardError(_("This posting has no region of Quebec: choose “everywhere”."))
    count = recipients(criteria, scope).count()
    try:
        with transaction.atomic():
            send = TargetedSend.objects.create(
                posting=posting,
                scope=scope,
                criteria=criteria,
                recipient_count=count,
                price_cents=targeted_price_cents(count),
                created_by=actor,
            )
    except IntegrityError as error:
        raise JobboardError(
            _("This posting already has its targeted send (one per posting).")
        ) from error
    targeted_to_cart(send=send, posting=posting)
    audit_record(
        actor=actor,
        subject=posting,
        verb="posting.targeted_ordered",
        data={"scope": scope, "count": count, "price_cents": send.price_cents},
    )
    return send


def targeted_to_cart(*, send: TargetedSend, posting: Posting):
    """The send's line in the cart, at its fixed price (again, if it was removed)."""
    if send.state != T.PENDING:
        raise JobboardError(_("This targeted send is already paid."))
    description = _description(send, posting)  # in the buyer's language, like the order
    try:
        return cart_add_case(
            group=posting.group,
            product=targeted_product(),
            reference=send.reference,
            unit_price_cents=send.price_cents,
            description=description,
        )
    except BillingError as error:
        raise JobboardError(error.message) from error


def fulfil_targeted(*, line) -> None:
    """billing's hook: the send is paid; it goes out today, through Celery."""
    prefix, _sep, pk = line.reference.partition(":")
    if prefix != "targeted-send" or not pk.isdigit():
        raise JobboardError(_("This order line is not a targeted send."))
    send = TargetedSend.objects.select_for_update().get(pk=int(pk))
    if send.state != T.PENDING:
        return
    send.state, send.paid_at = T.PAID, timezone.now()
    send.save(update_fields=["state", "paid_at"])
    audit_record(actor=None, subject=send.posting, verb="posting.targeted_paid")
    enqueue_on_commit("jobboard.targeted_send", send.pk)


# --- Targeted send: going out ---------------------------------------------------------------

_CLAIM_SQL = """
    INSERT INTO {recipient} (send_id, user_id, claimed_at)
    SELECT %(send)s, sp.user_id, %(now)s
    FROM ({matching}) AS sp
    WHERE NOT EXISTS (
        SELECT 1 FROM {recipient} r WHERE r.send_id = %(send)s AND r.user_id = sp.user_id
    )
    ORDER BY sp.user_id
    LIMIT %(limit)s
    ON CONFLICT (send_id, user_id) DO NOTHING
    RETURNING user_id
"""


class _Injected(Exception):
    """Raised by tests to simulate a worker killed mid-batch."""


def _matching_sql(send: TargetedSend) -> tuple[str, tuple]:
    qs = recipients(send.criteria, send.scope).values("user_id")
    sql, params = qs.query.sql_with_params()
    return sql, params


def public_url(posting: Posting, language: str) -> str:
    with translation.override(language):
        path = reverse("jobboard:job", args=[posting.pk])
    return settings.SITE_URL.rstrip("/") + path


def _send_batch(send: TargetedSend, posting: Posting, limit: int, fail_after) -> int:
    """One transaction: claim up to `limit` recipients and store their e-mails (three
    statements whatever the batch size); the e-mails leave after commit."""

    matching, params = _matching_sql(send)
    sql = _CLAIM_SQL.format(recipient=TargetedRecipient._meta.db_table, matching=matching)
    # The matching part's parameters are positional: inline the named ones around it.
    sql = sql.replace("%(send)s", "%s").replace("%(now)s", "%s").replace("%(limit)s", "%s")
    now = timezone.now()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, (send.pk, now, *params, send.pk, limit))
            user_ids = [row[0] for row in cursor.fetchall()]
        if not user_ids:
            return 0
        users = get_user_model().objects.filter(pk__in=user_ids).order_by("pk")
        company = str(posting.group.organisation)
        emails = []
        for n, user in enumerate(users):
            if fail_after is not None and n >= fail_after:
                raise _Injected(f"worker killed after {n} e-mails")
            headers = unsubscribe_headers(user, TARGETED_MAILING)
            language = user.language or settings.LANGUAGE_CODE
            language, subject, body_text, body_html = render_email(
                user,
                TARGETED_TEMPLATE,
                {
                    "posting": posting,
                    "title": _posting_title(posting, language),
                    "company": company,
                    "posting_url": public_url(posting, language),
                    "unsubscribe_url": unsubscribe_url(user, TARGETED_MAILING),
                },
            )
            emails.append(
                OutboundEmail(
                    recipient=user,
                    to=user.email,
                    subject=subject,
                    body_text=body_text,
                    body_html=body_html,
                    template=TARGETED_TEMPLATE,
                    language=language,
                    headers=headers,
                )
            )
        return len(queue_emails_bulk(emails))


def _posting_title(posting: Posting, language: str) -> str:
    data = posting.published or {}
    fr, en = data.get("title_fr") or posting.title_fr, data.get("title_en") or posting.title_en
    return en if language == "en" and en else fr


def targeted_send_run(send_id: int, *, batch_size: int = BATCH_SIZE, fail_after=None) -> int:
    """Send a paid targeted send, batch after batch; safe to run twice, or again after a
    crash: each recipient is claimed once. Returns the e-mails stored by this run."""
    started = TargetedSend.objects.filter(pk=send_id, state__in=[T.PAID, T.SENDING]).update(
        state=T.SENDING
    )
    if not started:
        return 0
    # One runner at a time (a duplicate task returns at once and lets the first finish; a
    # killed worker's lock goes with its connection). The claimed rows alone already make
    # each e-mail unique: the lock only saves work and a premature "sent".
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, send_id])
        (locked,) = cursor.fetchone()
    if not locked:
        return 0
    try:
        total = _send_all(send_id, batch_size, fail_after)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, send_id])
    return total


LOCK_SPACE = 7401  # advisory lock namespace of targeted sends
# A paid send whose task was lost (Redis restarted and lost its queue, a worker died before it
# started) is picked up again by the 15-minute job after this long.
RESUME_AFTER = datetime.timedelta(minutes=10)


def targeted_sends_resume(*, now=None) -> int:
    """Run again every paid (or half-sent) targeted send paid more than RESUME_AFTER ago:
    its task may be lost with the broker's queue. Safe beside a live task (one runner per
    send, each recipient claimed once). Returns the e-mails stored."""
    now = now or timezone.now()
    stuck = TargetedSend.objects.filter(
        state__in=[T.PAID, T.SENDING], paid_at__lt=now - RESUME_AFTER
    ).values_list("pk", flat=True)
    return sum(targeted_send_run(pk) for pk in list(stuck))


def _send_all(send_id: int, batch_size: int, fail_after) -> int:
    send = TargetedSend.objects.select_related("posting__group__organisation").get(pk=send_id)
    posting = send.posting
    total = 0
    while True:
        n = _send_batch(send, posting, batch_size, fail_after)
        total += n
        if n < batch_size:
            break
    sent = TargetedRecipient.objects.filter(send_id=send_id).count()
    finished = TargetedSend.objects.filter(pk=send_id, state=T.SENDING).update(
        state=T.SENT, sent_at=timezone.now(), sent_count=sent
    )
    if finished:
        audit_record(actor=None, subject=posting, verb="posting.targeted_sent", data={"n": sent})
    return total
