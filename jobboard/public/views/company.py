"""The public company page: the company's card and its postings online now, with the follow
button."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_GET

from jobboard.employer.company import company_card
from jobboard.postings.models import Posting
from jobboard.public.follow import follow_button, following
from jobboard.seekers import services as seekers
from portal.lib.page_cache import anonymous_cache


def _public_group(group_id: int):
    return get_object_or_404(
        seekers.public_groups().select_related("organisation", "employer_profile"), pk=group_id
    )


@anonymous_cache
@require_GET
def company_public(request, group_id: int):
    """A company's card and its postings online now, with the follow button."""
    group = _public_group(group_id)
    card = company_card(group)
    if not card["company_name"]:
        raise Http404
    postings = list(
        Posting.objects.filter(group=group, live=True)
        .only("pk", "published", "title_fr", "title_en", "published_at", "ends_on")
        .order_by("-published_at", "-pk")
    )
    language = translation.get_language() or "fr"
    rows = [
        {
            "posting": p,
            "title": seekers.published_title(p, language),
            "city": (p.published or {}).get("city", ""),
        }
        for p in postings
    ]
    button = follow_button(request, group.pk, following(request.user, group.pk))
    context = {"group": group, "card": card, "rows": rows, "follow_button": button}
    return render(request, "jobboard/public/company.html", context)
