"""Every write of the job board's postings: the wizard's drafts, submission (credits taken),
the regulator's decisions, the employer's actions and the scheduled publish/expire job.
One transaction each; the posting row is locked before it changes; each transition audited."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing import credits
from billing.errors import BillingError
from jobboard.employer.company import missing_company_info
from jobboard.errors import JobboardError
from jobboard.postings import signals
from jobboard.postings.models import Posting
from jobboard.postings.richtext import is_blank
from portal.lib import page_cache
from portal.lib.dates import add_business_days
from portal.lib.transitions import Workflow
from portal.models import AuditEvent, Review
from portal.services.audit import audit_record
from portal.services.reviews import review_open
from portal.system_text import localized, register_messages, system_text

S = Posting.State
POSTING_REVIEW = "jobboard.posting"
PUBLICATION_DAYS = 30
FEATURED_DAYS = 7
MIN_NOTICE_BUSINESS_DAYS = 3

# Credit types of the job board (billing keeps the balances).
ENGINEER = "jobboard.engineer"
CPI = "jobboard.cpi"
FEATURED = "jobboard.featured"
EXTENSION = "jobboard.extension"
CREDIT_LABELS = {
    ENGINEER: gettext_lazy("Engineer postings"),
    CPI: gettext_lazy("CPI postings"),
    FEATURED: gettext_lazy("Featured (7 days)"),
    EXTENSION: gettext_lazy("7-day extensions"),
}
# Product code -> (credit type, credits per unit bought).
PRODUCT_CREDITS = {
    "jobboard-engineer-1": (ENGINEER, 1),
    "jobboard-engineer-5": (ENGINEER, 5),
    "jobboard-engineer-10": (ENGINEER, 10),
    "jobboard-engineer-20": (ENGINEER, 20),
    "jobboard-cpi-1": (CPI, 1),
    "jobboard-featured": (FEATURED, 1),
    "jobboard-extension": (EXTENSION, 1),
}
# The product to suggest when a credit type is missing.
PRODUCT_FOR_CREDIT = {
    ENGINEER: "jobboard-engineer-1",
    CPI: "jobboard-cpi-1",
    FEATURED: "jobboard-featured",
    EXTENSION: "jobboard-extension",
}

POSTING = Workflow(
    "posting",
    {
        S.DRAFT: {S.IN_VALIDATION},
        # Cancel (back to draft, package attached), ask for changes, approve, refuse.
        S.IN_VALIDATION: {S.DRAFT, S.TO_REVISE, S.ACTIVE, S.SCHEDULED, S.ARCHIVED},
        S.TO_REVISE: {S.IN_VALIDATION, S.DRAFT},
        S.SCHEDULED: {S.ACTIVE, S.DRAFT, S.IN_VALIDATION},
        S.ACTIVE: {S.EXPIRED, S.IN_VALIDATION},
        S.EXPIRED: {S.ARCHIVED},
        S.ARCHIVED: set(),
    },
    error=lambda: JobboardError(_("This posting cannot change that way now.")),
)
# States in which the employer may change the content (then submit again).
EDITABLE = {S.DRAFT, S.TO_REVISE, S.SCHEDULED, S.ACTIVE}


def credit_for(posting: Posting) -> str:
    return CPI if posting.profile == Posting.Profile.CPI else ENGINEER


def posting_lock(posting: Posting) -> Posting:
    """The posting's row, locked until the transaction ends (every transition starts here)."""
    return (
        Posting.objects.select_for_update().select_related("group__organisation").get(pk=posting.pk)
    )


def fulfil_order_line(*, line) -> None:
    """billing's fulfilment hook: a paid package adds its credits to the group's bank."""
    kind, per_unit = PRODUCT_CREDITS[line.product.code]
    credits.credit_add(
        group=line.order.group, kind=kind, n=per_unit * line.quantity, order_line=line
    )


# --- The wizard ---------------------------------------------------------------------------


@transaction.atomic
def posting_create(*, group, actor, profile: str) -> Posting:
    posting = Posting.objects.create(group=group, created_by=actor, profile=profile, step="details")
    audit_record(actor=actor, subject=posting, verb="posting.created", to_state=S.DRAFT)
    return posting


