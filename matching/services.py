"""Every write of operator matching. One transaction each, the profile row locked, an audit
event per state change, e-mails queued on commit (portal.notify)."""

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from credentials.models import Credential, CredentialClass, CredentialType
from credentials.services import credentials_precheck
from matching.models import (
    Facility,
    OperatorProfile,
    OwnerProfile,
    ProfileState,
    SavedSearch,
    SavedSearchMatch,
)
from portal.lib.tasks import enqueue_on_commit
from portal.lib.transitions import Workflow
from portal.models import AuditEvent, Group, Organisation, Review
from portal.notify import notify
from portal.services.audit import audit_record
from portal.services.organisations import organisation_request
from portal.services.reviews import review_open
from portal.system_text import register_messages, render_system_text, system_text

OPERATOR_REVIEW = "matching.operator_profile"
OWNER_REVIEW = "matching.owner_profile"
STAFF_ROLE = "accreditation_office"

register_messages(
    {"matching.no_credential_left": _("No valid certificate or licence left.")},
)
# The history note of a profile the nightly sweep deactivates.
NO_CREDENTIAL_LEFT = system_text("matching.no_credential_left")

S = ProfileState

# The declared transitions of both profiles (operator and owner): state → allowed next states.
OPERATOR_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.DRAFT, S.ACTIVE, S.CHANGES_REQUESTED, S.REFUSED},
    S.CHANGES_REQUESTED: {S.SUBMITTED},
    S.REFUSED: {S.SUBMITTED},
    S.ACTIVE: {S.DRAFT, S.DEACTIVATED},
    S.DEACTIVATED: {S.SUBMITTED},
}
OWNER_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.DRAFT, S.ACTIVE, S.CHANGES_REQUESTED, S.REFUSED},
    S.CHANGES_REQUESTED: {S.SUBMITTED},
    S.REFUSED: {S.SUBMITTED},
    S.ACTIVE: {S.DRAFT},
}


class MatchingError(Exception):
    """A rule of operator matching refused the change; the message is shown to the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _not_now() -> MatchingError:
    return MatchingError(_("This change is not possible in the profile’s current state."))


OPERATOR = Workflow("operator", OPERATOR_TRANSITIONS, error=_not_now)
OWNER = Workflow("owner", OWNER_TRANSITIONS, error=_not_now)


def _lock_operator(profile: OperatorProfile) -> OperatorProfile:
    return OperatorProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)


def _lock_owner(profile: OwnerProfile) -> OwnerProfile:
    return (
        OwnerProfile.objects.select_for_update(of=("self",))
        .select_related("group__organisation")
        .get(pk=profile.pk)
    )


def _refuse_if_locked(profile) -> None:
    if profile.locked:
        raise MatchingError(
            _("Untick the user agreement to edit your profile (it will need verification again).")
        )


def valid_water_credentials(user):
    return Credential.objects.filter(
        holder=user,
        type__family=CredentialType.Family.WATER_OPERATOR,
        status=Credential.Status.VALID,
        expires_on__gte=timezone.localdate(),
    )


# --- Operators -------------------------------------------------------------------------------


@transaction.atomic
def operator_register(*, user, contact_phone: str, contact_email: str, home_municipality: str = ""):
    profile, created = OperatorProfile.objects.get_or_create(
        user=user,
        defaults={
            "contact_phone": contact_phone,
            "contact_email": contact_email,
            "home_municipality": home_municipality,
        },
    )
    if created:
        audit_record(actor=user, subject=profile, verb="operator.registered", to_state=S.DRAFT)
    return profile


@transaction.atomic
def operator_profile_update(*, profile: OperatorProfile, actor, **fields) -> OperatorProfile:
    profile = _lock_operator(profile)
    _refuse_if_locked(profile)
    allowed = {"operator_id", "contact_phone", "contact_email", "home_municipality"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(name)
        setattr(profile, name, value)
    profile.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor, subject=profile, verb="operator.updated", data={"fields": list(fields)}
    )
    return profile


@transaction.atomic
def operator_credential_save(
    *,
    profile: OperatorProfile,
    actor,
    credential: Credential | None,
    type: CredentialType,
    credential_class: CredentialClass,
    number: str,
    expires_on,
) -> Credential:
    """Add a certificate or licence (credential None) or change one of the operator's own."""
    profile = _lock_operator(profile)
    _refuse_if_locked(profile)
    if credential is None:
        credential = Credential(holder=profile.user, source=Credential.Source.CLAIMED)
        verb = "operator.credential_added"
    else:
        verb = "operator.credential_changed"
    credential.type = type
    credential.credential_class = credential_class
    credential.number = number.strip()
    credential.expires_on = expires_on
    credential.status = (
        Credential.Status.VALID if expires_on >= timezone.localdate() else Credential.Status.EXPIRED
    )
    credential.registry_mismatches = []
    credential.registry_checked_at = None
    credential.save()
    audit_record(
        actor=actor,
        subject=profile,
        verb=verb,
        data={"credential": credential.pk, "number": credential.number, "type": type.code},
    )
    return credential


