"""A public posting as the API gives it: the published version in both languages, with the
fields of the job site's schema.org JSON-LD (jobboard.public.jsonld)."""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from api.v1.per_request import LANGS, PageUrls
from jobboard.employer.company import company_card
from jobboard.postings.models import Posting
from jobboard.public import jsonld
from jobboard.public.page import public_context

SECTIONS = ("purpose", "duties", "qualifications", "more")


def _headings() -> dict[str, str]:
    return {
        "purpose": _("Purpose of the position"),
        "duties": _("Main duties"),
        "qualifications": _("Qualifications"),
        "more": _("Mission, culture and benefits"),
    }


def _pair(values) -> dict:
    fr, en = (list(values) + ["", ""])[:2]
    return {"fr": fr, "en": en or fr}


def _description(data: dict, lang: str, headings: dict[str, str]) -> str:
    parts = []
    for name in SECTIONS:
        html = (lang == "en" and data.get(f"{name}_en")) or data.get(f"{name}_fr") or ""
        if html:
            parts.append(f"<h3>{headings[name]}</h3>{html}")
    return "".join(parts)


def _location(data: dict) -> dict | None:
    kind = data.get("location_kind")
    if kind == Posting.Location.ADDRESS:
        return {
            "street_address": data.get("street_address", ""),
            "locality": data.get("city", ""),
            "region": "QC",
            "postal_code": data.get("postal_code", ""),
            "country": "CA",
        }
    if kind == Posting.Location.PLACES:
        places = data.get("places") or []
        locality = places[0][0] if places else ""
        return {
            "street_address": "",
            "locality": locality,
            "region": "QC",
            "postal_code": "",
            "country": "CA",
        }
    if kind == Posting.Location.OUTSIDE:
        return {"street_address": "", "locality": "", "region": "", "postal_code": "",
                "country": ""}  # fmt: skip
    return None


_ID = 987654321  # stands for the posting's id in the addresses reversed once per request


def page_urls(request, posting_id: int) -> dict[str, str]:
    return PageUrls(request)(posting_id)


class Rows:
    """What every row of a request shares, computed once: the page addresses, the section
    headings in both languages, each company's card (postings of a company repeat)."""

    def __init__(self, request):
        self.request = request
        self.urls = PageUrls(request)
        self.headings = {}
        for lang in LANGS:
            with translation.override(lang):
                self.headings[lang] = _headings()
        self.companies: dict[int, dict] = {}

    def company(self, group) -> dict:
        found = self.companies.get(group.pk)
        if found is None:
            card = company_card(group)
            logo = card["logo_url"]
            found = self.companies[group.pk] = {
                "name": card["company_name"],
                "same_as": card["website"] or None,
                "logo": self.request.build_absolute_uri(logo) if logo else None,
            }
        return found


def valid_through(posting: Posting, data: dict) -> datetime.datetime | None:
    deadline = data.get("apply_deadline")
    ends = [d for d in (posting.ends_on, deadline and datetime.date.fromisoformat(deadline)) if d]
    if not ends:
        return None
    return timezone.make_aware(datetime.datetime.combine(min(ends), datetime.time(23, 59)))


def public_posting(rows: Rows, posting: Posting, featured: bool) -> dict:
    """The list's and the detail's fields (no query: group, organisation and employer profile
    loaded with the posting)."""
    data = posting.published or {}
    deadline = data.get("apply_deadline") or None
    return {
        "id": posting.pk,
        "url": rows.urls(posting.pk),
        "featured": featured,
        "date_posted": timezone.localdate(posting.published_at or posting.updated_at),
        "valid_through": valid_through(posting, data),
        "apply_deadline": deadline,
        "title": {"fr": data.get("title_fr", ""), "en": data.get("title_en") or None},
        "description": {lang: _description(data, lang, rows.headings[lang]) for lang in LANGS},
        "profile": data.get("profile") or None,
        "employment_type": jsonld.employment_types(data),
        "work_mode": data.get("work_mode") or None,
        "years_on_roll": data.get("years_on_roll") or None,
        "function": _pair(data.get("function") or ["", ""]),
        "domains": [_pair(p) for p in data.get("domains", [])],
        "places": [_pair(p) for p in data.get("places", [])],
        "salary_note": data.get("salary_note") or None,
        "hiring_organization": dict(rows.company(posting.group)),
        "job_location": _location(data),
        "job_location_type": "TELECOMMUTE"
        if data.get("work_mode") == Posting.WorkMode.REMOTE
        else None,
        "direct_apply": data.get("apply_mode") == Posting.ApplyMode.EMAIL,
    }


def json_ld(request, posting: Posting) -> dict[str, dict]:
    """The JSON-LD of the posting page, in each language."""
    urls = page_urls(request, posting.pk)
    result = {}
    for lang in LANGS:
        with translation.override(lang):
            context = public_context(posting)
            logo = context["card"]["logo_url"]
            result[lang] = jsonld.job_posting(
                posting=posting,
                public=context["public"],
                card=context["card"],
                page_url=urls[lang],
                logo_url=request.build_absolute_uri(logo) if logo else "",
            )
    return result
