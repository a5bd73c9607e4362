"""The company information a group shows on its postings (J2), for the wizard and the
public pages:

- `missing_company_info(group)`: what the group still lacks before a posting can be
  submitted, as translated sentences (empty when ready).
- `company_card(group)`: the card shown on a posting (logo, names, about, website, address,
  phone), falling back to the organisation's record where the group has nothing of its own.

Pass a group loaded with `select_related("organisation", "employer_profile")` to spare queries.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from portal.models import Group


def group_profile(group: Group):
    """The group's EmployerGroupProfile, or None (no query if already loaded)."""
    try:
        return group.employer_profile  # type: ignore[attr-defined]  # reverse one-to-one (jobboard)
    except ObjectDoesNotExist:
        return None


def company_card(group: Group) -> dict:
    organisation = group.organisation
    profile = group_profile(group)
    logo = group.logo or organisation.logo
    street = (profile and profile.street_address) or organisation.street_address
    city = (profile and profile.city) or organisation.city
    province = (profile and profile.province) or organisation.province
    postal_code = (profile and profile.postal_code) or organisation.postal_code
    address = ", ".join(part for part in (street, city, province, postal_code) if part)
    return {
        "logo_url": logo.url if logo else "",
        "company_name": (profile and profile.company_name)
        or organisation.operating_name
        or organisation.legal_name,
        "group_name": (profile and profile.display_group_name) or "",
        "group_description": group.description,
        "about": (profile and profile.company_description) or organisation.description,
        "website": group.website or organisation.website,
        "address": address,
        "phone": group.phone or organisation.phone,
        # For the "see on the map" link of the public page.
        "map_query": address,
    }


def missing_company_info(group: Group) -> list[str]:
    """Before the first posting is submitted the group needs a logo (J2); the company name
    comes from the record when the group gives none."""
    organisation = group.organisation
    missing = []
    if not (group.logo or organisation.logo):
        missing.append(_("Add the company's logo to the group's information."))
    # The group's profile is read (a query, unless loaded) only when the record has no name.
    if not (organisation.operating_name or organisation.legal_name):
        profile = group_profile(group)
        if not (profile and profile.company_name):
            missing.append(_("Add the company's name to the group's information."))
    return missing
