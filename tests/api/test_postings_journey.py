"""An employer's system posts a job without a browser: create (the wizard's rules), submit
(a credit taken, 402 without one), the regulator's decision on its page's service, read back
in French and English; end; statistics. The credit race through the API."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from billing.credits import balances
from jobboard.postings import services
from jobboard.postings.models import Posting
from portal.services.reviews import review_decide
from tests.api.helpers import ALL_JOBS, api, jobs_group, token_for
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import complete_posting, give_credits, item, open_review
from tests.utils import run_concurrently


def body(**overrides) -> dict:
    deadline = timezone.localdate() + datetime.timedelta(days=45)
    values = {
        "profile": "engineer",
        "title_fr": "Ingénieure ou ingénieur en structures",
        "title_en": "Structural engineer",
        "function_type": item("function").pk,
        "domains": [item("field").pk],
        "employment_type": "permanent",
        "position_status": "full_time",
        "work_mode": "hybrid",
        "apply_deadline": deadline.isoformat(),
        "location_kind": "address",
        "street_address": "1000, rue Sherbrooke Ouest",
        "city": "Montréal",
        "postal_code": "H3A 3G4",
        "purpose_fr": "<p>Concevoir des ponts.</p><script>alert(1)</script>",
        "purpose_en": "<p>Design bridges.</p>",
        "duties_fr": "<p>Calculs <b>détaillés</b>.</p>",
        "qualifications_fr": "<p>Membre de l’Ordre.</p>",
        "apply_mode": "url",
        "apply_url": "https://ponts.example.org/carrieres",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_create_submit_approve_and_read_back_in_both_languages():
    group, user = jobs_group()
    client = api(token_for(group, ALL_JOBS))
    created = client.post("/api/v1/jobs/postings/", body(), format="json")
    assert created.status_code == 201, created.content
    posting = created.json()
    assert posting["state"] == "draft" and posting["step"] == "package"
    assert "<script>" not in posting["purpose_fr"] and "Concevoir" in posting["purpose_fr"]
    pk = posting["id"]
    assert Posting.objects.get(pk=pk).created_by == user  # the client's creator acts

    refused = client.post(f"/api/v1/jobs/postings/{pk}/submit/")
    assert refused.status_code == 402
    assert refused.json() == {
        "code": "credit_missing",
        "message": refused.json()["message"],
        "product": "jobboard-engineer-1",
    }
    assert "jobboard-engineer-1" in refused.json()["message"]
    give_credits(group, n=1)
    submitted = client.post(f"/api/v1/jobs/postings/{pk}/submit/")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == "in_validation"
    assert balances(group)[services.ENGINEER] == 0

    regulator = UserFactory(staff_role="regulator")
    review_decide(
        review=open_review(Posting.objects.get(pk=pk)),
        actor=regulator,
        decision="request_changes",
        note="Précisez le salaire.",
    )
    read = api(client._credentials["HTTP_AUTHORIZATION"].split()[1], lang="fr")
    mine = read.get(f"/api/v1/jobs/postings/{pk}/").json()
    assert mine["state"] == "to_revise" and mine["state_label"] == "À réviser"
    assert mine["regulator_decision"]["note"] == "Précisez le salaire."
    fixed = client.patch(f"/api/v1/jobs/postings/{pk}/", {"salary_note": "80 000 $"}, format="json")
    assert fixed.status_code == 200 and fixed.json()["salary_note"] == "80 000 $"
    assert client.post(f"/api/v1/jobs/postings/{pk}/submit/").status_code == 200
    review_decide(
        review=open_review(Posting.objects.get(pk=pk)), actor=regulator, decision="approve"
    )

    detail = client.get(f"/api/v1/jobs/postings/{pk}/").json()
    assert detail["state"] == "active" and detail["live"] and detail["state_label"] == "Active"
    public = api(lang="fr").get(f"/api/v1/postings/{pk}/").json()
    assert public["title"] == {"fr": body()["title_fr"], "en": "Structural engineer"}
    assert public["description"]["fr"].startswith("<h3>Raison d’être du poste</h3>")
    assert public["description"]["en"].startswith("<h3>Purpose of the position</h3>")
    assert public["url"]["fr"].endswith(f"/fr/jobs/{pk}/")
    assert public["url"]["en"].endswith(f"/en/jobs/{pk}/")
    assert public["json_ld"]["en"]["title"] == "Structural engineer"
    assert public["json_ld"]["fr"]["title"] == body()["title_fr"]
    listed = api().get("/api/v1/postings/?q=ponts").json()["results"]
    assert [p["id"] for p in listed] == [pk]

    stats = client.get(f"/api/v1/jobs/postings/{pk}/statistics/").json()
    assert stats["totals"] == {"views": 0, "clicks": 0, "shares": 0} and len(stats["days"]) == 31
    ended = client.post(f"/api/v1/jobs/postings/{pk}/end/")
    assert ended.status_code == 200 and ended.json()["state"] == "expired"
    cache.clear()  # the public answers are kept API_PUBLIC_CACHE_SECONDS
    assert api().get(f"/api/v1/postings/{pk}/").status_code == 404
    again = client.post(f"/api/v1/jobs/postings/{pk}/end/")
    assert again.status_code == 409 and again.json()["code"] == "invalid_state"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang,overrides,field,message",
    [
        ("fr", {"purpose_fr": "<p><br></p>"}, "purpose_fr",
         "Cette section est obligatoire en français."),
        ("en", {"purpose_fr": "<p> </p>"}, "purpose_fr", "This section is required in French."),
        ("en", {"title_fr": ""}, "title_fr", "This field is required."),
        ("en", {"publish_mode": "on_date", "publish_on": timezone.localdate().isoformat()},
         "publish_on", "The publication date must be at least 3 business days"),
        ("en", {"domains": [999999]}, "domains", "Select a valid choice."),
        ("en", {"state": "active"}, "state", "Unknown field."),
    ],
)  # fmt: skip
def test_the_wizard_rules_refuse_with_named_fields(lang, overrides, field, message):
    group, _u = jobs_group()
    client = api(token_for(group, ALL_JOBS), lang=lang)
    response = client.post("/api/v1/jobs/postings/", body(**overrides), format="json")
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid"
    assert any(m.startswith(message) for m in response.json()["fields"][field])
    assert not group.postings.exists()


@pytest.mark.django_db
def test_a_posting_in_validation_cannot_be_changed():
    group, user = jobs_group()
    give_credits(group)
    posting = services.posting_submit(posting=complete_posting(group, user), actor=user)
    client = api(token_for(group, ALL_JOBS))
    response = client.patch(
        f"/api/v1/jobs/postings/{posting.pk}/", {"city": "Laval"}, format="json"
    )
    assert response.status_code == 409
    posting.refresh_from_db()
    assert posting.city == "Montréal"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(2))
def test_two_submissions_with_one_credit_through_the_api(attempt):
    from tests.jobboard.postings_helpers import reference_data

    reference_data()
    group, user = jobs_group()
    give_credits(group, n=1)
    first, second = complete_posting(group, user), complete_posting(group, user)
    token = token_for(group, ALL_JOBS)
    results = run_concurrently(
        lambda: api(token).post(f"/api/v1/jobs/postings/{first.pk}/submit/").status_code,
        lambda: api(token).post(f"/api/v1/jobs/postings/{second.pk}/submit/").status_code,
    )
    assert sorted(results) == [200, 402]
    assert balances(group)[services.ENGINEER] == 0
    assert Posting.objects.filter(state="in_validation").count() == 1
