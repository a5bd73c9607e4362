"""Job seekers (J8, J10): sign-up with a profile and an explicit consent, « My
communications », the public company page and its follow button, unsubscribe links."""

import re

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from jobboard.postings.models import ReferenceItem
from jobboard.seekers import services as seekers
from jobboard.seekers.models import Follow, SeekerConsent, SeekerProfile
from jobboard.seekers.unsubscribe import unsubscribe_url
from portal.models import AuditEvent, OutboundEmail
from tests.factories import GroupFactory
from tests.jobboard.postings_helpers import complete_posting, ready_group, reference_data
from tests.utils import path_of

pytestmark = pytest.mark.django_db


def _ids(kind, n=2):
    reference_data()
    return list(
        ReferenceItem.objects.filter(kind=kind).order_by("order").values_list("pk", flat=True)[:n]
    )


def _signup_data(email, consent=True, **extra):
    data = {
        "email": email,
        "first_name": "Nadia",
        "last_name": "Pelletier",
        "password1": "a-long-new-password",
        "password2": "a-long-new-password",
        "profile": "engineer",
        "field_ids": _ids("field"),
        "region_ids": _ids("region", 1),
        "outside_quebec": "on",
        "years_on_roll": "6",
        "weekly_digest": "on",
    }
    if consent:
        data["consent"] = "on"
    data.update(extra)
    return data


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_new_seeker_signs_up_verifies_and_signs_in(
    client, lang, django_capture_on_commit_callbacks
):
    email = f"nadia.{lang}@gmail.com"  # a free address is fine for a seeker
    page = client.get(f"/{lang}/jobs/me/signup/")
    assert page.status_code == 200
    wording = seekers.consent_wording(lang)
    assert wording in page.content.decode()
    consent_box = re.search(r'<input[^>]*name="consent"[^>]*>', page.content.decode()).group(0)
    assert "checked" not in consent_box  # unchecked by default
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/{lang}/jobs/me/signup/", _signup_data(email))
    assert answer.status_code == 302
    user = User.objects.get(email=email)
    seeker = user.seeker_profile
    assert seeker.profile == "engineer" and seeker.years_on_roll == 6 and seeker.outside_quebec
    assert len(seeker.field_ids) == 2 and len(seeker.region_ids) == 1
    assert seeker.weekly_digest and seeker.targeted_consent
    consent = SeekerConsent.objects.get(seeker=seeker)
    assert consent.wording == wording and consent.language == lang and consent.withdrawn_at is None
    assert AuditEvent.objects.filter(verb="seeker.consent_given", subject_id=seeker.pk).exists()
    # The e-mail is verified by the seeker alone, then they sign in.
    message = OutboundEmail.objects.get(to=email)
    link = re.search(r"https?://\S+/confirm-email/\S+/", message.body_text).group(0)
    client.post(path_of(link))
    assert EmailAddress.objects.get(email=email).verified
    signed_in = client.post(
        f"/{lang}/accounts/login/", {"login": email, "password": "a-long-new-password"}
    )
    assert signed_in.status_code == 302
    assert client.get(f"/{lang}/jobs/me/communications/").status_code == 200


def test_sign_up_without_consent_stores_none(client):
    client.post("/fr/jobs/me/signup/", _signup_data("paul@gmail.com", consent=False))
    seeker = SeekerProfile.objects.get(user__email="paul@gmail.com")
    assert not seeker.targeted_consent and not seeker.consents.exists()


def test_a_cpi_has_no_years_on_the_roll(client):
    client.post(
        "/fr/jobs/me/signup/", _signup_data("cpi@gmail.com", profile="cpi", years_on_roll="4")
    )
    assert SeekerProfile.objects.get(user__email="cpi@gmail.com").years_on_roll == 0


def test_sign_up_refuses_a_missing_profile_type(client):
    answer = client.post("/en/jobs/me/signup/", _signup_data("x@gmail.com", profile=""))
    assert answer.status_code == 200 and "This field is required" in answer.content.decode()
    assert not User.objects.filter(email="x@gmail.com").exists()


