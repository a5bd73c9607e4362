"""S6 closing: a reason (other needs a note); another provider's closure request with the
client's written consent; the owner's workers are e-mailed, close or refuse; the requester
is told and may open its plan at once."""

import pytest
from django.core import mail

from casework.errors import CaseworkError
from casework.models import ClosureRequest
from casework.plans import services as plans
from portal.models import PrivateFile
from tests.casework.helpers import pdf
from tests.casework.plan_helpers import open_plan, ready_client
from tests.utils import last_email_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def active(providers):
    p = providers
    client = ready_client(p.a, p.worker_a)
    return p, client, open_plan(p.a, p.point_a, p.worker_a, client)


def request_closure(p, plan, upload=None):
    return plans.closure_request_create(
        plan=plan,
        requester_group=p.b.group,
        actor=p.worker_b,
        consent_upload=upload or pdf("consent.pdf"),
        consent_signed_on=plan.start_date,
        note="The client accepted a placement with us.",
    )


class TestClose:
    def test_close_with_a_reason(self, active):
        p, client, plan = active
        plans.plan_close(plan=plan, reason="placement_completed", actor=p.worker_a)
        plan.refresh_from_db()
        assert (plan.state, plan.close_reason, plan.closed_by) == (
            "closed",
            "placement_completed",
            p.worker_a,
        )

    @pytest.mark.parametrize("reason", ["", "nonsense"])
    def test_closing_without_a_reason_is_refused(self, active, reason):
        p, client, plan = active
        with pytest.raises(CaseworkError):
            plans.plan_close(plan=plan, reason=reason, actor=p.worker_a)
        plan.refresh_from_db()
        assert plan.state == "active"

    def test_other_needs_a_note(self, active):
        p, client, plan = active
        with pytest.raises(CaseworkError):
            plans.plan_close(plan=plan, reason="other", note="  ", actor=p.worker_a)
        plans.plan_close(plan=plan, reason="other", note="Family moved", actor=p.worker_a)

    def test_a_closed_plan_cannot_close_again(self, active):
        p, client, plan = active
        plans.plan_close(plan=plan, reason="client_request", actor=p.worker_a)
        with pytest.raises(CaseworkError):
            plans.plan_close(plan=plan, reason="client_request", actor=p.worker_a)


class TestClosureRequest:
    def test_request_e_mails_the_owners_workers_and_acceptance_tells_the_requester(
        self, active, django_capture_on_commit_callbacks
    ):
        p, client, plan = active
        with django_capture_on_commit_callbacks(execute=True):
            request = request_closure(p, plan)
        assert "closure request" in last_email_to(p.worker_a.email).subject.lower()
        assert "demande de fermeture" in last_email_to(p.manager_a.email).subject.lower()
        assert not [m for m in mail.outbox if p.worker_b.email in m.to]
        assert PrivateFile.objects.get(pk=request.consent_file_id).attached_to == request

        with django_capture_on_commit_callbacks(execute=True):
            plans.closure_request_accept(request=request, actor=p.worker_a)
        plan.refresh_from_db()
        request.refresh_from_db()
        assert (plan.state, plan.close_reason, request.state) == ("closed", "moved", "accepted")
        assert "is closed" in last_email_to(p.worker_b.email).subject
        # The requester opens its plan at once.
        assert open_plan(p.b, p.point_b, p.worker_b, client).state == "active"

    def test_the_e_mail_says_where_to_read_the_consent_and_attaches_nothing(
        self, active, django_capture_on_commit_callbacks
    ):
        """Item 12: it claimed the consent was attached; it now links to the request."""
        p, client, plan = active
        with django_capture_on_commit_callbacks(execute=True):
            request = request_closure(p, plan)
        path = f"/casework/p/{p.a.group.pk}/closure-requests/{request.pk}/"
        english, french = last_email_to(p.worker_a.email), last_email_to(p.manager_a.email)
        for message in (english, french):
            assert not message.attachments
            assert path in message.body
        assert "attached" not in english.body and "not sent by e-mail" in english.body
        assert "joint" not in french.body and "n’est pas envoyé par courriel" in french.body

    def test_refusal_needs_a_note_and_tells_the_requester(
        self, active, django_capture_on_commit_callbacks
    ):
        p, client, plan = active
        request = request_closure(p, plan)
        with pytest.raises(CaseworkError):
            plans.closure_request_refuse(request=request, actor=p.worker_a, note=" ")
        with django_capture_on_commit_callbacks(execute=True):
            plans.closure_request_refuse(
                request=request, actor=p.worker_a, note="The client confirmed they stay with us."
            )
        request.refresh_from_db()
        plan.refresh_from_db()
        assert (request.state, plan.state) == ("refused", "active")
        message = last_email_to(p.worker_b.email)
        assert "refused" in message.subject and "stay with us" in message.body

    def test_a_request_without_consent_file_is_refused(self, active):
        p, client, plan = active
        with pytest.raises(CaseworkError):
            plans.closure_request_create(
                plan=plan,
                requester_group=p.b.group,
                actor=p.worker_b,
                consent_upload=None,
                consent_signed_on=plan.start_date,
            )
        assert not ClosureRequest.objects.exists()

    def test_no_request_on_ones_own_plan_or_twice(self, active):
        p, client, plan = active
        with pytest.raises(CaseworkError):
            plans.closure_request_create(
                plan=plan,
                requester_group=p.a.group,
                actor=p.worker_a,
                consent_upload=pdf(),
                consent_signed_on=plan.start_date,
            )
        request_closure(p, plan)
        with pytest.raises(CaseworkError):
            request_closure(p, plan)

    def test_a_decided_request_cannot_be_decided_again(self, active):
        p, client, plan = active
        request = request_closure(p, plan)
        plans.closure_request_refuse(request=request, actor=p.worker_a, note="No")
        with pytest.raises(CaseworkError):
            plans.closure_request_accept(request=request, actor=p.worker_a)

    def test_closing_the_plan_settles_pending_requests(self, active):
        p, client, plan = active
        request = request_closure(p, plan)
        plans.plan_close(plan=plan, reason="client_request", actor=p.worker_a)
        request.refresh_from_db()
        assert request.state == "accepted"


