"""Stand-in until the employer branch is merged (its company.py replaces this file):
what a group still lacks before posting, and the company card shown on postings."""

from django.utils.translation import gettext as _


def missing_company_info(group) -> list[str]:
    missing = []
    if not (group.logo or group.organisation.logo):
        missing.append(_("Add your company's logo."))
    return missing


def company_card(group) -> dict:
    organisation = group.organisation
    logo = group.logo or organisation.logo
    return {
        "logo_url": logo.url if logo else "",
        "company_name": organisation.operating_name or organisation.legal_name,
        "group_name": group.name,
        "about": group.description or organisation.description,
        "website": group.website or organisation.website,
        "address": ", ".join(
            part
            for part in (organisation.street_address, organisation.city, organisation.postal_code)
            if part
        ),
        "phone": group.phone or organisation.phone,
    }
