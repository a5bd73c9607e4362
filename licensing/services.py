"""Every write of licensing: codes for a paid order, tracking notes, the introductory course,
applications and their review, redemption, the course and exam, reminders and lapses."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from credentials.models import Credential
from licensing import codes as codebook
from licensing.errors import LicensingError
from licensing.models import (
    WINDOW_DAYS,
    Application,
    IntroCourseCompletion,
    LicenceCode,
    WeeklySummarySent,
)
from portal.files import private_file_store
from portal.lib.throttle import Attempt, Throttle, take
from portal.lib.transitions import Workflow
from portal.models import Group
from portal.notify import notify
from portal.services.audit import audit_record
from portal.services.reviews import review_open

APPLICATION_REVIEW = "licensing.application"
STAFF_ROLE = "certification_office"
S = Application.State

TRANSITIONS: dict[str, set[str]] = {
    S.APPLIED: {S.APPROVED, S.REFUSED, S.CHANGES_REQUESTED},
    S.CHANGES_REQUESTED: {S.APPLIED},
    S.APPROVED: {S.REDEEMED, S.LAPSED},
    S.REDEEMED: {S.COURSE_COMPLETED},
    S.COURSE_COMPLETED: {S.CERTIFIED, S.EXAM_FAILED},
    S.EXAM_FAILED: {S.CERTIFIED},
    S.REFUSED: set(),
    S.LAPSED: set(),
    S.CERTIFIED: set(),
}


APPLICATION = Workflow(
    "application",
    TRANSITIONS,
    error=lambda: LicensingError(_("This application cannot change that way now.")),
)


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("applicant", "certification")
        .get(pk=application.pk)
    )


# --- Codes --------------------------------------------------------------------------------


def codes_create(*, group: Group, count: int, order_line=None) -> int:
    """`count` new codes for `group` in ONE insert; codes that collide with existing ones
    (astronomically rare) are drawn again before inserting. Returns the number created."""
    for _attempt in range(5):
        fresh: set[str] = set()
        while len(fresh) < count:
            fresh.add(codebook.generate())
        taken = set(LicenceCode.objects.filter(code__in=fresh).values_list("code", flat=True))
        while taken:
            fresh -= taken
            while len(fresh) < count:
                fresh.add(codebook.generate())
            taken = set(LicenceCode.objects.filter(code__in=fresh).values_list("code", flat=True))
        try:
            with transaction.atomic():
                LicenceCode.objects.bulk_create(
                    [LicenceCode(group=group, order_line=order_line, code=c) for c in fresh]
                )
            return count
        except IntegrityError:  # a concurrent insert took one of them: draw again
            continue
    raise LicensingError(_("Could not create the licence codes; try again."))


def fulfil_order_line(*, line) -> None:
    """billing's fulfilment hook for licences: one code per licence bought."""
    codes_create(group=line.order.group, count=line.quantity, order_line=line)


@transaction.atomic
def code_notes_save(*, code: LicenceCode, assigned_to: str, assigned_on, actor) -> LicenceCode:
    code.assigned_to = assigned_to.strip()
    code.assigned_on = assigned_on
    code.save(update_fields=["assigned_to", "assigned_on", "updated_at"])
    return code


# Guessing codes is slowed down (a code has 75 random bits: this stops noise, not secrecy):
# tries per person, and a high ceiling per client address, so that one person's mistakes
# never lock out an office behind one address. No counter per company: outsiders typing a
# used code of a company must not lock out its honest employees (issue 18).
CODE_PER_USER = Throttle("licensing-code-user", limit=10, window=3600)
CODE_PER_ADDRESS = Throttle("licensing-code-ip", limit=200, window=15 * 60)
security_log = logging.getLogger("portal.security")


def code_attempt(*, user, ip: str) -> Attempt:
    """Count a try of a code against the person and the address BEFORE the code is looked at
    (atomic: simultaneous tries in any number of web workers get no more than the limit
    checked). `attempt.wait` > 0: refused, wait that long. A code that works is given back
    (`attempt.give_back()`): only refused codes count."""
    attempt = take((CODE_PER_USER, user.pk), (CODE_PER_ADDRESS, ip or "-"))
    for throttle, part in attempt.filled:
        security_log.warning("licence code guessing blocked %s=%s", throttle.name, part)
    return attempt


def code_lookup(typed: str) -> LicenceCode:
    """The code typed by an employee. The check character is tested before any query."""
    try:
        normalised = codebook.normalise(typed)
    except codebook.CodeError as error:
        if error.reason == "check":
            raise LicensingError(
                _("This code has a typing mistake: check each character and try again.")
            ) from error
        raise LicensingError(
            _("A licence code has 16 letters and digits, like ABCD-EFGH-JKMN-PQRS.")
        ) from error
    code = LicenceCode.objects.filter(code=normalised).first()
    if code is None:
        raise LicensingError(_("This code does not exist. Check it with your company."))
    return code


