"""What the purchase confirmation offers next (the seed: « Créer une nouvelle offre »,
« Poursuivre la création d'une offre »): billing calls it through the shop."""

from django.urls import reverse
from django.utils.translation import gettext as _

from jobboard import roles
from jobboard.postings.models import Posting
from portal.access import group_permissions

# The draft waiting for its package, remembered when the package step sends to the cart.
RESUME_KEY = "jobboard_resume_posting"


def purchase_next_steps(request, group, order) -> list[tuple[str, str]]:
    """[(label, url)]: resume the draft that waited for this package, and create a posting,
    for those who manage the postings (two queries)."""
    if roles.MANAGE_POSTINGS not in group_permissions(request.user, group):
        return []
    steps: list[tuple[str, str]] = []
    resume_id = request.session.get(RESUME_KEY)
    if (
        resume_id
        and Posting.objects.filter(pk=resume_id, group=group, state=Posting.State.DRAFT).exists()
    ):
        steps.append(
            (_("Resume creation"), reverse("jobboard:posting_resume", args=[group.pk, resume_id]))
        )
    steps.append((_("Create a posting"), reverse("jobboard:posting_create", args=[group.pk])))
    return steps
