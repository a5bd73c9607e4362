"""Foreign-user walk for the offices' console: staff of another office ask for an item of
the regulator's office (404 for every page of the item)."""

from portal.models import Group
from tests.foreign_walk import Case

PUBLIC = {
    "console:queue": "the staff member's own offices only",
    "console:next": "takes an item of the staff member's own offices",
    "console:overview": "supervisors, their own offices only",
    "console:decisions_csv": "supervisors, their own offices only",
    "console:staff": "supervisors, their own offices only",
    "console:deadline": "supervisors of the kind's offices",
}


def cases(world) -> list[Case]:
    w = world
    if isinstance(w.acme, Group):
        from portal.console.models import WorkItem
        from portal.console.signals import sync_object
        from portal.models import Review

        sync_object(Review, w.regulator_review.pk)
        item_id = WorkItem.objects.get(subject_id=w.regulator_review.pk).pk
    else:  # the URL classification's stand-in world
        item_id = w.pk
    return [
        Case(name, {"item_id": item_id}, w.other_staff)
        for name in ("console:item", "console:take", "console:give", "console:release")
    ]
