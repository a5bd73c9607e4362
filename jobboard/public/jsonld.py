"""schema.org JobPosting data for a public posting page (Google's job search reads it).

Built from the published snapshot, like the page itself. `script_tag(data)` escapes <, > and
& as JSON unicode escapes (as Django's `json_script` does), so no text of a posting can close
the <script type="application/ld+json"> element. Browsers do not execute this data block, so
the strict CSP (script-src 'self') has nothing to block.
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import _json_script_escapes  # type: ignore[attr-defined]
from django.utils.safestring import SafeString, mark_safe

from jobboard.postings.models import Posting

EMPLOYMENT_TYPES = {
    Posting.EmploymentType.TEMPORARY: "TEMPORARY",
    Posting.EmploymentType.CONTRACT: "CONTRACTOR",
    Posting.EmploymentType.INTERNSHIP: "INTERN",
}
POSITION_STATUSES = {
    Posting.PositionStatus.FULL_TIME: "FULL_TIME",
    Posting.PositionStatus.PART_TIME: "PART_TIME",
}


def employment_types(data: dict) -> list[str]:
    types = []
    if data.get("position_status") in POSITION_STATUSES:
        types.append(POSITION_STATUSES[data["position_status"]])
    if data.get("employment_type") in EMPLOYMENT_TYPES:
        types.append(EMPLOYMENT_TYPES[data["employment_type"]])
    return types


def job_posting(*, posting: Posting, public: dict, card: dict, page_url: str, logo_url: str):
    data = posting.published or {}
    description = "".join(
        f"<h3>{heading}</h3>{html}" for heading, html in public["sections"] if html
    )
    result: dict = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": public["title"],
        "description": description,
        "identifier": {"@type": "PropertyValue", "name": card["company_name"], "value": posting.pk},
        "url": page_url,
        "datePosted": timezone.localdate(posting.published_at or posting.updated_at).isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": card["company_name"]},
        "directApply": data.get("apply_mode") == Posting.ApplyMode.EMAIL,
    }
    ends = [d for d in (posting.ends_on, public.get("deadline")) if d]
    if ends:
        last = min(ends)
        result["validThrough"] = datetime.datetime.combine(last, datetime.time(23, 59)).isoformat()
    if card.get("website"):
        result["hiringOrganization"]["sameAs"] = card["website"]
    if logo_url:
        result["hiringOrganization"]["logo"] = logo_url
    types = employment_types(data)
    if types:
        result["employmentType"] = types if len(types) > 1 else types[0]
    # The salary is a free note ("selon l'expérience"), not the amount schema.org asks for.
    address: dict = {"@type": "PostalAddress", "addressCountry": "CA"}
    kind = data.get("location_kind")
    if kind == Posting.Location.ADDRESS:
        address.update(
            streetAddress=data.get("street_address", ""),
            addressLocality=data.get("city", ""),
            addressRegion="QC",
            postalCode=data.get("postal_code", ""),
        )
    elif kind == Posting.Location.PLACES:
        address["addressRegion"] = "QC"
        if public.get("places"):
            address["addressLocality"] = public["places"][0]
    if data.get("work_mode") == Posting.WorkMode.REMOTE:
        result["jobLocationType"] = "TELECOMMUTE"
        result["applicantLocationRequirements"] = {"@type": "Country", "name": "Canada"}
    if data.get("work_mode") != Posting.WorkMode.REMOTE or kind == Posting.Location.ADDRESS:
        result["jobLocation"] = {"@type": "Place", "address": address}
    return result


def script_tag(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _json_script_escapes
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
