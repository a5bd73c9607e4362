"""Every write of the job seekers (J8, J10): their profile, the consent to targeted postings
(a history of the wording agreed to), the weekly e-mail choice and the followed companies;
and the e-mail the followers of a company get when it publishes a new posting.

One transaction each; the seeker's profile row is locked before consent changes, and the
partial unique constraint (one open consent per seeker) is the database's last word."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from jobboard.employer.company import company_card
from jobboard.postings import signals
from jobboard.postings.models import Posting
from jobboard.seekers.models import Follow, SeekerConsent, SeekerProfile
from jobboard.seekers.unsubscribe import register_unsubscribe, unsubscribe_url
from portal.lib.compiled import CompiledQuery, Statement, combined
from portal.lib.tasks import enqueue_on_commit
from portal.models import Group, Organisation, OutboundEmail
from portal.services.audit import audit_record

# Shown beside the checkbox and stored, in the language it was read in, with each consent.
CONSENT_WORDING = _(
    "I agree to receive by e-mail job postings that employers send to engineers and CPIs "
    "matching my fields, regions and experience. I can withdraw this consent at any time "
    "from « My communications » or with the link in each message."
)
BATCH = 500
# Stands for each recipient's own unsubscribe link in a body rendered once per language.
UNSUBSCRIBE_MARK = "%%UNSUBSCRIBE_URL%%"


def consent_wording(language: str) -> str:
    with translation.override(language):
        return str(CONSENT_WORDING)


def public_groups():
    """The job-board groups the public may see: active, of an approved company."""
    return Group.objects.filter(
        service="jobboard",
        status=Group.Status.ACTIVE,
        organisation__status=Organisation.Status.ACTIVE,
    )


def seeker_profile_of(user) -> SeekerProfile | None:
    return SeekerProfile.objects.filter(user=user).first() if user.is_authenticated else None


def _locked_profile(user) -> SeekerProfile:
    SeekerProfile.objects.get_or_create(user=user)
    return SeekerProfile.objects.select_for_update().get(user=user)


def _give(profile: SeekerProfile, *, actor, language: str) -> None:
    if SeekerConsent.objects.filter(seeker=profile, withdrawn_at__isnull=True).exists():
        return  # already given (a double submit): the open row stays the one
    SeekerConsent.objects.create(
        seeker=profile,
        wording=consent_wording(language),
        language=language,
        given_at=timezone.now(),
    )
    profile.targeted_consent = True
    profile.save(update_fields=["targeted_consent", "updated_at"])
    audit_record(actor=actor, subject=profile, verb="seeker.consent_given", data={"lang": language})


def _withdraw(profile: SeekerProfile, *, actor) -> None:
    closed = SeekerConsent.objects.filter(seeker=profile, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    if not closed and not profile.targeted_consent:
        return
    profile.targeted_consent = False
    profile.save(update_fields=["targeted_consent", "updated_at"])
    audit_record(actor=actor, subject=profile, verb="seeker.consent_withdrawn")


@transaction.atomic
def seeker_profile_save(
    *,
    user,
    profile: str,
    field_ids: list[int],
    region_ids: list[int],
    outside_quebec: bool,
    years_on_roll: int,
    weekly_digest: bool,
    consent: bool,
    language: str,
) -> SeekerProfile:
    """Create or change the user's seeker profile; consent given or withdrawn with it."""
    seeker = _locked_profile(user)
    seeker.profile = profile
    seeker.field_ids = sorted(set(field_ids))
    seeker.region_ids = sorted(set(region_ids))
    seeker.outside_quebec = outside_quebec
    # Years on the roll only mean something for an engineer (a CPI is not on the roll yet).
    seeker.years_on_roll = years_on_roll if profile == Posting.Profile.ENGINEER else 0
    seeker.weekly_digest = weekly_digest
    seeker.save()
    if consent:
        _give(seeker, actor=user, language=language)
    else:
        _withdraw(seeker, actor=user)
    return seeker


@transaction.atomic
def consent_give(*, user, language: str) -> SeekerProfile:
    seeker = _locked_profile(user)
    _give(seeker, actor=user, language=language)
    return seeker


@transaction.atomic
def consent_withdraw(*, user) -> None:
    seeker = SeekerProfile.objects.select_for_update().filter(user=user).first()
    if seeker is not None:
        _withdraw(seeker, actor=user)


