"""Demo: every waiting thing of the services is an item of the queue; the regulator's
demo person also reviews for the city (a person with two offices)."""

from accounts.models import User
from portal.console.services import work_reconcile


def seed() -> None:
    work_reconcile()
    person = User.objects.filter(email="regulator@example.com").first()
    if person is not None and "city" not in (person.staff_offices or {}):
        person.staff_offices = {**(person.staff_offices or {}), "city": "reviewer"}
        person.save(update_fields=["staff_offices"])