def _release_code(application: Application, actor) -> None:
    """A refused or lapsed application gives its code back to the company, unused."""
    released = LicenceCode.objects.filter(application=application, state=LicenceCode.State.IN_USE)
    for code in released.select_for_update():
        code.state, code.application = LicenceCode.State.UNUSED, None
        code.save(update_fields=["state", "application", "updated_at"])
        audit_record(
            actor=actor,
            subject=code,
            verb="code.released",
            from_state=LicenceCode.State.IN_USE,
            to_state=LicenceCode.State.UNUSED,
            data={"application": application.pk},
        )


def _reserve_code(application: Application, typed: str, actor) -> None:
    code = code_lookup(typed)
    reserved = LicenceCode.objects.filter(pk=code.pk, state=LicenceCode.State.UNUSED).update(
        state=LicenceCode.State.IN_USE, application=application, updated_at=timezone.now()
    )
    if not reserved:
        raise LicensingError(_("This code is already used by someone else."))
    audit_record(
        actor=actor,
        subject=code,
        verb="code.in_use",
        from_state="unused",
        to_state="in_use",
        data={"application": application.pk},
    )


# --- Employee: introductory course and application ----------------------------------------


def intro_course_complete(*, user) -> IntroCourseCompletion:
    completion, _created = IntroCourseCompletion.objects.get_or_create(user=user)
    return completion


@transaction.atomic
def application_submit(*, applicant, certification, documents: list, code: str = "") -> Application:
    if not IntroCourseCompletion.objects.filter(user=applicant).exists():
        raise LicensingError(_("Complete the free introductory course before applying."))
    if Application.objects.filter(
        applicant=applicant, certification=certification, state__in=Application.OPEN_STATES
    ).exists():
        raise LicensingError(
            _("You already have an application in progress for this certification.")
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                applicant=applicant, certification=certification
            )
    except IntegrityError as error:
        raise LicensingError(
            _("You already have an application in progress for this certification.")
        ) from error
    audit_record(
        actor=applicant, subject=application, verb="application.applied", to_state=S.APPLIED
    )
    for upload in documents:
        private_file_store(upload=upload, owner=applicant, attach_to=application)
    if code.strip():
        _reserve_code(application, code, applicant)
    _open_review(application)
    return application


def _open_review(application: Application) -> None:
    review_open(
        kind=APPLICATION_REVIEW,
        subject=application,
        applicant=application.applicant,
        staff_role=STAFF_ROLE,
        # Plain data; the inbox shows licensing.apps.application_summaries, in the reader's
        # language.
        summary=f"{application.certification.code} · {application.applicant.email}",
    )


@transaction.atomic
def application_resubmit(*, application: Application, actor, documents: list) -> Application:
    application = _locked(application)
    for upload in documents:
        private_file_store(upload=upload, owner=actor, attach_to=application)
    APPLICATION.move(application, S.APPLIED, actor=actor)
    application.save(update_fields=["state", "updated_at"])
    _open_review(application)
    return application


# Review callbacks (inside the decision's transaction, the review row locked).


def on_application_approved(*, review, actor, note: str) -> None:
    application = _locked(review.subject)
    APPLICATION.move(application, S.APPROVED, actor=actor, note=note)
    application.decided_at = timezone.now()
    application.window_closes_on = timezone.localdate() + datetime.timedelta(days=WINDOW_DAYS)
    application.save(update_fields=["state", "decided_at", "window_closes_on", "updated_at"])
    notify(application.applicant, "licensing_approved", {"application": application})


def on_application_refused(*, review, actor, note: str) -> None:
    application = _locked(review.subject)
    APPLICATION.move(application, S.REFUSED, actor=actor, note=note)
    application.decided_at = timezone.now()
    application.save(update_fields=["state", "decided_at", "updated_at"])
    _release_code(application, actor)


def on_application_changes(*, review, actor, note: str) -> None:
    application = _locked(review.subject)
    APPLICATION.move(application, S.CHANGES_REQUESTED, actor=actor, note=note)
    application.save(update_fields=["state", "updated_at"])


# --- Redemption ---------------------------------------------------------------------------


@transaction.atomic
def code_redeem(*, application: Application, typed: str, actor) -> LicenceCode:
    """Spend a code on an approved application whose window is open: once, ever. The
    conditional UPDATE lets exactly one of two simultaneous attempts through."""
    code = code_lookup(typed)  # the check character is tested before this query
    application = _locked(application)
    if application.applicant_id != actor.pk:
        raise LicensingError(_("This is not your application."))
    if application.state != S.APPROVED:
        raise LicensingError(_("A code can be redeemed only once your application is approved."))
    assert application.window_closes_on is not None
    if application.window_closes_on < timezone.localdate():
        raise LicensingError(
            _("The 90 days to redeem a code after approval are over: apply again.")
        )
    # The application gives back any other code it had named.
    LicenceCode.objects.filter(application=application, state=LicenceCode.State.IN_USE).exclude(
        pk=code.pk
    ).update(state=LicenceCode.State.UNUSED, application=None)
    now = timezone.now()
    won = (
        LicenceCode.objects.filter(pk=code.pk)
        .filter(
            Q(state=LicenceCode.State.UNUSED)
            | Q(state=LicenceCode.State.IN_USE, application=application)
        )
        .update(
            state=LicenceCode.State.REDEEMED,
            application=application,
            redeemed_at=now,
            updated_at=now,
        )
    )
    if not won:
        raise LicensingError(_("This code has already been used."))
    APPLICATION.move(application, S.REDEEMED, actor=actor, data={"code": code.pk})
    application.redeemed_at = now
    application.save(update_fields=["state", "redeemed_at", "updated_at"])
    audit_record(
        actor=actor,
        subject=code,
        verb="code.redeemed",
        from_state=code.state,
        to_state=LicenceCode.State.REDEEMED,
        data={"application": application.pk},
    )
    code.refresh_from_db()
    return code