def check_editable(posting: Posting, actor) -> None:
    regulator = getattr(actor, "staff_role", "") == "regulator"
    if posting.state in EDITABLE or (regulator and posting.state == S.IN_VALIDATION):
        return
    raise JobboardError(_("This posting cannot be changed in its current status."))


@transaction.atomic
def posting_save_step(*, posting: Posting, form, actor, next_step: str) -> Posting:
    """Save one wizard step's form (a ModelForm bound to `posting`), remembering how far the
    wizard went so that "resume creation" opens the next step."""
    locked = posting_lock(posting)
    check_editable(locked, actor)
    if locked.credit_kind and "profile" in form.changed_data:
        raise JobboardError(
            _("A package is attached to this posting: its profile can no longer change.")
        )
    posting = form.save()
    order = ["profile", "details", "configuration", "package", "preview"]
    if order.index(next_step) > order.index(posting.step if posting.step in order else "profile"):
        Posting.objects.filter(pk=posting.pk).update(step=next_step)
        posting.step = next_step
    return posting


def earliest_publication(submitted: datetime.date) -> datetime.date:
    return add_business_days(submitted, MIN_NOTICE_BUSINESS_DAYS, subdivision="QC")


def submission_problems(posting: Posting, today: datetime.date | None = None) -> list[str]:
    """Everything that stops the posting from going to validation, in the user's language."""
    today = today or timezone.localdate()
    problems = list(missing_company_info(posting.group))
    if not posting.profile:
        problems.append(_("Choose the profile sought (engineers or CPI)."))
    if not posting.title_fr.strip():
        problems.append(_("Give the posting a title in French."))
    if posting.function_type_id is None:
        problems.append(_("Choose a function type."))
    if not posting.domains.exists():
        problems.append(_("Choose at least one engineering field."))
    for field, label in (
        ("employment_type", _("employment type")),
        ("position_status", _("position status")),
        ("work_mode", _("work mode")),
    ):
        if not getattr(posting, field):
            problems.append(_("Choose the %(what)s.") % {"what": label})
    if posting.apply_deadline is None:
        problems.append(_("Give the application deadline."))
    elif posting.apply_deadline < today:
        problems.append(_("The application deadline is already past."))
    problems += location_problems(posting)
    for field, label in (
        ("purpose_fr", _("purpose of the position")),
        ("duties_fr", _("main duties")),
        ("qualifications_fr", _("qualifications")),
    ):
        if is_blank(getattr(posting, field)):
            problems.append(_("Write the section “%(what)s” in French.") % {"what": label})
    if not posting.apply_mode:
        problems.append(_("Say how candidates apply."))
    if posting.publish_mode == Posting.PublishMode.ON_DATE:
        problems += publication_date_problems(posting.publish_on, today)
    return problems


def location_problems(posting: Posting) -> list[str]:
    kind = posting.location_kind
    if not kind:
        return [_("Give the work location.")]
    if kind == Posting.Location.ADDRESS and not (posting.street_address and posting.city):
        return [_("Give the full address of the workplace in Quebec.")]
    if kind == Posting.Location.PLACES and not posting.places.exists():
        return [_("Choose at least one city or region of Quebec.")]
    return []


def publication_date_problems(day: datetime.date | None, today: datetime.date) -> list[str]:
    if day is None:
        return [_("Give the publication date.")]
    earliest = earliest_publication(today)
    if day < earliest:
        return [
            _(
                "The publication date must be at least 3 business days after the submission "
                "(holidays excluded): %(date)s or later."
            )
            % {"date": earliest.isoformat()}
        ]
    return []