@transaction.atomic
def operator_credential_delete(*, profile: OperatorProfile, actor, credential: Credential) -> None:
    profile = _lock_operator(profile)
    _refuse_if_locked(profile)
    number = credential.number
    Credential.objects.filter(pk=credential.pk, holder=profile.user).delete()
    audit_record(
        actor=actor, subject=profile, verb="operator.credential_deleted", data={"number": number}
    )


@transaction.atomic
def operator_submit(*, profile: OperatorProfile, actor) -> OperatorProfile:
    """Ticking the user agreement: submit for verification and lock the profile (M3)."""
    profile = _lock_operator(profile)
    if not profile.operator_id:
        raise MatchingError(_("Enter your operator ID number before submitting."))
    if not valid_water_credentials(profile.user).exists():
        raise MatchingError(
            _("Add at least one valid, unexpired certificate or licence before submitting.")
        )
    OPERATOR.move(profile, S.SUBMITTED, actor=actor, verb="operator.submitted")
    profile.agreement_accepted_at = timezone.now()
    profile.deactivation_reason = ""
    profile.save(
        update_fields=["state", "agreement_accepted_at", "deactivation_reason", "updated_at"]
    )
    review_open(
        kind=OPERATOR_REVIEW,
        subject=profile,
        applicant=None,  # the decision e-mail is the app's own (matching_decision)
        staff_role=STAFF_ROLE,
        # Plain data, no words: staff read the summary in their own language.
        summary=f"{profile.user.display_name} · {profile.operator_id}",
    )
    enqueue_on_commit("matching.tasks.operator_precheck_task", profile.pk)
    return profile


def operator_precheck(*, profile_id: int) -> None:
    """Check every claimed credential against the registry (the Celery task calls this)."""
    with transaction.atomic():
        profile = OperatorProfile.objects.select_related("user").filter(pk=profile_id).first()
        if profile is None:
            return
        credentials = credentials_precheck(holder=profile.user, operator_id=profile.operator_id)
        audit_record(
            actor=None,
            subject=profile,
            verb="operator.prechecked",
            data={
                "checked": len(credentials),
                "mismatched": sum(1 for c in credentials if c.registry_mismatches),
            },
        )


def _withdraw_open_review(profile, kind: str) -> None:
    from django.contrib.contenttypes.models import ContentType

    Review.objects.filter(
        kind=kind,
        subject_type=ContentType.objects.get_for_model(profile),
        subject_id=profile.pk,
        state=Review.State.OPEN,
    ).update(state=Review.State.WITHDRAWN, updated_at=timezone.now())


@transaction.atomic
def operator_withdraw(*, profile: OperatorProfile, actor) -> OperatorProfile:
    """Unticking the agreement: unlock for editing; withdraws a waiting submission, and an
    active profile leaves the search until verified again (M3, M4)."""
    profile = _lock_operator(profile)
    OPERATOR.move(profile, S.DRAFT, actor=actor, verb="operator.withdrawn")
    profile.agreement_accepted_at = None
    profile.available = False
    profile.save(update_fields=["state", "agreement_accepted_at", "available", "updated_at"])
    _withdraw_open_review(profile, OPERATOR_REVIEW)
    return profile


def _operator_decided(review: Review, actor, note: str, to_state: str, verb: str) -> None:
    profile = _lock_operator(OperatorProfile(pk=review.subject_id))
    OPERATOR.move(profile, to_state, actor=actor, verb=verb, note=note)
    fields = ["state", "updated_at"]
    if to_state != S.ACTIVE:
        profile.agreement_accepted_at = None
        fields.append("agreement_accepted_at")
    profile.save(update_fields=fields)
    notify(
        profile.user,
        "matching_decision",
        {"state": to_state, "note": note, "role": "operator", "profile": profile},
    )


def operator_search_summary_refresh(*, profile: OperatorProfile) -> None:
    """Store the classes of the operator's valid credentials (the search pre-filter)."""
    profile.credential_classes = sorted(
        set(
            valid_water_credentials(profile.user)
            .exclude(credential_class=None)
            .values_list("credential_class_id", flat=True)
        )
    )
    profile.save(update_fields=["credential_classes", "updated_at"])


