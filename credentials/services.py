"""Writes of the credentials app: importing the official operator registry (all or nothing),
and checking held credentials against it."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from credentials.models import (
    Credential,
    CredentialClass,
    CredentialType,
    RegistryImport,
    RegistryRecord,
)
from credentials.names import same_person_name
from portal.services.audit import audit_record

REGISTRY_COLUMNS = [
    "operator_id",
    "name",
    "number",
    "type",
    "class",
    "status",
    "expiry",
    "snapshot_date",
]
MAX_ROWS = 500_000
REGISTRY_LOCK = 0x4D41_5443  # pg_advisory_xact_lock key of registry imports

# Sent after an import commits (kwargs: report). Apps that rely on the registry (matching's
# eligibility sweep) listen to it; credentials does not know them.
registry_imported = Signal()


class RegistryImportError(Exception):
    """The file was refused: nothing was imported. `errors` are (line, message) pairs."""

    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class ImportReport:
    rows: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    snapshot_date: datetime.date | None = None
    record: RegistryImport | None = field(default=None, repr=False)


def _parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def registry_parse(text: str) -> list[dict]:
    """Parse and validate every row; raise RegistryImportError with line numbers if any is
    wrong. Returns one dict per row with resolved type and class ids."""
    errors: list[tuple[int, str]] = []
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise RegistryImportError([(1, _("The file is empty."))])
    header = [column.strip().lower().lstrip("\ufeff") for column in header]
    if header != REGISTRY_COLUMNS:
        raise RegistryImportError(
            [(1, _("The header must be: %(columns)s") % {"columns": ",".join(REGISTRY_COLUMNS)})]
        )
    types = {t.code: t.pk for t in CredentialType.objects.filter(family="water_operator")}
    classes = {
        (c.type_id, c.code): c.pk for c in CredentialClass.objects.filter(type__in=types.values())
    }
    statuses = set(RegistryRecord.Status.values)
    rows: list[dict] = []
    seen: dict[tuple[int, str], int] = {}
    for line, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(rows) >= MAX_ROWS:
            errors.append((line, _("Too many rows.")))
            break
        if len(raw) != len(REGISTRY_COLUMNS):
            errors.append(
                (line, _("Expected %(n)d columns, found %(m)d.") % {"n": 8, "m": len(raw)})
            )
            continue
        values = dict(zip(REGISTRY_COLUMNS, (cell.strip() for cell in raw), strict=True))
        problems = []
        if not (len(values["operator_id"]) == 8 and values["operator_id"].isdigit()):
            problems.append(_("operator ID must be 8 digits"))
        if not values["name"]:
            problems.append(_("name is missing"))
        if not values["number"] or len(values["number"]) > 40:
            problems.append(_("certificate or licence number is missing or too long"))
        type_id = types.get(values["type"])
        if type_id is None:
            problems.append(_("unknown type “%(value)s”") % {"value": values["type"][:40]})
        class_id = classes.get((type_id, values["class"].upper())) if type_id else None
        if type_id and class_id is None:
            problems.append(_("unknown class “%(value)s”") % {"value": values["class"][:20]})
        status = values["status"].lower()
        if status not in statuses:
            problems.append(_("unknown status “%(value)s”") % {"value": values["status"][:20]})
        expiry = _parse_date(values["expiry"])
        if expiry is None:
            problems.append(_("expiry must be a date (YYYY-MM-DD)"))
        snapshot = _parse_date(values["snapshot_date"])
        if snapshot is None:
            problems.append(_("snapshot date must be a date (YYYY-MM-DD)"))
        if type_id and values["number"]:
            key = (type_id, values["number"])
            if key in seen:
                problems.append(_("same number and type as line %(line)d") % {"line": seen[key]})
            else:
                seen[key] = line
        if problems:
            errors.append((line, "; ".join(str(p) for p in problems)))
            continue
        rows.append(
            {
                "operator_id": values["operator_id"],
                "name": values["name"][:200],
                "number": values["number"],
                "type_id": type_id,
                "credential_class_id": class_id,
                "status": status,
                "expires_on": expiry,
                "snapshot_date": snapshot,
            }
        )
    if errors:
        raise RegistryImportError(errors[:200])
    return rows


_COMPARED = ("operator_id", "name", "credential_class_id", "status", "expires_on")


@transaction.atomic
def registry_import(*, text: str, actor=None, file_name: str = "") -> ImportReport:
    """Replace the registry with the file's rows, all or nothing; report what changed."""
    rows = registry_parse(text)
    # One import at a time: a second one waits for this one to finish (transaction lock).
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REGISTRY_LOCK])
    existing = {
        (r["type_id"], r["number"]): r
        for r in RegistryRecord.objects.values("id", "type_id", "number", *_COMPARED)
    }
    report = ImportReport(rows=len(rows))
    to_create, to_update = [], []
    keep: set[int] = set()
    for row in rows:
        current = existing.get((row["type_id"], row["number"]))
        if current is None:
            to_create.append(RegistryRecord(**row))
            continue
        keep.add(current["id"])
        # Every kept row gets the new snapshot date; only other differences count as changes.
        to_update.append(RegistryRecord(id=current["id"], **row))
        if any(current[name] != row[name] for name in _COMPARED):
            report.changed += 1
    removed_ids = [r["id"] for r in existing.values() if r["id"] not in keep]
    RegistryRecord.objects.filter(id__in=removed_ids).delete()
    RegistryRecord.objects.bulk_create(to_create, batch_size=5000)
    RegistryRecord.objects.bulk_update(
        to_update,
        ["operator_id", "name", "credential_class", "status", "expires_on", "snapshot_date"],
        batch_size=5000,
    )
    report.added = len(to_create)
    report.removed = len(removed_ids)
    report.snapshot_date = max((row["snapshot_date"] for row in rows), default=None)
    report.record = RegistryImport.objects.create(
        imported_by=actor if actor is not None and actor.is_authenticated else None,
        file_name=file_name[:200],
        snapshot_date=report.snapshot_date,
        rows=report.rows,
        added=report.added,
        changed=report.changed,
        removed=report.removed,
    )
    audit_record(
        actor=actor,
        subject=report.record,
        verb="registry.imported",
        data={
            "rows": report.rows,
            "added": report.added,
            "changed": report.changed,
            "removed": report.removed,
        },
    )
    transaction.on_commit(lambda: registry_imported.send(sender=RegistryImport, report=report))
    return report