@transaction.atomic
def course_complete(*, application: Application, actor) -> Application:
    application = _locked(application)
    APPLICATION.move(application, S.COURSE_COMPLETED, actor=actor)
    application.course_completed_at = timezone.now()
    application.save(update_fields=["state", "course_completed_at", "updated_at"])
    return application


@transaction.atomic
def exam_record(*, application: Application, passed: bool, actor, note: str = "") -> Application:
    """Staff enter the exam result; a pass records the certification as a credential."""
    application = _locked(application)
    APPLICATION.move(application, S.CERTIFIED if passed else S.EXAM_FAILED, actor=actor, note=note)
    application.exam_recorded_at = timezone.now()
    application.exam_recorded_by = actor
    if passed:
        application.credential = Credential.objects.create(
            holder=application.applicant,
            type=application.certification,
            number=f"MSC-{application.pk:06d}",
            issued_on=timezone.localdate(),
            status=Credential.Status.VALID,
            source=Credential.Source.ISSUED,
        )
    application.save()
    notify(application.applicant, "licensing_exam", {"application": application, "passed": passed})
    return application


# --- Scheduled: reminders, lapses, weekly summary -----------------------------------------

REMINDERS = ((30, "reminder_30_sent_at"), (7, "reminder_7_sent_at"))


def reminders_send(today: datetime.date | None = None) -> int:
    """E-mail approved applicants 30 and 7 days before their window closes. Each reminder is
    claimed with a conditional UPDATE first, so overlapping runs never send it twice."""
    today = today or timezone.localdate()
    sent = 0
    for days, field in REMINDERS:
        lower = today + datetime.timedelta(days=7 if days == 30 else 0)
        candidates = Application.objects.filter(
            state=S.APPROVED,
            window_closes_on__gte=today,
            window_closes_on__lte=today + datetime.timedelta(days=days),
            **{f"{field}__isnull": True},
        )
        if days == 30:
            candidates = candidates.filter(window_closes_on__gt=lower)
        for pk in candidates.values_list("pk", flat=True):
            with transaction.atomic():
                claimed = Application.objects.filter(
                    pk=pk, state=S.APPROVED, **{f"{field}__isnull": True}
                ).update(**{field: timezone.now()})
                if claimed:
                    application = Application.objects.select_related(
                        "applicant", "certification"
                    ).get(pk=pk)
                    notify(
                        application.applicant,
                        "licensing_reminder",
                        {
                            "application": application,
                            "days": (application.window_closes_on - today).days
                            if application.window_closes_on
                            else 0,
                        },
                    )
                    sent += 1
    return sent


def approvals_lapse(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    lapsed = 0
    for pk in Application.objects.filter(state=S.APPROVED, window_closes_on__lt=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            application = Application.objects.select_for_update().get(pk=pk)
            if application.state != S.APPROVED:
                continue
            APPLICATION.move(application, S.LAPSED, actor=None)
            application.save(update_fields=["state", "updated_at"])
            _release_code(application, None)
            lapsed += 1
    return lapsed


def weekly_summaries_send(today: datetime.date | None = None) -> int:
    """Each group with unused codes: one summary per week to members who see the codes and
    kept the alert on. The (group, week) row is inserted first: a second run finds it."""
    from django.db.models import Count

    from licensing.roles import VIEW_CODES
    from portal.models import Membership
    from portal.roles import permissions_for

    today = today or timezone.localdate()
    week = today - datetime.timedelta(days=today.weekday())
    groups = (
        Group.objects.filter(licence_codes__state=LicenceCode.State.UNUSED)
        .annotate(unused=Count("licence_codes"))
        .order_by("pk")
    )
    sent = 0
    for group in groups:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    WeeklySummarySent.objects.create(group=group, week=week)
            except IntegrityError:
                continue
            for membership in Membership.objects.filter(
                group=group, status=Membership.Status.ACTIVE
            ).select_related("user"):
                if VIEW_CODES in permissions_for(membership.roles, group.service):
                    email = notify(
                        membership.user,
                        "licensing_weekly_unused",
                        {"group": group, "unused": group.unused},
                        alert=WEEKLY_ALERT,
                    )
                    sent += email is not None
    return sent


WEEKLY_ALERT = "licensing_weekly_unused"
