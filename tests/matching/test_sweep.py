"""M8: the eligibility sweep is set-based, idempotent, audited, and e-mails whom it deactivates."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from credentials.models import Credential, RegistryRecord
from matching.models import ProfileState
from matching.services import eligibility_sweep
from portal.models import AuditEvent
from tests.matching import helpers

pytestmark = pytest.mark.django_db
S = ProfileState


def test_expired_certificate_deactivates_and_hides_the_same_day(
    client, alice, bob, django_capture_on_commit_callbacks
):
    helpers.owner(alice)
    op = helpers.operator(bob, expires=helpers.in_days(-1))
    Credential.objects.filter(holder=bob).update(status="valid")
    client.force_login(alice)
    assert (
        client.get(f"/en/matching/operators/{op.pk}/").status_code == 404
    )  # already, by the query
    with django_capture_on_commit_callbacks(execute=True):
        counts = eligibility_sweep()
    assert counts["expired"] == 1 and counts["deactivated"] == 1
    op.refresh_from_db()
    assert op.state == S.DEACTIVATED and not op.available
    assert Credential.objects.get(holder=bob).status == "expired"
    assert [m.to for m in mail.outbox] == [[bob.email]]
    assert "désactivé" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(verb="operator.deactivated", subject_id=op.pk).exists()
    assert AuditEvent.objects.filter(verb="credential.swept", to_state="expired").count() == 1
    response = client.get("/en/matching/search/", {"region": ""})
    assert op.pk not in {o.pk for o in response.context["page"]}


def test_rerun_changes_nothing(django_capture_on_commit_callbacks):
    helpers.operator(expires=helpers.in_days(-2))
    with django_capture_on_commit_callbacks(execute=True):
        eligibility_sweep()
    events, emails = AuditEvent.objects.count(), len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert eligibility_sweep() == {"expired": 0, "not_found": 0, "changed": 0, "deactivated": 0}
    assert AuditEvent.objects.count() == events and len(mail.outbox) == emails


def test_one_changed_credential_is_marked_while_others_keep_the_operator_active(alice):
    op = helpers.operator(alice, number="DW-A", class_code="II")
    helpers.credential(alice, "WW-B", type_code=helpers.WW, class_code="I")
    RegistryRecord.objects.filter(number="DW-A").update(credential_class=helpers.cclass("I"))
    counts = eligibility_sweep()
    assert counts["changed"] == 1 and counts["deactivated"] == 0
    assert Credential.objects.get(number="DW-A").status == "changed"
    op.refresh_from_db()
    assert op.state == S.ACTIVE


def test_credential_gone_from_registry(alice, django_capture_on_commit_callbacks):
    op = helpers.operator(alice, number="DW-GONE")
    RegistryRecord.objects.filter(number="DW-GONE").delete()
    with django_capture_on_commit_callbacks(execute=True):
        counts = eligibility_sweep()
    assert counts["not_found"] == 1 and counts["deactivated"] == 1
    op.refresh_from_db()
    assert op.state == S.DEACTIVATED


def test_registry_suspension_counts_as_changed(alice):
    helpers.operator(alice, number="DW-S")
    RegistryRecord.objects.filter(number="DW-S").update(status="suspended")
    assert eligibility_sweep()["changed"] == 1


def test_drafts_are_not_checked_against_the_registry(alice):
    helpers.operator(alice, state=S.DRAFT, registry=False)
    assert eligibility_sweep()["not_found"] == 0


def test_sweep_is_set_based(alice):
    for _ in range(30):
        helpers.operator(expires=helpers.in_days(-1))
    with CaptureQueriesContext(connection) as few:
        eligibility_sweep()
    for _ in range(3):
        helpers.operator(expires=helpers.in_days(-1))
    with CaptureQueriesContext(connection) as fewer:
        eligibility_sweep()
    # The number of statements does not grow with the rows (e-mails aside: one per person).
    non_email = [q for q in few.captured_queries if "portal_outboundemail" not in q["sql"]]
    non_email_small = [q for q in fewer.captured_queries if "portal_outboundemail" not in q["sql"]]
    assert len(non_email) <= len(non_email_small) + 2, (len(non_email), len(non_email_small))


def test_deactivated_operator_can_resubmit_with_a_new_certificate(alice):
    from matching.services import operator_credential_save, operator_submit

    op = helpers.operator(alice, expires=helpers.in_days(-1))
    eligibility_sweep()
    op.refresh_from_db()
    helpers.registry_row("DW-NEW")
    operator_credential_save(
        profile=op,
        actor=alice,
        credential=None,
        type=helpers.ctype(),
        credential_class=helpers.cclass(),
        number="DW-NEW",
        expires_on=helpers.in_days(400),
    )
    operator_submit(profile=op, actor=alice)
    op.refresh_from_db()
    assert op.state == S.SUBMITTED


def test_beat_schedule_runs_the_sweep_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["matching-eligibility-sweep"]
    assert entry["task"] == "matching.tasks.eligibility_sweep_task"


def test_registry_import_triggers_the_sweep(alice, django_capture_on_commit_callbacks):
    from credentials.services import registry_import

    op = helpers.operator(alice, number="DW-X1")
    other = helpers.registry_row("DW-OTHER")
    text = (
        "operator_id,name,number,type,class,status,expiry,snapshot_date\n"
        f"12345678,Someone,DW-OTHER,{helpers.DW},II,valid,{other.expires_on},2026-11-01\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = registry_import(text=text)
    assert report.removed == 1  # DW-X1 left the registry…
    op.refresh_from_db()
    assert op.state == S.DEACTIVATED  # …and the sweep ran right after the import