def on_operator_approved(*, review: Review, actor, note: str) -> None:
    _operator_decided(review, actor, note, S.ACTIVE, "operator.activated")
    operator_search_summary_refresh(profile=OperatorProfile.objects.get(pk=review.subject_id))


def on_operator_changes_requested(*, review: Review, actor, note: str) -> None:
    _operator_decided(review, actor, note, S.CHANGES_REQUESTED, "operator.changes_requested")


def on_operator_refused(*, review: Review, actor, note: str) -> None:
    _operator_decided(review, actor, note, S.REFUSED, "operator.refused")


@transaction.atomic
def operator_availability_save(
    *,
    profile: OperatorProfile,
    actor,
    available: bool,
    days: list[int],
    shift: str,
    regions: list[int],
) -> OperatorProfile:
    profile = _lock_operator(profile)
    if profile.state != S.ACTIVE:
        raise MatchingError(_("You can set your availability once your profile is active."))
    became_available = available and not profile.available
    profile.available = available
    profile.days = sorted(set(days))
    profile.shift = shift
    profile.regions = sorted(set(regions))
    if became_available:
        profile.available_since = timezone.now()
    profile.save(
        update_fields=["available", "days", "shift", "regions", "available_since", "updated_at"]
    )
    audit_record(
        actor=actor,
        subject=profile,
        verb="operator.availability_changed",
        data={
            "available": available,
            "days": profile.days,
            "shift": shift,
            "regions": profile.regions,
        },
    )
    if available:
        enqueue_on_commit("matching.tasks.saved_search_alerts_task", profile.pk)
    return profile


# --- Owners ----------------------------------------------------------------------------------


@transaction.atomic
def owner_register(*, user, organisation: Organisation) -> OwnerProfile:
    """A new organisation (reviewed by the office as a core organisation request) with its
    matching group and an owner profile in draft."""
    organisation_request(user=user, organisation=organisation, service="matching")
    group = Group.objects.get(organisation=organisation, service="matching")
    profile = OwnerProfile.objects.create(group=group)
    audit_record(actor=user, subject=profile, verb="owner.registered", to_state=S.DRAFT)
    return profile


@transaction.atomic
def owner_register_for_group(*, user, group: Group) -> OwnerProfile:
    """An existing matching group (its manager registers it as an owner)."""
    profile, created = OwnerProfile.objects.get_or_create(group=group)
    if created:
        audit_record(actor=user, subject=profile, verb="owner.registered", to_state=S.DRAFT)
    return profile


@transaction.atomic
def owner_facility_save(
    *, profile: OwnerProfile, actor, facility: Facility | None, **fields
) -> Facility:
    profile = _lock_owner(profile)
    _refuse_if_locked(profile)
    if facility is None:
        if Facility.objects.filter(
            owner=profile, certificate_number=fields["certificate_number"]
        ).exists():
            raise MatchingError(_("This facility is already in your list."))
        facility = Facility(owner=profile)
        verb = "owner.facility_added"
    else:
        verb = "owner.facility_changed"
    for name, value in fields.items():
        setattr(facility, name, value)
    facility.save()
    audit_record(
        actor=actor,
        subject=profile,
        verb=verb,
        data={"facility": facility.pk, "name": facility.name},
    )
    return facility


@transaction.atomic
def owner_facility_delete(*, profile: OwnerProfile, actor, facility: Facility) -> None:
    profile = _lock_owner(profile)
    _refuse_if_locked(profile)
    Facility.objects.filter(pk=facility.pk, owner=profile).delete()
    audit_record(
        actor=actor, subject=profile, verb="owner.facility_deleted", data={"name": facility.name}
    )


@transaction.atomic
def owner_submit(*, profile: OwnerProfile, actor) -> OwnerProfile:
    profile = _lock_owner(profile)
    if not profile.facilities.exists():
        raise MatchingError(_("Add at least one facility before submitting."))
    OWNER.move(profile, S.SUBMITTED, actor=actor, verb="owner.submitted")
    profile.agreement_accepted_at = timezone.now()
    profile.save(update_fields=["state", "agreement_accepted_at", "updated_at"])
    review_open(
        kind=OWNER_REVIEW,
        subject=profile,
        applicant=None,
        staff_role=STAFF_ROLE,
        summary=profile.group.organisation.legal_name,
    )
    return profile