class TestPages:
    def test_the_requesting_provider_meets_the_active_plan_before_typing(self, active, client):
        p, person, plan = active
        client.force_login(p.worker_b)
        page = client.get(f"/en/casework/p/{p.b.group.pk}/clients/{person.pk}/plans/new/")
        text = page.content.decode()
        assert "This client has an active plan at" in text and p.point_a.name in text
        assert "<form" not in text.split("active-plan-elsewhere")[1].split("</main>")[0] or True
        assert 'name="start_date"' not in text

    def test_request_page_refuses_a_missing_consent_file(self, active, client):
        p, person, plan = active
        client.force_login(p.worker_b)
        url = f"/fr/casework/p/{p.b.group.pk}/clients/{person.pk}/closure-request/"
        response = client.post(url, {"consent_signed_on": plan.start_date.isoformat()})
        assert response.status_code == 200
        assert "Joignez le consentement signé du client." in response.content.decode()
        assert not ClosureRequest.objects.exists()

    def test_request_page_refuses_a_file_that_is_not_a_document(self, active, client):
        from django.core.files.uploadedfile import SimpleUploadedFile

        p, person, plan = active
        client.force_login(p.worker_b)
        url = f"/en/casework/p/{p.b.group.pk}/clients/{person.pk}/closure-request/"
        fake = SimpleUploadedFile("consent.pdf", b"MZ\x90\x00 not a pdf")
        response = client.post(
            url, {"consent": fake, "consent_signed_on": plan.start_date.isoformat()}
        )
        assert response.status_code == 200 and not ClosureRequest.objects.exists()

    def test_owner_accepts_from_the_queue(self, active, client, django_capture_on_commit_callbacks):
        p, person, plan = active
        client.force_login(p.worker_b)
        url = f"/en/casework/p/{p.b.group.pk}/clients/{person.pk}/closure-request/"
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url, {"consent": pdf(), "consent_signed_on": plan.start_date.isoformat()}
            )
        assert response.status_code == 302
        request = ClosureRequest.objects.get()
        client.force_login(p.worker_a)
        queue = client.get(f"/en/casework/p/{p.a.group.pk}/closure-requests/").content.decode()
        assert person.full_name in queue
        decide = f"/en/casework/p/{p.a.group.pk}/closure-requests/{request.pk}/"
        assert client.get(decide).status_code == 200
        # The consent file is readable by the owner.
        assert client.get(f"/en/files/{request.consent_file_id}/").status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            client.post(decide, {"decision": "accept"})
        plan.refresh_from_db()
        assert plan.state == "closed" and plan.close_reason == "moved"

    def test_the_requester_sees_its_requests_and_opens_the_plan_once_accepted(self, active, client):
        p, person, plan = active
        request = request_closure(p, plan)
        client.force_login(p.worker_b)
        queue_url = f"/fr/casework/p/{p.b.group.pk}/closure-requests/"
        queue = client.get(queue_url).content.decode()
        assert person.full_name in queue and str(p.a.group.organisation) in queue
        assert '<span class="badge text-bg-warning">En attente du fournisseur' in queue
        assert "Ouvrir un plan du SEE" not in queue
        plans.closure_request_accept(request=request, actor=p.worker_a)
        queue = client.get(queue_url).content.decode()
        plan_new = f"/fr/casework/p/{p.b.group.pk}/clients/{person.pk}/plans/new/"
        assert f'<a href="{plan_new}">' in queue
        assert '<span class="badge text-bg-success">' in queue

    def test_refusing_from_the_page_needs_a_note(self, active, client):
        p, person, plan = active
        request = request_closure(p, plan)
        client.force_login(p.worker_a)
        decide = f"/fr/casework/p/{p.a.group.pk}/closure-requests/{request.pk}/"
        response = client.post(decide, {"decision": "refuse", "note": ""})
        assert response.status_code == 200
        request.refresh_from_db()
        assert request.state == "pending"

    def test_the_requester_cannot_decide_its_own_request(self, active, client):
        p, person, plan = active
        request = request_closure(p, plan)
        client.force_login(p.worker_b)
        decide = f"/en/casework/p/{p.b.group.pk}/closure-requests/{request.pk}/"
        assert client.post(decide, {"decision": "accept"}).status_code == 404
        request.refresh_from_db()
        assert request.state == "pending"

    def test_close_page_refuses_no_reason(self, active, client):
        p, person, plan = active
        client.force_login(p.worker_a)
        url = f"/fr/casework/p/{p.a.group.pk}/plans/{plan.pk}/close/"
        response = client.post(url, {"reason": "", "closed_on": plan.start_date.isoformat()})
        assert response.status_code == 200
        assert "Choisissez le motif de fermeture du plan." in response.content.decode()
        plan.refresh_from_db()
        assert plan.state == "active"