@transaction.atomic
def weekly_digest_set(*, user, on: bool) -> None:
    seeker = _locked_profile(user)
    if seeker.weekly_digest != on:
        seeker.weekly_digest = on
        seeker.save(update_fields=["weekly_digest", "updated_at"])


def follow(*, user, group: Group) -> None:
    """Follow a company's group (twice is once: the unique row decides)."""
    Follow.objects.bulk_create([Follow(user=user, group=group)], ignore_conflicts=True)


def unfollow(*, user, group_id: int) -> None:
    Follow.objects.filter(user=user, group_id=group_id).delete()


# --- Unsubscribe links (jobboard.unsubscribe) ------------------------------------------------


def _stop_weekly(user, arg: str) -> None:
    weekly_digest_set(user=user, on=False)


def _stop_follow(user, arg: str) -> None:
    if arg.isdigit():
        unfollow(user=user, group_id=int(arg))


def _stop_targeted(user, arg: str) -> None:
    consent_withdraw(user=user)


def register() -> None:
    """Called from the app's ready(): the mailings seekers can leave with one click."""
    from portal.audit_labels import register_verbs

    signals.first_published.connect(_announce_first_publication, dispatch_uid="seekers")
    register_unsubscribe("weekly", _("the jobs of the week"), _stop_weekly)
    register_unsubscribe("follow", _("the new postings of this company"), _stop_follow)
    register_unsubscribe("targeted", _("targeted job postings"), _stop_targeted)
    register_verbs(
        {
            "seeker.consent_given": _("Consent to targeted postings given"),
            "seeker.consent_withdrawn": _("Consent to targeted postings withdrawn"),
        }
    )


# --- The followers' e-mail on a new publication ---------------------------------------------


def _announce_first_publication(sender, *, posting_ids: list[int], **_kwargs) -> None:
    followers_announce(posting_ids)


def followers_announce(posting_ids: list[int]) -> None:
    """Postings that just went live for the first time: their companies' followers are
    e-mailed once the publication commits (never for a new version of a live posting)."""
    if posting_ids:
        enqueue_on_commit("jobboard.follower_notices", list(posting_ids))


_CLAIM_FOLLOWERS = """
    WITH batch AS (
        SELECT user_id FROM jobboard_follow
        WHERE group_id = %(group)s AND user_id > %(after)s ORDER BY user_id LIMIT %(size)s
    ), claimed AS (
        INSERT INTO jobboard_followernotice (posting_id, user_id, created_at)
        SELECT %(posting)s, user_id, %(now)s FROM batch
        ON CONFLICT (posting_id, user_id) DO NOTHING
        RETURNING user_id
    )
    SELECT (SELECT max(user_id) FROM batch), ARRAY(SELECT user_id FROM claimed)
"""


def claim_batch(sql: str, params: dict) -> tuple[int | None, list[int]]:
    """(last id of the batch or None when done, the user ids this run claimed)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        last, claimed = cursor.fetchone()
    return last, list(claimed or [])


def render_once(template: str, context: dict, language: str) -> tuple[str, str]:
    """(subject, text body) of a mailing in one language, with UNSUBSCRIBE_MARK where each
    recipient's own link goes."""
    with translation.override(language):
        ctx = {
            "site_url": settings.SITE_URL,
            "site_name": settings.SITE_NAME,
            "unsubscribe_url": UNSUBSCRIBE_MARK,
            **context,
        }
        subject = render_to_string(f"emails/{template}_subject.txt", ctx)
        body = render_to_string(f"emails/{template}_body.txt", ctx)
    return subject, body


