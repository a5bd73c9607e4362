"""P5: the city's existing contractors, imported from a CSV of its records.

Columns (header row required): legal_name, email, phone, address, city, province,
postal_code, past_applications. `past_applications` lists earlier applications separated by
";", each as "reference|type|status|site address" (type and status as in the portal:
building, demolition, pool, sign, plumbing; submitted, in_review, issued, refused, closed).

All or nothing: any error (with its line number) imports nothing. Re-runnable: an account is
found again by its e-mail, an application by its reference; each account's PIN is e-mailed
once, ever (pin_notice_send claims the account with a conditional UPDATE).
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from permits.models import Application, ContractorAccount
from permits.services import save_with_fresh_pin
from portal.lib.canada import Province
from portal.lib.tasks import enqueue_on_commit
from portal.models import Group, Organisation
from portal.notify import queue_email

REQUIRED = ("legal_name", "email")
COLUMNS = (
    "legal_name",
    "email",
    "phone",
    "address",
    "city",
    "province",
    "postal_code",
    "past_applications",
)


@dataclass
class PastApplication:
    reference: str
    kind: str
    status: str
    site_address: str


@dataclass
class Row:
    line: int
    legal_name: str
    email: str
    phone: str = ""
    address: str = ""
    city: str = ""
    province: str = ""
    postal_code: str = ""
    applications: list[PastApplication] = field(default_factory=list)


@dataclass
class ImportResult:
    created: int = 0
    existing: int = 0
    applications: int = 0
    account_ids: list[int] = field(default_factory=list)


class ImportErrors(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def parse(text: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportErrors([f"line 1: missing columns: {', '.join(missing)}"])
    rows: list[Row] = []
    errors: list[str] = []
    emails: dict[str, int] = {}
    references: dict[str, int] = {}
    for number, record in enumerate(reader, start=2):
        values = {k: (record.get(k) or "").strip() for k in COLUMNS}
        row_errors = []
        if not values["legal_name"]:
            row_errors.append("legal_name is empty")
        email = values["email"].lower()
        try:
            validate_email(email)
        except ValidationError:
            row_errors.append(f"e-mail {values['email']!r} is not valid")
        if email in emails:
            row_errors.append(f"e-mail {email} already on line {emails[email]}")
        emails.setdefault(email, number)
        province = values["province"].upper()
        if province and province not in Province.values:
            row_errors.append(f"province {values['province']!r} is not a province code")
        applications = []
        for entry in filter(None, (e.strip() for e in values["past_applications"].split(";"))):
            parts = [p.strip() for p in entry.split("|", 3)]
            if len(parts) != 4 or not all(parts):
                row_errors.append(
                    f"past application {entry!r}: expected reference|type|status|address"
                )
                continue
            reference, kind, status, site = parts
            if kind not in Application.Kind.values:
                row_errors.append(f"past application {reference}: unknown type {kind!r}")
            if status not in Application.Status.values:
                row_errors.append(f"past application {reference}: unknown status {status!r}")
            if reference in references:
                row_errors.append(
                    f"past application {reference} already on line {references[reference]}"
                )
            references.setdefault(reference, number)
            applications.append(PastApplication(reference, kind, status, site))
        if row_errors:
            errors += [f"line {number}: {message}" for message in row_errors]
            continue
        rows.append(
            Row(
                line=number,
                legal_name=values["legal_name"],
                email=email,
                phone=values["phone"],
                address=values["address"],
                city=values["city"],
                province=province,
                postal_code=values["postal_code"].upper(),
                applications=applications,
            )
        )
    if errors:
        raise ImportErrors(errors)
    return rows


@transaction.atomic
def contractors_import(*, rows: list[Row]) -> ImportResult:
    result = ImportResult()
    errors: list[str] = []
    existing = {
        a.email: a
        for a in ContractorAccount.objects.filter(imported=True, email__in=[r.email for r in rows])
    }
    taken = dict(
        Application.objects.filter(
            reference__in=[a.reference for r in rows for a in r.applications]
        ).values_list("reference", "account__email")
    )
    for row in rows:
        for past in row.applications:
            if past.reference in taken and taken[past.reference] != row.email:
                errors.append(
                    f"line {row.line}: application {past.reference} belongs to another account"
                )
    if errors:
        raise ImportErrors(errors)
    for row in rows:
        account = existing.get(row.email)
        if account is None:
            account = _create(row)
            result.created += 1
        else:
            result.existing += 1
        result.account_ids.append(account.pk)
        for past in row.applications:
            if past.reference in taken:
                continue
            Application.objects.create(
                account=account,
                reference=past.reference,
                kind=past.kind,
                status=past.status,
                site_address=past.site_address,
                imported=True,
            )
            result.applications += 1
        if account.pin_notice_sent_at is None:
            enqueue_on_commit("permits.tasks.send_pin_notice", account.pk)
    return result


def _create(row: Row) -> ContractorAccount:
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.CONTRACTOR,
        status=Organisation.Status.ACTIVE,
        imported=True,
        legal_name=row.legal_name,
        phone=row.phone,
        street_address=row.address,
        city=row.city,
        province=row.province,
        postal_code=row.postal_code,
    )
    group = Group.objects.create(
        organisation=organisation,
        service="permits",
        status=Group.Status.ACTIVE,
        phone=row.phone,
        contact_email=row.email,
    )
    account = ContractorAccount(
        group=group,
        imported=True,
        email=row.email,
        phone=row.phone,
        street_address=row.address,
        city=row.city,
        province=row.province,
        postal_code=row.postal_code,
    )
    save_with_fresh_pin(account)
    return account


@transaction.atomic
def pin_notice_send(*, account_id: int) -> bool:
    """E-mail an imported account its PIN, once: the conditional UPDATE claims the account,
    so two workers (or a re-run) cannot both send."""
    claimed = ContractorAccount.objects.filter(
        pk=account_id, imported=True, pin_notice_sent_at__isnull=True
    ).update(pin_notice_sent_at=timezone.now())
    if not claimed:
        return False
    account = ContractorAccount.objects.select_related("group__organisation").get(pk=account_id)
    parts = {}
    # We do not know the business's language: French first, then English, in one message.
    for language in ("fr", "en"):
        with translation.override(language):
            context = {
                "legal_name": account.group.organisation.legal_name,
                "pin": account.pin_display,
                "site_url": settings.SITE_URL,
                "site_name": settings.SITE_NAME,
            }
            parts[language] = (
                render_to_string("emails/permits_pin_notice_subject.txt", context).strip(),
                render_to_string("emails/permits_pin_notice_body.txt", context),
            )
    queue_email(
        to=account.email,
        subject=f"{parts['fr'][0]} / {parts['en'][0]}",
        body_text=f"{parts['fr'][1]}\n\n----------\n\n{parts['en'][1]}",
        template="permits_pin_notice",
        language="fr",
    )
    return True