def test_an_employer_creates_a_seeker_profile_then_withdraws_and_gives_again(client, alice):
    client.force_login(alice)
    assert client.get("/en/jobs/me/").status_code == 200
    data = _signup_data("", consent=True)
    answer = client.post("/en/jobs/me/", data)
    assert answer.status_code == 302
    seeker = alice.seeker_profile
    assert seeker.targeted_consent
    client.post("/en/jobs/me/communications/consent/", {"give": "0"})
    seeker.refresh_from_db()
    assert not seeker.targeted_consent
    first = SeekerConsent.objects.get(seeker=seeker)
    assert first.withdrawn_at is not None
    assert AuditEvent.objects.filter(verb="seeker.consent_withdrawn").count() == 1
    client.post("/fr/jobs/me/communications/consent/", {"give": "1"})
    seeker.refresh_from_db()
    assert seeker.targeted_consent
    rows = list(SeekerConsent.objects.filter(seeker=seeker).order_by("given_at"))
    assert len(rows) == 2 and rows[1].withdrawn_at is None and rows[1].language == "fr"
    assert rows[1].wording == seekers.consent_wording("fr") != rows[0].wording
    page = client.get("/en/jobs/me/communications/").content.decode()
    assert "Withdraw my consent" in page


def test_weekly_on_and_off(client, alice):
    client.force_login(alice)
    client.post("/en/jobs/me/communications/weekly/", {"on": "1"})
    assert SeekerProfile.objects.get(user=alice).weekly_digest
    client.post("/en/jobs/me/communications/weekly/", {"on": "0"})
    assert not SeekerProfile.objects.get(user=alice).weekly_digest


def test_my_pages_need_sign_in(client):
    for url in ("/en/jobs/me/", "/en/jobs/me/communications/"):
        answer = client.get(url)
        assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
    answer = client.post("/en/jobs/me/communications/consent/", {"give": "1"})
    assert answer.status_code == 302 and not SeekerConsent.objects.exists()


# --- The public company page and following --------------------------------------------------


@pytest.fixture
def company(alice):
    return ready_group(alice, name="Ponts et Chaussées inc.")


def test_company_page_shows_card_and_live_postings_only(client, company, alice):
    live = complete_posting(company, alice, state="active", live=True)
    live.published = {"title_fr": "Ingénieur·e en ponts", "title_en": "Bridge engineer"}
    live.save()
    complete_posting(company, alice, title_fr="Brouillon caché")
    page = client.get(f"/en/jobs/companies/{company.pk}/").content.decode()
    assert "Ponts et Chaussées inc." in page and "Bridge engineer" in page
    assert f'href="/en/jobs/{live.pk}/"' in page
    assert "Brouillon caché" not in page
    assert "Follow this company" in page


def test_company_page_404s(client):
    reference_data()
    other_service = GroupFactory(service="permits")
    pending_group = GroupFactory(status="pending")
    pending_company = GroupFactory(organisation__status="pending")
    for group in (other_service, pending_group, pending_company):
        assert client.get(f"/en/jobs/companies/{group.pk}/").status_code == 404
        assert client.post(f"/en/jobs/companies/{group.pk}/follow/").status_code == 404
    assert client.get("/en/jobs/companies/999999/").status_code == 404


def test_follow_signed_out_goes_to_sign_in_then_back(client, company):
    answer = client.post(f"/fr/jobs/companies/{company.pk}/follow/")
    assert answer.status_code == 302
    assert answer["Location"] == f"/fr/accounts/login/?next=/fr/jobs/companies/{company.pk}/"
    assert not Follow.objects.exists()


