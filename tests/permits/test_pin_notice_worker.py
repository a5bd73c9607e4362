"""P5 through a real Celery worker on real Redis (CI sets REDIS_URL): the import queues one
PIN notice per account after commit; the same task queued twice sends one e-mail."""

import os

import pytest
from django.core import mail

from permits.importer import contractors_import, parse
from permits.models import ContractorAccount
from permits.tasks import send_pin_notice
from portal.models import OutboundEmail
from tests.permits.test_import import CSV
from tests.portal.test_worker import celery_worker, wait_for  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)"),
]


def test_each_pin_is_mailed_once_by_the_worker(celery_worker):  # noqa: F811
    contractors_import(rows=parse(CSV))
    rideau = ContractorAccount.objects.get(email="info@rideau.example")
    send_pin_notice.delay(rideau.pk)  # a duplicate delivery of the same job
    send_pin_notice.delay(rideau.pk)

    def sent():
        return OutboundEmail.objects.filter(
            template="permits_pin_notice", status=OutboundEmail.Status.SENT
        ).count()

    assert wait_for(lambda: sent() == 2)
    # Give the duplicates time to run: still one e-mail per account.
    wait_for(lambda: False, seconds=2)
    assert sent() == 2
    assert sorted(m.to[0] for m in mail.outbox if "NIP" in m.subject) == [
        "info@rideau.example",
        "signs@bytown.example",
    ]
