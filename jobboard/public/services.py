"""Applying to a posting by e-mail (J10): the applicant's message and CV go to the posting's
published apply address, as an attachment, in the posting's language; reply goes to the
applicant. Throttled per applicant address and per client address; counted as a click."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from jobboard.postings.models import Posting
from jobboard.statistics import services as stats
from portal.lib.throttle import Throttle, take
from portal.notify import queue_email

# A person sends a few applications an hour; an office shares one address (a ceiling only).
APPLY_PER_EMAIL = Throttle("jobboard-apply-email", limit=5, window=60 * 60)
APPLY_PER_ADDRESS = Throttle("jobboard-apply-ip", limit=50, window=60 * 60)


def posting_language(published: dict) -> str:
    """French unless the posting is written in English only."""
    return "en" if published.get("title_en") and not published.get("title_fr") else "fr"


def apply_take(*, email: str, ip: str) -> int:
    """Count this application before it is sent (every application counts, sent or not);
    the seconds to wait when over a limit, else 0. Atomic: simultaneous posts each see
    their own count."""
    return take((APPLY_PER_EMAIL, email.lower()), (APPLY_PER_ADDRESS, ip)).wait


def application_send(
    *,
    posting: Posting,
    name: str,
    email: str,
    message: str,
    cv: tuple[str, bytes, str],
    page_url: str,
) -> None:
    """Queue the application to the employer (sent after commit) and count the click."""
    data = posting.published or {}
    language = posting_language(data)
    with translation.override(language):
        context = {
            "posting_title": data.get(f"title_{language}") or data.get("title_fr", ""),
            "reference": data.get("reference", ""),
            "name": name,
            "email": email,
            "message": message,
            "cv_name": cv[0],
            "page_url": page_url,
            "site_name": settings.SITE_NAME,
        }
        subject = render_to_string("emails/jobboard_application_subject.txt", context)
        body = render_to_string("emails/jobboard_application_body.txt", context)
    with transaction.atomic():
        queue_email(
            to=data["apply_email"],
            subject=subject,
            body_text=body,
            template="jobboard_application",
            language=language,
            attachments=[cv],
            headers={"Reply-To": email},
        )
        stats.count(posting.pk, "clicks")