@transaction.atomic
def posting_submit(*, posting: Posting, actor) -> Posting:
    """Send to the regulator. The posting takes its package (and its featured credit) from
    the group's bank now, unless one is already attached; with none left, nothing changes."""
    posting = posting_lock(posting)
    POSTING.check(posting, S.IN_VALIDATION)
    problems = submission_problems(posting)
    if problems:
        raise JobboardError(" ".join(str(p) for p in problems))
    needed = credit_for(posting)
    if posting.credit_kind and posting.credit_kind != needed:
        raise JobboardError(_("The package attached to this posting is for another profile."))
    try:
        if not posting.credit_kind:
            credits.credit_spend(
                group=posting.group, kind=needed, actor=actor, posting_id=posting.pk
            )
            posting.credit_kind = needed
        if posting.featured and not posting.featured_credit:
            credits.credit_spend(
                group=posting.group, kind=FEATURED, actor=actor, posting_id=posting.pk
            )
            posting.featured_credit = True
    except BillingError as error:
        raise JobboardError(
            _("No %(what)s credit is left in the group's bank: buy a package first.")
            % {"what": CREDIT_LABELS[needed if not posting.credit_kind else FEATURED]}
        ) from error
    POSTING.move(posting, S.IN_VALIDATION, actor=actor)
    posting.submitted_at = timezone.now()
    posting.save()
    review_open(
        kind=POSTING_REVIEW,
        subject=posting,
        applicant=actor,
        staff_role="regulator",
        summary=posting_review_summary(posting),
        business_days=2,
    )
    return posting


register_messages(
    {"jobboard.posting_review": gettext_lazy("Job posting: %(title)s — %(organisation)s")}
)


def posting_review_summary(posting: Posting) -> dict:
    """The regulator's inbox row, in the reader's language (the English title for English
    readers when the posting has one)."""
    return system_text(
        "jobboard.posting_review",
        title=localized(fr=posting.title_fr, en=posting.title_en),
        organisation=str(posting.group.organisation),
    )


def _close_review(posting: Posting) -> None:
    Review.objects.filter(
        kind=POSTING_REVIEW,
        subject_type=ContentType.objects.get_for_model(Posting),
        subject_id=posting.pk,
        state=Review.State.OPEN,
    ).update(state=Review.State.WITHDRAWN, updated_at=timezone.now())


@transaction.atomic
def posting_cancel(*, posting: Posting, actor) -> Posting:
    """Back to draft, its package still attached (in validation, to revise, soon published)."""
    posting = posting_lock(posting)
    if posting.state not in {S.IN_VALIDATION, S.TO_REVISE, S.SCHEDULED}:
        raise JobboardError(_("This posting cannot change that way now."))
    POSTING.move(posting, S.DRAFT, actor=actor, verb="posting.cancelled")
    _close_review(posting)
    posting.save()
    return posting


@transaction.atomic
def posting_return_package(*, posting: Posting, actor) -> Posting:
    """A draft that never went online gives its credits back to the bank."""
    posting = posting_lock(posting)
    if posting.state != S.DRAFT or not posting.credit_kind or posting.published_at:
        raise JobboardError(_("This posting has no package to give back."))
    credits.credit_return(
        group=posting.group, kind=posting.credit_kind, actor=actor, posting_id=posting.pk
    )
    if posting.featured_credit:
        credits.credit_return(
            group=posting.group, kind=FEATURED, actor=actor, posting_id=posting.pk
        )
    audit_record(actor=actor, subject=posting, verb="posting.package_returned")
    posting.credit_kind, posting.featured_credit = "", False
    posting.save(update_fields=["credit_kind", "featured_credit", "updated_at"])
    return posting


def snapshot(posting: Posting) -> dict:
    """What the public page shows, in both languages (kept while a new version is reviewed)."""

    def names(items):
        return [[item.name_fr, item.name_en] for item in items]

    data = {
        f: getattr(posting, f)
        for f in (
            "title_fr", "title_en", "purpose_fr", "purpose_en", "duties_fr", "duties_en",
            "qualifications_fr", "qualifications_en", "more_fr", "more_en", "profile",
            "employment_type", "position_status", "work_mode", "salary_note", "reference",
            "years_on_roll", "location_kind", "street_address", "city", "postal_code",
            "apply_mode", "apply_url", "apply_email",
        )
    }  # fmt: skip
    data["apply_deadline"] = posting.apply_deadline.isoformat() if posting.apply_deadline else ""
    function = posting.function_type
    data["function"] = [function.name_fr, function.name_en] if function else ["", ""]
    domains, places = list(posting.domains.all()), list(posting.places.all())
    data["domains"] = names(domains)
    data["places"] = names(places)
    # The search's filter columns are generated from these (migration 0005_search_*).
    data["domain_ids"] = [item.pk for item in domains]
    data["place_ids"] = [item.pk for item in places]
    data["interests"] = names(posting.interests.all())
    return data