@transaction.atomic
def owner_withdraw(*, profile: OwnerProfile, actor) -> OwnerProfile:
    profile = _lock_owner(profile)
    OWNER.move(profile, S.DRAFT, actor=actor, verb="owner.withdrawn")
    profile.agreement_accepted_at = None
    profile.save(update_fields=["state", "agreement_accepted_at", "updated_at"])
    _withdraw_open_review(profile, OWNER_REVIEW)
    return profile


def _owner_managers(profile: OwnerProfile):
    from portal.models import Membership

    return [
        m.user
        for m in Membership.objects.filter(group=profile.group)
        .exclude(status__in=[Membership.Status.REFUSED, Membership.Status.REMOVED])
        .select_related("user")
    ]


def _owner_decided(review: Review, actor, note: str, to_state: str, verb: str) -> None:
    profile = _lock_owner(OwnerProfile(pk=review.subject_id))
    if to_state == S.ACTIVE and profile.group.organisation.status != Organisation.Status.ACTIVE:
        raise MatchingError(
            _(
                "Approve the organisation request in the inbox first: "
                "the organisation is not active."
            )
        )
    OWNER.move(profile, to_state, actor=actor, verb=verb, note=note)
    fields = ["state", "updated_at"]
    if to_state != S.ACTIVE:
        profile.agreement_accepted_at = None
        fields.append("agreement_accepted_at")
    profile.save(update_fields=fields)
    for user in _owner_managers(profile):
        notify(
            user,
            "matching_decision",
            {"state": to_state, "note": note, "role": "owner", "profile": profile},
        )


def on_owner_approved(*, review: Review, actor, note: str) -> None:
    _owner_decided(review, actor, note, S.ACTIVE, "owner.activated")


def on_owner_changes_requested(*, review: Review, actor, note: str) -> None:
    _owner_decided(review, actor, note, S.CHANGES_REQUESTED, "owner.changes_requested")


def on_owner_refused(*, review: Review, actor, note: str) -> None:
    _owner_decided(review, actor, note, S.REFUSED, "owner.refused")


# --- Saved searches (M9) -----------------------------------------------------------------


@transaction.atomic
def saved_search_create(*, owner: OwnerProfile, actor, **criteria) -> SavedSearch:
    search = SavedSearch.objects.create(owner=owner, created_by=actor, **criteria)
    # Operators already matching are "the original" result: only newer ones are announced.
    from matching.queries import operator_search_queryset

    ids = operator_search_queryset(
        region=search.region,
        credential_type=search.credential_type,
        credential_class=search.credential_class,
        days=search.days,
        shift=search.shift,
    ).values_list("pk", flat=True)
    SavedSearchMatch.objects.bulk_create(
        [SavedSearchMatch(search=search, operator_id=pk) for pk in ids], ignore_conflicts=True
    )
    audit_record(actor=actor, subject=owner, verb="owner.search_saved", data={"search": search.pk})
    return search


@transaction.atomic
def saved_search_delete(*, search: SavedSearch, actor) -> None:
    owner = search.owner
    search.delete()
    audit_record(
        actor=actor, subject=owner, verb="owner.search_deleted", data={"name": search.name}
    )


def saved_search_alerts(*, operator_id: int) -> int:
    """E-mail the owners whose saved searches the operator now matches, once per search.
    The (search, operator) row is claimed with INSERT … ON CONFLICT DO NOTHING first, so
    overlapping runs never e-mail twice."""
    from matching.queries import operator_search_queryset

    sent = 0
    with transaction.atomic():
        operator = OperatorProfile.objects.select_related("user").filter(pk=operator_id).first()
        if operator is None or operator.state != S.ACTIVE or not operator.available:
            return 0
        searches = (
            SavedSearch.objects.filter(alert=True, owner__state=S.ACTIVE)
            .exclude(matches__operator=operator)
            .select_related("created_by", "region", "credential_type", "credential_class")
        )
        for search in searches:
            if (
                not operator_search_queryset(
                    region=search.region,
                    credential_type=search.credential_type,
                    credential_class=search.credential_class,
                    days=search.days,
                    shift=search.shift,
                )
                .filter(pk=operator.pk)
                .exists()
            ):
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO matching_savedsearchmatch (search_id, operator_id, created_at) "
                    "VALUES (%s, %s, now()) ON CONFLICT DO NOTHING RETURNING id",
                    [search.pk, operator.pk],
                )
                claimed = cursor.fetchone() is not None
            if claimed:
                notify(
                    search.created_by,
                    "matching_new_operator",
                    {"search": search, "operator": operator},
                )
                sent += 1
    return sent


# --- Eligibility sweep (M8) ----------------------------------------------------------------

