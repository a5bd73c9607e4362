"""The public posting page (J10): live postings only (410 once gone, 404 never published),
JSON-LD, share and apply redirects, apply by e-mail with a CV, the deadline, the counters."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from jobboard.postings import services
from jobboard.postings.models import Posting
from jobboard.statistics import services as stats
from jobboard.statistics.models import PostingDailyStat
from tests.jobboard.page_helpers import BROWSER, docx, live_posting, pdf, png_named
from tests.jobboard.postings_helpers import complete_posting, ready_group, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def group(alice):
    return ready_group(alice)


@pytest.fixture
def posting(group, alice):
    return live_posting(group, alice)


def url(name, posting, lang="fr", **kwargs):
    with translation.override(lang):
        return reverse(f"jobboard:{name}", kwargs={"posting_id": posting.pk, **kwargs})


def get(client, address, **extra):
    return client.get(address, HTTP_USER_AGENT=BROWSER, **extra)


def figures(posting) -> tuple[int, int, int]:
    row = PostingDailyStat.objects.filter(posting=posting, day=timezone.localdate()).first()
    return (row.views, row.clicks, row.shares) if row else (0, 0, 0)


def ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


# --- The page --------------------------------------------------------------------------------


def test_page_in_french_and_english(client, posting):
    fr = get(client, url("job", posting)).content.decode()
    assert "<h1" in fr and "Ingénieur·e en structures" in fr
    assert "Ponts et Chaussées inc." in fr  # the company card
    assert "https://www.openstreetmap.org/search?query=" in fr  # see on the map
    assert "Partager cette offre" in fr and "Postuler" in fr
    assert f'href="/fr/jobs/{posting.pk}/apply/"' in fr
    en = get(client, url("job", posting, "en")).content.decode()
    assert "Structural engineer" in en and "Share this posting" in en
    assert 'src="/static/js/job_share.js"' in en or "job_share" in en


def test_nothing_is_loaded_from_elsewhere(client, posting):
    page = get(client, url("job", posting)).content.decode()
    assert not re.search(r'src="https?://', page)
    assert not re.search(r'<link[^>]+rel="stylesheet"[^>]+href="https?://', page)


def test_an_ended_posting_is_gone_with_a_link_to_the_search(client, posting, alice):
    services.posting_end(posting=posting, actor=alice)
    posting.refresh_from_db()
    assert not posting.live
    response = get(client, url("job", posting))
    assert response.status_code == 410
    assert "n’est plus en ligne" in response.content.decode()
    english = get(client, url("job", posting, "en"))
    assert english.status_code == 410 and "no longer online" in english.content.decode()
    # Also for its apply and share addresses.
    assert get(client, url("job_apply", posting)).status_code == 410
    assert get(client, url("job_share", posting, network="email")).status_code == 410


def test_drafts_and_unknown_ids_are_not_found(client, group, alice, posting):
    draft = complete_posting(group, alice)
    assert get(client, url("job", draft)).status_code == 404
    assert get(client, reverse("jobboard:job", args=[posting.pk + 1000])).status_code == 404
    in_validation = submitted(group, alice)
    assert get(client, url("job", in_validation)).status_code == 404


def test_the_page_counts_its_view_in_one_query(client, posting):
    address = url("job", posting)
    cache.clear()  # rendered by the view (not the page cache, tests/jobboard/test_page_cache.py)
    get(client, address)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert get(client, address).status_code == 200
    assert len(captured) == 2, [q["sql"][:80] for q in captured]  # the posting, the count
    assert figures(posting)[0] == 2
    with CaptureQueriesContext(connection) as captured:  # from the page cache: the count only
        assert get(client, address).status_code == 200
    assert len(captured) == 1, [q["sql"][:80] for q in captured]
    assert figures(posting)[0] == 3


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
    ],
)
def test_robots_are_not_counted(client, posting, agent):
    assert client.get(url("job", posting), HTTP_USER_AGENT=agent).status_code == 200
    client.get(url("job_share", posting, network="linkedin"), HTTP_USER_AGENT=agent)
    client.get(url("job_apply", posting), HTTP_USER_AGENT=agent)
    assert figures(posting) == (0, 0, 0)


def test_a_headless_browser_is_a_visitor():
    agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/124.0 Safari"
    assert not stats.is_bot(agent)


# --- JSON-LD ---------------------------------------------------------------------------------

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$")
SCHEMA_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN"}


def check_job_posting(data: dict) -> None:
    """Google's required JobPosting properties and their formats."""
    assert data["@context"].rstrip("/") == "https://schema.org"
    assert data["@type"] == "JobPosting"
    for key in ("title", "description", "datePosted", "hiringOrganization"):
        assert data.get(key), key
    assert "jobLocation" in data or data.get("jobLocationType") == "TELECOMMUTE"
    assert ISO_DATE.match(data["datePosted"])
    if "validThrough" in data:
        assert ISO_DATETIME.match(data["validThrough"])
    assert data["hiringOrganization"]["@type"] == "Organization"
    assert data["hiringOrganization"]["name"]
    if "jobLocation" in data:
        address = data["jobLocation"]["address"]
        assert data["jobLocation"]["@type"] == "Place" and address["@type"] == "PostalAddress"
        assert address["addressCountry"] == "CA"
    if data.get("jobLocationType") == "TELECOMMUTE":
        assert data["applicantLocationRequirements"]["@type"] == "Country"
    types = data.get("employmentType", [])
    assert set([types] if isinstance(types, str) else types) <= SCHEMA_TYPES
    assert isinstance(data["directApply"], bool)