def on_posting_approved(*, review, actor, note: str) -> None:
    """Approve: online now for 30 days, or soon published on its date. A new version of a
    posting already online replaces the published one and keeps its end date."""
    posting = posting_lock(review.subject)
    today = timezone.localdate()
    was_live = posting.live
    on_date = (
        posting.publish_mode == Posting.PublishMode.ON_DATE
        and posting.publish_on
        and posting.publish_on > today
        and not was_live
    )
    POSTING.move(posting, S.SCHEDULED if on_date else S.ACTIVE, actor=actor)
    posting.approved_at = timezone.now()
    posting.published = snapshot(posting)
    if not on_date and not was_live:
        _publish_fields(posting, today)
    posting.save()
    if not on_date and not was_live:
        signals.first_published.send(Posting, posting_ids=[posting.pk])
        signals.approved_live.send(Posting, posting=posting)


def _publish_fields(posting: Posting, start: datetime.date) -> None:
    posting.live = True
    posting.published_at = timezone.now()
    posting.ends_on = start + datetime.timedelta(days=PUBLICATION_DAYS)
    if posting.featured:
        posting.featured_until = start + datetime.timedelta(days=FEATURED_DAYS)


def on_posting_changes(*, review, actor, note: str) -> None:
    # The note is in the history once, on the review's decision line (not on this move too).
    posting = posting_lock(review.subject)
    POSTING.move(posting, S.TO_REVISE, actor=actor)
    posting.save()


def on_posting_refused(*, review, actor, note: str) -> None:
    """Refuse and withdraw (the rules were not followed): offline, no refund."""
    posting = posting_lock(review.subject)
    POSTING.move(posting, S.ARCHIVED, actor=actor, verb="posting.withdrawn")
    posting.live = False
    posting.ended_at = timezone.now()
    posting.save()


@transaction.atomic
def posting_end(*, posting: Posting, actor) -> Posting:
    """End a publication before its date (the employer, or regulator staff)."""
    posting = posting_lock(posting)
    POSTING.check(posting, S.EXPIRED)
    POSTING.move(posting, S.EXPIRED, actor=actor, verb="posting.ended")
    posting.live = False
    posting.ended_at = timezone.now()
    posting.save()
    return posting


@transaction.atomic
def posting_archive(*, posting: Posting, actor) -> Posting:
    posting = posting_lock(posting)
    if posting.state != S.EXPIRED:  # (a refusal also archives, from validation)
        raise JobboardError(_("Only an expired posting can be archived."))
    POSTING.move(posting, S.ARCHIVED, actor=actor)
    posting.save()
    return posting


def boost_credit_spend(posting: Posting, kind: str, actor) -> None:
    """Take one featured or extension credit from the group's bank for this posting."""
    try:
        credits.credit_spend(group=posting.group, kind=kind, actor=actor, posting_id=posting.pk)
    except BillingError as error:
        raise JobboardError(
            _("No %(what)s credit is left in the group's bank: buy a package first.")
            % {"what": CREDIT_LABELS[kind]}
        ) from error


@transaction.atomic
def product_price_set(*, product, price_cents: int, actor):
    """Regulator staff change a job board product's price (audited)."""
    if actor.staff_role != "regulator" or product.service != "jobboard":
        raise JobboardError(_("Only the regulator's staff may do this."))
    before = product.unit_price_cents
    product.unit_price_cents = price_cents
    product.save(update_fields=["unit_price_cents", "updated_at"])
    audit_record(
        actor=actor,
        subject=product,
        verb="product.price_changed",
        data={"from": before, "to": price_cents},
    )
    return product