def personal_emails(
    users, *, template: str, rendered: dict, key: str, arg: str | int = ""
) -> list[OutboundEmail]:
    """One unsaved OutboundEmail per user from the bodies rendered once per language."""
    emails = []
    for user in users:
        language = user.language if user.language in rendered else settings.LANGUAGE_CODE
        subject, body = rendered[language]
        link = unsubscribe_url(user, key, arg)
        emails.append(
            OutboundEmail(
                recipient=user,
                to=user.email,
                subject=subject,
                body_text=body.replace(UNSUBSCRIBE_MARK, link),
                template=template,
                language=language,
                headers={
                    "List-Unsubscribe": f"<{link}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
    return emails


def posting_link(posting_id: int, language: str) -> str:
    from django.urls import reverse

    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse("jobboard:job", args=[posting_id])


def published_title(posting: Posting, language: str) -> str:
    data = posting.published or {}
    if language == "en" and data.get("title_en"):
        return data["title_en"]
    return data.get("title_fr") or posting.title_fr


def follower_notices_send(*, posting_id: int, batch: int = BATCH) -> int:
    """E-mail the followers of a newly published posting's company, batch after batch; each
    (posting, follower) is claimed by a unique row, so a second run sends nothing again."""
    from accounts.models import User
    from portal.notify import queue_emails_bulk

    posting = (
        Posting.objects.select_related("group__organisation", "group__employer_profile")
        .filter(pk=posting_id, live=True)
        .first()
    )
    if posting is None:
        return 0
    group = posting.group
    rendered = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            company = company_card(group)["company_name"]
        context = {
            "title": published_title(posting, language),
            "company": company,
            "posting_url": posting_link(posting.pk, language),
        }
        rendered[language] = render_once("jobboard_follow_new_posting", context, language)
    sent, after = 0, 0
    while True:
        with transaction.atomic():
            params = {
                "group": group.pk,
                "after": after,
                "size": batch,
                "posting": posting.pk,
                "now": timezone.now(),
            }
            last, claimed = claim_batch(_CLAIM_FOLLOWERS, params)
            if last is None:
                return sent
            after = last
            users = User.objects.filter(pk__in=claimed, is_active=True).only(
                "pk", "email", "language"
            )
            emails = personal_emails(
                users,
                template="jobboard_follow_new_posting",
                rendered=rendered,
                key="follow",
                arg=group.pk,
            )
            sent += len(queue_emails_bulk(emails))


def _communications(user_id) -> Statement:
    """The seeker's profile (its open consent's date) and the companies they follow, in one
    statement: one row per followed company (the profile's columns repeated), or one row
    with NULL company columns when they follow none (NULL profile columns: no profile)."""
    open_consent = (
        SeekerConsent.objects.filter(seeker=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by("pk")
        .values("given_at")[:1]
    )
    profile = SeekerProfile.objects.filter(user_id=user_id).values(
        p_id=F("pk"),
        p_weekly=F("weekly_digest"),
        p_targeted=F("targeted_consent"),
        p_given=Subquery(open_consent),
    )
    follows = (
        Follow.objects.filter(user_id=user_id, group__in=public_groups())
        .order_by()
        .values(
            f_group=F("group_id"),
            f_since=F("created_at"),
            f_company=F("group__employer_profile__company_name"),
            f_group_name=F("group__employer_profile__display_group_name"),
            f_operating=F("group__organisation__operating_name"),
            f_legal=F("group__organisation__legal_name"),
        )
    )
    return combined(
        "SELECT p.p_id, p.p_weekly, p.p_targeted, p.p_given, f.f_group, f.f_since, f.f_company,"
        " f.f_group_name, f.f_operating, f.f_legal FROM (SELECT 1) AS one"
        " LEFT JOIN ({}) AS p ON TRUE LEFT JOIN ({}) AS f ON TRUE"
        " ORDER BY f.f_since DESC, f.f_group",
        profile,
        follows,
    )


_COMMUNICATIONS = CompiledQuery(_communications, arity=1)


@dataclass
class Communications:
    """What « My communications » shows: the profile's choices (None: no profile yet), the
    day the open consent was given, and the followed companies (newest first)."""

    has_profile: bool
    weekly_digest: bool
    targeted_consent: bool
    consent_given: datetime.datetime | None
    follows: list[dict]


def communications_of(user) -> Communications:
    """One compiled statement whatever the number of companies followed. Each company's
    names as the job site shows them (the employer profile's, else the organisation's)."""
    rows = _COMMUNICATIONS.rows(user.pk)
    first = rows[0]
    follows = [
        {
            "group_id": group_id,
            "since": since,
            "company_name": company or operating or legal,
            "group_name": group_name or "",
        }
        for *_profile, group_id, since, company, group_name, operating, legal in rows
        if group_id is not None
    ]
    return Communications(
        has_profile=first[0] is not None,
        weekly_digest=bool(first[1]),
        targeted_consent=bool(first[2]),
        consent_given=first[3],
        follows=follows,
    )
