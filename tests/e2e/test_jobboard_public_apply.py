"""A visitor opens a posting, copies its link, shares it on LinkedIn, applies by e-mail with a
CV; the employer then sees the counted view, click and shares on the performance page and
downloads the CSV (seed 002, step 6; J9, J10). In French and in English."""

from pathlib import Path

import pytest

from jobboard.postings.models import Posting
from portal.models import OutboundEmail
from tests.e2e.conftest import SCREENSHOTS, check_accessibility
from tests.e2e.jobboard_steps import sign_in
from tests.factories import PASSWORD, UserFactory
from tests.jobboard.page_helpers import live_posting
from tests.jobboard.postings_helpers import ready_group

pytestmark = pytest.mark.django_db(transaction=True)
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64
CV = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WORDS = {
    "fr": {
        "copy": "Copier le lien",
        "copied": "Lien copié.",
        "apply": "Postuler",
        "name": "Votre nom",
        "email": "Votre adresse courriel",
        "message": "Votre message",
        "cv": "Votre CV",
        "send": "Envoyer ma candidature",
        "not_cv": "Le CV doit être un document PDF ou Word (DOCX)",
        "sent": "Candidature envoyée",
        "title": "Ingénieur·e en structures",
        "export": "Exporter en CSV",
        "subject": "Candidature de",
    },
    "en": {
        "copy": "Copy the link",
        "copied": "Link copied.",
        "apply": "Apply",
        "name": "Your name",
        "email": "Your e-mail address",
        "message": "Your message",
        "cv": "Your CV",
        "send": "Send my application",
        "not_cv": "The CV must be a PDF or a Word (DOCX) document",
        "sent": "Application sent",
        "title": "Structural engineer",
        "export": "Export as CSV",
        # The employer's e-mail follows the posting's language (French), not the visitor's.
        "subject": "Candidature de",
    },
}


def shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=f"/tmp/page-{name}.png", full_page=True)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_visitor_applies_and_employer_sees_the_figures(browser, live_server, page, lang):
    t = WORDS[lang]
    employer = UserFactory(email=f"rh.{lang}@ponts.example", language=lang)
    group = ready_group(employer)
    posting = live_posting(
        group,
        employer,
        apply_mode=Posting.ApplyMode.EMAIL,
        apply_url="",
        apply_email=f"carrieres.{lang}@ponts.example",
    )
    csp = []
    page.on(
        "console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    # The posting page.
    page.goto(f"/{lang}/jobs/{posting.pk}/")
    page.get_by_role("heading", level=1, name=t["title"]).wait_for()
    ld = page.locator('script[type="application/ld+json"]').text_content()
    assert '"@type": "JobPosting"' in ld
    check_accessibility(page, f"jobboard-public-posting-{lang}")
    shot(page, f"posting-{lang}")

    # Copy the link (counted by the script), then share on LinkedIn (our counted redirect).
    with page.expect_response(lambda r: "/share/copy/" in r.url and r.status == 204):
        page.get_by_role("button", name=t["copy"]).click()
    page.get_by_text(t["copied"]).wait_for()
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"/{lang}/jobs/{posting.pk}/")
    # (The closed network has no LinkedIn: the new window's page fails; our redirect counted.)
    linkedin = page.context.expect_event("response", lambda r: "/share/linkedin/" in r.url)
    with linkedin as shared, page.expect_popup() as popup:
        page.get_by_role("link", name="LinkedIn").click()
    assert shared.value.status == 302
    assert shared.value.headers["location"].startswith("https://www.linkedin.com/sharing/")
    popup.value.close()

    # Apply: a PNG named .pdf is refused, a real PDF goes.
    page.get_by_role("link", name=t["apply"], exact=True).click()
    page.get_by_label(t["name"]).fill("Léa Gagnon")
    page.get_by_label(t["email"]).fill("lea@example.org")
    page.get_by_label(t["message"]).fill("Bonjour, voici ma candidature.")
    page.get_by_label(t["cv"]).set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PNG}
    )
    page.get_by_role("button", name=t["send"]).click()
    page.locator(".invalid-feedback", has_text=t["not_cv"]).wait_for()
    check_accessibility(page, f"jobboard-public-apply-refused-{lang}")
    shot(page, f"apply-refused-{lang}")
    page.get_by_label(t["cv"]).set_input_files(
        {"name": "Léa Gagnon CV.pdf", "mimeType": "application/pdf", "buffer": CV}
    )
    page.get_by_role("button", name=t["send"]).click()
    page.get_by_role("heading", name=t["sent"]).wait_for()
    check_accessibility(page, f"jobboard-public-applied-{lang}")

    email = OutboundEmail.objects.get(to=f"carrieres.{lang}@ponts.example")
    assert email.subject.startswith(t["subject"]) and email.headers["Reply-To"] == "lea@example.org"
    [attachment] = email.attachments.all()
    assert attachment.filename == "L-a-Gagnon-CV.pdf" and bytes(attachment.content) == CV
    assert attachment.mimetype == "application/pdf"
    assert not csp, csp

    # The employer's performance page: 1 view, 1 click, 2 shares; the CSV.
    page.context.clear_cookies()
    sign_in(page, lang, employer.email, PASSWORD)
    page.goto(f"/{lang}/jobs/groups/{group.pk}/performance/")
    assert page.get_by_test_id("total-views").text_content() == "1"
    assert page.get_by_test_id("total-clicks").text_content() == "1"
    assert page.get_by_test_id("total-shares").text_content() == "2"
    check_accessibility(page, f"jobboard-performance-{lang}")
    shot(page, f"performance-{lang}")
    with page.expect_download() as download:
        page.get_by_role("link", name=t["export"]).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert f",{posting.pk},{t['title']},1,1,2" in text