SWEEP_SQL = {
    # 1. Expired credentials.
    "expired": """
        UPDATE credentials_credential c SET status = 'expired', updated_at = now()
        FROM credentials_credentialtype t
        WHERE c.type_id = t.id AND t.family = 'water_operator'
          AND c.status = 'valid' AND c.expires_on < %(today)s
        RETURNING c.id, c.holder_id
    """,
    # 2. Verified operators' credentials gone from the registry.
    "not_found": """
        UPDATE credentials_credential c SET status = 'not_found', updated_at = now(),
               registry_mismatches = '["not_found"]'::jsonb, registry_checked_at = now()
        FROM matching_operatorprofile p
        WHERE p.user_id = c.holder_id AND p.state = 'active' AND c.status = 'valid'
          AND c.source = 'claimed'
          AND NOT EXISTS (SELECT 1 FROM credentials_registryrecord r
                          WHERE r.type_id = c.type_id AND r.number = c.number)
        RETURNING c.id, c.holder_id
    """,
    # 3. Verified operators' credentials whose registry record now differs.
    "changed": """
        UPDATE credentials_credential c SET status = 'changed', updated_at = now(),
               registry_checked_at = now()
        FROM matching_operatorprofile p, credentials_registryrecord r
        WHERE p.user_id = c.holder_id AND p.state = 'active' AND c.status = 'valid'
          AND c.source = 'claimed'
          AND r.type_id = c.type_id AND r.number = c.number
          AND (r.credential_class_id IS DISTINCT FROM c.credential_class_id
               OR r.expires_on IS DISTINCT FROM c.expires_on
               OR r.status <> 'valid' OR r.expires_on < %(today)s)
        RETURNING c.id, c.holder_id
    """,
    # 4. Active operators left with no valid credential are deactivated.
    "deactivated": """
        UPDATE matching_operatorprofile p
        SET state = 'deactivated', available = false, updated_at = now(),
            agreement_accepted_at = NULL,
            deactivation_reason = 'no_valid_credential'
        WHERE p.state = 'active'
          AND NOT EXISTS (SELECT 1 FROM credentials_credential c
                          JOIN credentials_credentialtype t ON t.id = c.type_id
                          WHERE c.holder_id = p.user_id AND t.family = 'water_operator'
                            AND c.status = 'valid' AND c.expires_on >= %(today)s)
        RETURNING p.id, p.user_id
    """,
}


def eligibility_sweep(*, today=None) -> dict[str, int]:
    """Set-based: four UPDATE statements, then one bulk insert of audit events and one
    e-mail per deactivated operator. A second run finds nothing left to change."""
    from django.contrib.contenttypes.models import ContentType

    today = today or timezone.localdate()
    counts: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        changed: dict[str, list[tuple[int, int]]] = {}
        for key, sql in SWEEP_SQL.items():
            cursor.execute(sql, {"today": today})
            changed[key] = cursor.fetchall()
            counts[key] = len(changed[key])
        profile_type = ContentType.objects.get_for_model(OperatorProfile)
        credential_type = ContentType.objects.get_for_model(Credential)
        events = [
            AuditEvent(
                subject_type=credential_type,
                subject_id=credential_id,
                verb="credential.swept",
                from_state="valid",
                to_state=key,
                data={"holder": holder_id},
            )
            for key in ("expired", "not_found", "changed")
            for credential_id, holder_id in changed[key]
        ] + [
            AuditEvent(
                subject_type=profile_type,
                subject_id=profile_id,
                verb="operator.deactivated",
                from_state=S.ACTIVE,
                to_state=S.DEACTIVATED,
                note=render_system_text(NO_CREDENTIAL_LEFT, settings.LANGUAGE_CODE),
                note_key=NO_CREDENTIAL_LEFT,
            )
            for profile_id, _user_id in changed["deactivated"]
        ]
        AuditEvent.objects.bulk_create(events, batch_size=5000)
        deactivated_ids = [profile_id for profile_id, _user_id in changed["deactivated"]]
        if deactivated_ids:
            _withdraw_reviews_and_notify(deactivated_ids)
    return counts


def _withdraw_reviews_and_notify(profile_ids: list[int]) -> None:
    profiles = OperatorProfile.objects.filter(pk__in=profile_ids).select_related("user")
    credentials: dict[int, list[Credential]] = {}
    for credential in Credential.objects.filter(
        holder__operator_profile__in=profile_ids, type__family="water_operator"
    ).select_related("type", "credential_class"):
        credentials.setdefault(credential.holder_id, []).append(credential)
    for profile in profiles:
        notify(
            profile.user,
            "matching_deactivated",
            {"profile": profile, "credentials": credentials.get(profile.user_id, [])},
        )