COPIED = (
    "profile", "title_fr", "title_en", "function_type", "employment_type", "position_status",
    "work_mode", "salary_note", "reference", "years_on_roll", "location_kind", "street_address",
    "city", "postal_code", "purpose_fr", "purpose_en", "duties_fr", "duties_en",
    "qualifications_fr", "qualifications_en", "more_fr", "more_en", "apply_mode", "apply_url",
    "apply_email",
)  # fmt: skip


@transaction.atomic
def posting_duplicate(*, posting: Posting, actor) -> Posting:
    """A new draft with the same content, no package and no publication dates; the
    application deadline is kept while it is still ahead."""
    deadline = posting.apply_deadline
    copy = Posting.objects.create(
        group=posting.group,
        created_by=actor,
        step="details",
        apply_deadline=deadline if deadline and deadline >= timezone.localdate() else None,
        **{f: getattr(posting, f) for f in COPIED},
    )
    copy.domains.set(posting.domains.all())
    copy.places.set(posting.places.all())
    copy.interests.set(posting.interests.all())
    audit_record(
        actor=actor, subject=copy, verb="posting.created", to_state=S.DRAFT,
        data={"copy_of": posting.pk},
    )  # fmt: skip
    return copy


@transaction.atomic
def posting_staff_edit(*, posting: Posting, form, actor) -> Posting:
    """Regulator staff adjust a posting under validation before approving it (in the history)."""
    if actor.staff_role != "regulator":
        raise JobboardError(_("Only the regulator's staff may do this."))
    locked = posting_lock(posting)
    if locked.state != S.IN_VALIDATION:
        raise JobboardError(_("Only a posting in validation can be adjusted by staff."))
    changed = list(form.changed_data)
    posting = form.save()
    if changed:
        audit_record(
            actor=actor, subject=posting, verb="posting.staff_edited", data={"fields": changed}
        )
    return posting


# --- The scheduled job ---------------------------------------------------------------------

_PUBLISH_SQL = """
    UPDATE jobboard_posting SET state = 'active', live = true, published_at = %(now)s,
        ends_on = publish_on + %(days)s,
        featured_until = CASE WHEN featured THEN publish_on + %(featured)s END,
        updated_at = %(now)s
    WHERE state = 'scheduled' AND publish_on <= %(today)s
    RETURNING id
"""
_EXPIRE_SQL = """
    UPDATE jobboard_posting SET state = 'expired', live = false, ended_at = %(now)s,
        updated_at = %(now)s
    WHERE state = 'active' AND ends_on < %(today)s
    RETURNING id
"""
# A posting online while a new version is reviewed also goes offline at its end date.
_OFFLINE_SQL = """
    UPDATE jobboard_posting SET live = false, ended_at = %(now)s, updated_at = %(now)s
    WHERE live AND state <> 'active' AND ends_on < %(today)s
    RETURNING id
"""


def _set_based(sql: str, verb: str, from_state: str, to_state: str, params: dict) -> list[int]:
    """One conditional UPDATE: a second run (even at the same instant) finds nothing left,
    since each row's condition is checked again once the first run's lock is released."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
    subject_type = ContentType.objects.get_for_model(Posting)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                subject_type=subject_type,
                subject_id=pk,
                verb=verb,
                from_state=from_state,
                to_state=to_state,
            )
            for pk in ids
        ],
        batch_size=2000,
    )
    return ids


@transaction.atomic
def postings_publish_and_expire(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    params = {
        "now": timezone.now(),
        "today": today,
        "days": PUBLICATION_DAYS,
        "featured": FEATURED_DAYS,
    }
    published = _set_based(_PUBLISH_SQL, "posting.active", S.SCHEDULED, S.ACTIVE, params)
    signals.first_published.send(Posting, posting_ids=published)
    expired = _set_based(_EXPIRE_SQL, "posting.expired", S.ACTIVE, S.EXPIRED, params)
    offline = _set_based(_OFFLINE_SQL, "posting.offline", "", "", params)
    if published or expired or offline:
        page_cache.invalidate()  # one UPDATE, no post_save: the job site's pages go here
    return {"published": len(published), "expired": len(expired), "offline": len(offline)}