def test_json_ld_of_an_address_posting(client, posting):
    data = ld(get(client, url("job", posting)))
    check_job_posting(data)
    assert data["title"] == "Ingénieur·e en structures"
    assert "<p>Concevoir des ponts.</p>" in data["description"]
    assert data["datePosted"] == timezone.localdate().isoformat()
    assert data["validThrough"].startswith(posting.ends_on.isoformat())
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"]["sameAs"] == "https://ponts.example.org"
    assert data["hiringOrganization"]["logo"].startswith("http://testserver/")
    address = data["jobLocation"]["address"]
    assert address["addressLocality"] == "Montréal" and address["postalCode"] == "H3A 3G4"
    assert address["addressRegion"] == "QC"
    assert data["directApply"] is False
    assert ld(get(client, url("job", posting, "en")))["title"] == "Structural engineer"


def test_json_ld_of_a_remote_contract(client, group, alice):
    posting = live_posting(
        group,
        alice,
        work_mode=Posting.WorkMode.REMOTE,
        location_kind=Posting.Location.OUTSIDE,
        employment_type=Posting.EmploymentType.CONTRACT,
        position_status=Posting.PositionStatus.PART_TIME,
        apply_mode=Posting.ApplyMode.EMAIL,
        apply_url="",
        apply_email="rh@ponts.example.org",
    )
    data = ld(get(client, url("job", posting)))
    check_job_posting(data)
    assert data["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in data
    assert data["employmentType"] == ["PART_TIME", "CONTRACTOR"]
    assert data["directApply"] is True


def test_json_ld_cannot_close_its_script_element(client, group, alice):
    posting = live_posting(group, alice, title_fr="</script><script>alert(1)</script>")
    page = get(client, url("job", posting)).content.decode()
    assert "<script>alert(1)" not in page
    assert ld(get(client, url("job", posting)))["title"].startswith("</script>")


# --- Share -----------------------------------------------------------------------------------


def test_share_by_email_and_linkedin_are_counted_redirects(client, posting):
    response = get(client, url("job_share", posting, network="linkedin"))
    assert response.status_code == 302
    assert response["Location"].startswith("https://www.linkedin.com/sharing/share-offsite/?url=")
    assert f"%2Ffr%2Fjobs%2F{posting.pk}%2F" in response["Location"]
    response = get(client, url("job_share", posting, network="email"))
    assert response["Location"].startswith("mailto:?subject=")
    assert figures(posting) == (0, 0, 2)


def test_only_listed_networks(client, posting):
    assert get(client, url("job_share", posting, network="facebook")).status_code == 404
    assert get(client, url("job_share", posting, network="evil")).status_code == 404
    assert figures(posting) == (0, 0, 0)


def test_the_copy_button_counts_by_post_only(client, posting):
    address = url("job_share", posting, network="copy")
    assert get(client, address).status_code == 405
    assert client.post(address, HTTP_USER_AGENT=BROWSER).status_code == 204
    assert figures(posting) == (0, 0, 1)


# --- Apply by the company's website ----------------------------------------------------------


def test_apply_redirects_to_the_posting_own_address_only(client, posting):
    response = get(client, url("job_apply", posting) + "?next=https://evil.example/&url=x")
    assert response.status_code == 302
    assert response["Location"] == "https://ponts.example.org/carrieres"
    assert figures(posting) == (0, 1, 0)
    assert client.post(url("job_apply", posting), HTTP_USER_AGENT=BROWSER).status_code == 405


def test_a_posting_without_an_apply_address_has_no_apply_page(client, group, alice):
    posting = live_posting(group, alice)
    posting.published = {**posting.published, "apply_mode": "", "apply_url": ""}
    posting.save(update_fields=["published"])
    assert get(client, url("job_apply", posting)).status_code == 404


def test_after_the_deadline_apply_is_refused(client, posting):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    posting.published = {**posting.published, "apply_deadline": yesterday.isoformat()}
    posting.save(update_fields=["published"])
    page = get(client, url("job", posting)).content.decode()
    assert "La date limite pour postuler est passée." in page
    assert f'href="/fr/jobs/{posting.pk}/apply/"' not in page
    assert get(client, url("job_apply", posting)).status_code == 403
    assert client.post(url("job_apply", posting), HTTP_USER_AGENT=BROWSER).status_code == 403
    assert figures(posting)[1] == 0


# --- Apply by e-mail -------------------------------------------------------------------------


@pytest.fixture
def by_email(group, alice):
    return live_posting(
        group, alice, apply_mode=Posting.ApplyMode.EMAIL, apply_url="", apply_email="rh@ponts.test"
    )


def apply(client, posting, cv, lang="fr", **fields):
    data = {"name": "Léa Gagnon", "email": "lea@example.org", "message": "Bonjour !", "cv": cv}
    data.update(fields)
    return client.post(url("job_apply", posting, lang), data, HTTP_USER_AGENT=BROWSER)


def test_apply_by_email_sends_the_cv_as_an_attachment(
    client, by_email, django_capture_on_commit_callbacks
):
    page = get(client, url("job_apply", by_email)).content.decode()
    assert "Votre CV" in page and 'enctype="multipart/form-data"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, by_email, pdf("Mon CV.pdf"))
    assert response.status_code == 302
    assert response["Location"] == url("job_applied", by_email)
    [message] = mail.outbox
    assert message.to == ["rh@ponts.test"]
    assert message.extra_headers["Reply-To"] == "lea@example.org"
    assert "Candidature" in message.subject and "Léa Gagnon" in message.subject  # French
    assert "Bonjour !" in message.body
    [(name, content, mimetype)] = message.attachments
    assert name == "Mon-CV.pdf" and content.startswith(b"%PDF-") and mimetype == "application/pdf"
    assert figures(by_email) == (0, 1, 0)
    assert "Candidature envoyée" in get(client, response["Location"]).content.decode()


def test_a_docx_cv_is_accepted(client, by_email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert apply(client, by_email, docx()).status_code == 302
    assert mail.outbox[0].attachments[0][0] == "cv.docx"


@pytest.mark.parametrize(
    "cv",
    [
        pytest.param(lambda: png_named("cv.pdf"), id="png-named-pdf"),
        pytest.param(lambda: docx(word=False), id="plain-zip-named-docx"),
        pytest.param(lambda: pdf("cv.docx"), id="pdf-named-docx"),
        pytest.param(lambda: pdf("cv.exe"), id="wrong-extension"),
    ],
)
def test_a_file_that_is_not_a_pdf_or_docx_is_refused(client, by_email, cv):
    response = apply(client, by_email, cv())
    assert response.status_code == 200
    assert "Le CV doit être un document PDF ou Word (DOCX)" in response.content.decode()
    assert not mail.outbox and figures(by_email) == (0, 0, 0)


def test_a_too_big_cv_is_refused(client, by_email):
    response = apply(client, by_email, pdf(size=5 * 1024 * 1024 + 1), lang="en")
    assert "The CV is too big: 5 MB at most." in response.content.decode()
    assert not mail.outbox


def test_missing_fields_are_refused(client, by_email):
    response = client.post(url("job_apply", by_email, "en"), {}, HTTP_USER_AGENT=BROWSER)
    # Each error at its field and again in the error summary at the top.
    assert response.content.decode().count("This field is required.") == 2 * 4
    assert "There is a problem" in response.content.decode()


def test_applications_are_throttled_per_address(
    client, by_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert apply(client, by_email, pdf()).status_code == 302
        response = apply(client, by_email, pdf(), lang="en")
    assert response.status_code == 200
    assert "Too many tries" in response.content.decode()
    assert len(mail.outbox) == 5


def test_email_mode_apply_is_refused_after_the_deadline(client, by_email):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    by_email.published = {**by_email.published, "apply_deadline": yesterday.isoformat()}
    by_email.save(update_fields=["published"])
    assert get(client, url("job_apply", by_email)).status_code == 403
    assert apply(client, by_email, pdf()).status_code == 403
    assert not mail.outbox


def test_the_company_card_offers_to_follow_and_shows_who_follows(client, posting, bob):
    from jobboard.seekers.models import Follow

    page = get(client, url("job", posting)).content.decode()
    follow = reverse("jobboard:seeker_follow", args=[posting.group_id])
    # Signed out: a link to sign in and come back (the cached page carries no CSRF token).
    assert f'href="/fr/accounts/login/?next={url("job", posting)}"' in page and follow not in page
    assert reverse("jobboard:company_public", args=[posting.group_id]) in page
    client.force_login(bob)
    assert follow in get(client, url("job", posting)).content.decode()
    answer = client.post(follow, {"next": url("job", posting)})
    assert answer.status_code == 302 and answer["Location"] == url("job", posting)
    assert Follow.objects.filter(user=bob, group_id=posting.group_id).exists()
    page = get(client, url("job", posting)).content.decode()
    assert reverse("jobboard:seeker_unfollow", args=[posting.group_id]) in page
    assert follow not in page


def test_dates_read_in_the_pages_language(client, posting):
    from django.utils import formats

    deadline = datetime.date.fromisoformat(posting.published["apply_deadline"])
    with translation.override("fr"):
        french = formats.date_format(deadline)
    with translation.override("en"):
        english = formats.date_format(deadline)
    assert french != english and french in get(client, url("job", posting)).content.decode()
    assert english in get(client, url("job", posting, lang="en")).content.decode()
