"""The posting as the job site shows it: shared by the job site's page, the wizard's preview
and the regulator's review panel."""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobboard.employer.company import company_card
from jobboard.postings import services
from jobboard.postings.models import Posting


def pick(pair, lang):
    fr, en = pair
    return en if lang == "en" and en else fr


def public_context(posting: Posting, preview: bool = False) -> dict:
    """The page as it appears on the job site: the current version in a preview, the
    published one otherwise."""
    data = services.snapshot(posting) if preview or not posting.published else posting.published
    lang = translation.get_language() or "fr"

    def text(name):
        return (
            data.get(f"{name}_en")
            if lang == "en" and data.get(f"{name}_en")
            else data.get(f"{name}_fr", "")
        )

    labels = {
        "employment_type": dict(Posting.EmploymentType.choices),
        "position_status": dict(Posting.PositionStatus.choices),
        "work_mode": dict(Posting.WorkMode.choices),
        "years_on_roll": dict(Posting.Years.choices),
        "profile": dict(Posting.Profile.choices),
    }
    deadline = data.get("apply_deadline")
    deadline_day = datetime.date.fromisoformat(deadline) if deadline else None
    address = ", ".join(
        p for p in (data.get("street_address"), data.get("city"), data.get("postal_code")) if p
    )
    public = {
        "title": text("title"),
        "sections": [
            (_("Purpose of the position"), text("purpose")),
            (_("Main duties"), text("duties")),
            (_("Qualifications"), text("qualifications")),
            (_("Mission, culture and benefits"), text("more")),
        ],
        "function": pick(data["function"], lang),
        "domains": [pick(p, lang) for p in data["domains"]],
        "places": [pick(p, lang) for p in data["places"]],
        "interests": [pick(p, lang) for p in data["interests"]],
        "facts": [
            (label_name, labels[key].get(data.get(key) or "", ""))
            for key, label_name in (
                ("profile", _("Profile sought")),
                ("employment_type", _("Employment type")),
                ("position_status", _("Position status")),
                ("work_mode", _("Work mode")),
                ("years_on_roll", _("Years on the Order's roll")),
            )
            if data.get(key)
        ],
        "salary_note": data.get("salary_note", ""),
        "reference": data.get("reference", ""),
        "deadline": deadline_day,
        "closed": deadline_day is not None and deadline_day < timezone.localdate(),
        "location_kind": data.get("location_kind"),
        "address": address,
        "map_url": "https://www.openstreetmap.org/search?query=" + address.replace(" ", "+")
        if address
        else "",
        "apply_mode": data.get("apply_mode"),
        "apply_url": data.get("apply_url"),
    }
    return {"public": public, "card": company_card(posting.group), "preview": preview}