def credential_registry_mismatches(
    credential: Credential, record: RegistryRecord | None, today: datetime.date
) -> list[str]:
    """What differs between a claim and the registry: keys shown to staff. "holder_name":
    the registry names someone else than the claim's holder (accents, case and word order
    aside)."""
    problems = []
    if record is None:
        return ["not_found"]
    if not same_person_name(credential.holder.get_full_name(), record.name):
        problems.append("holder_name")
    if credential.credential_class_id != record.credential_class_id:
        problems.append("class")
    if credential.expires_on != record.expires_on:
        problems.append("expiry")
    if record.status != RegistryRecord.Status.VALID:
        problems.append("registry_status")
    if credential.expires_on is None or credential.expires_on < today:
        problems.append("expired")
    return problems


def credentials_precheck(*, holder, operator_id: str = "") -> list[Credential]:
    """Compare each water-operator credential of `holder` with the registry and store the
    differences on it. The registry is read with one query."""
    today = timezone.localdate()
    now = timezone.now()
    credentials = list(
        Credential.objects.filter(holder=holder, type__family="water_operator")
        .select_related("holder")
        .select_for_update(of=("self",))
    )
    records = {
        (r.type_id, r.number): r
        for r in RegistryRecord.objects.filter(number__in=[c.number for c in credentials])
    }
    for credential in credentials:
        record = records.get((credential.type_id, credential.number))
        problems = credential_registry_mismatches(credential, record, today)
        if record is not None and operator_id and record.operator_id != operator_id:
            problems.append("operator_id")
        credential.registry_mismatches = problems
        credential.registry_checked_at = now
    Credential.objects.bulk_update(credentials, ["registry_mismatches", "registry_checked_at"])
    return credentials


@transaction.atomic
def reference_save(*, obj, actor, created: bool = False):
    """Save a credential type or class edited by the office, with an audit event."""
    obj.save()
    audit_record(
        actor=actor,
        subject=obj,
        verb="reference.created" if created else "reference.changed",
        data={"code": obj.code, "name_en": obj.name_en, "name_fr": obj.name_fr},
    )
    return obj