def test_follow_and_unfollow(client, company, bob):
    client.force_login(bob)
    url = f"/en/jobs/companies/{company.pk}/"
    client.post(url + "follow/", {"next": url})
    client.post(url + "follow/", {"next": url})  # twice is once
    assert Follow.objects.filter(user=bob, group=company).count() == 1
    page = client.get(url).content.decode()
    assert "Unfollow" in page
    mine = client.get("/en/jobs/me/communications/").content.decode()
    assert "Ponts et Chaussées inc." in mine
    answer = client.post(url + "unfollow/", {"next": "https://evil.example.com/"})
    assert answer["Location"] == url  # never sent elsewhere
    assert not Follow.objects.exists()


def test_communications_page_queries_do_not_grow(client, bob, django_assert_num_queries):
    reference_data()
    client.force_login(bob)
    seekers.weekly_digest_set(user=bob, on=True)
    Follow.objects.create(user=bob, group=GroupFactory())
    client.get("/en/jobs/me/communications/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/en/jobs/me/communications/")
    for _n in range(49):
        Follow.objects.create(user=bob, group=GroupFactory())
    with CaptureQueriesContext(connection) as fifty:
        page = client.get("/en/jobs/me/communications/")
    assert page.content.decode().count("Unfollow<span") == 50
    assert len(one) == len(fifty)


def test_company_page_queries_do_not_grow(client, company, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for _n in range(n):
            p = complete_posting(company, alice, state="active", live=True)
            p.published = {"title_fr": "Poste", "title_en": "Job"}
            p.save()

    from django.core.cache import cache

    add(1)
    client.get(f"/en/jobs/companies/{company.pk}/")
    cache.clear()  # the view's own queries, not the page cache's answer
    with CaptureQueriesContext(connection) as one:
        client.get(f"/en/jobs/companies/{company.pk}/")
    add(49)
    cache.clear()
    with CaptureQueriesContext(connection) as fifty:
        client.get(f"/en/jobs/companies/{company.pk}/")
    assert len(one) == len(fifty)


# --- Unsubscribe links through the real view --------------------------------------------------


def _path(url):
    return path_of(url)


def test_unsubscribe_weekly_follow_targeted_signed_out(client, company, bob):
    seekers.seeker_profile_save(
        user=bob,
        profile="engineer",
        field_ids=[],
        region_ids=[],
        outside_quebec=False,
        years_on_roll=3,
        weekly_digest=True,
        consent=True,
        language="fr",
    )
    seekers.follow(user=bob, group=company)
    client.post(_path(unsubscribe_url(bob, "weekly")))
    assert not SeekerProfile.objects.get(user=bob).weekly_digest
    page = client.get(_path(unsubscribe_url(bob, "follow", company.pk))).content.decode()
    assert "les nouvelles offres de cette entreprise" in page
    client.post(_path(unsubscribe_url(bob, "follow", company.pk)))
    assert not Follow.objects.filter(user=bob).exists()
    client.post(_path(unsubscribe_url(bob, "targeted")))
    seeker = SeekerProfile.objects.get(user=bob)
    assert not seeker.targeted_consent
    assert seeker.consents.get().withdrawn_at is not None


def test_another_users_token_cannot_unsubscribe_someone_else(client, company, alice, bob):
    for user in (alice, bob):
        seekers.weekly_digest_set(user=user, on=True)
        seekers.follow(user=user, group=company)
    client.force_login(bob)
    client.post(_path(unsubscribe_url(alice, "weekly")))
    client.post(_path(unsubscribe_url(alice, "follow", company.pk)))
    assert SeekerProfile.objects.get(user=bob).weekly_digest
    assert Follow.objects.filter(user=bob).exists()
    assert not SeekerProfile.objects.get(user=alice).weekly_digest
    # A token for one mailing cannot be edited into another user's.
    token = unsubscribe_url(alice, "weekly").rstrip("/").rsplit("/", 1)[1]
    forged = token.replace(str(alice.pk), str(bob.pk), 1)
    if forged != token:
        assert client.post(f"/fr/jobs/unsubscribe/{forged}/").status_code == 404
    assert Follow.objects.filter(user=bob).exists()
