"""Items of the offices' console for tests, opened the way the apps open them."""

from portal.console.models import WorkItem
from portal.console.signals import sync_object
from portal.models import Review
from portal.services.organisations import ORGANISATION_REQUEST
from portal.services.reviews import review_open
from tests.factories import OrganisationFactory, UserFactory

SERVICE_OF = {
    "accreditation_office": "matching",
    "regulator": "jobboard",
    "certification_office": "licensing",
    "ministry": "casework",
    "city": "permits",
}


def review_item(office: str = "regulator", *, applicant=None, name: str = "") -> WorkItem:
    """A waiting review (a new organisation) in `office`, and its item."""
    organisation = OrganisationFactory(**({"legal_name": name} if name else {}))
    review = review_open(
        kind=ORGANISATION_REQUEST,
        subject=organisation,  # type: ignore[arg-type]
        applicant=applicant or UserFactory(),
        staff_role=office,
        summary=str(organisation.legal_name),
    )
    sync_object(Review, review.pk)
    return WorkItem.objects.get(kind=ORGANISATION_REQUEST, subject_id=review.pk)


def staff(*offices: str, level: str = "reviewer", **kwargs):
    """A person holding these offices (the first one is the stored primary)."""
    return UserFactory(
        staff_role=offices[0] if offices else "",
        staff_offices={o: level for o in offices},
        **kwargs,
    )
