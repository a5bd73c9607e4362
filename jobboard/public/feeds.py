"""The Atom feed of a search (J10): `/jobs/search/feed/?<the search page's parameters>`, the
newest matching live postings (featured ones first, as on the page)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from jobboard.public import search as job_search

FEED_SIZE = 50


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        criteria = job_search.SearchForm(request.GET or None).criteria()
        criteria.sort = "date"
        return criteria, job_search.querystring(job_search.params_of(request.GET))

    def title(self, obj):
        criteria, _query = obj
        if criteria.q:
            return _("Engineering jobs: %(q)s") % {"q": criteria.q}
        return _("Engineering jobs")

    def link(self, obj):
        _criteria, query = obj
        return reverse("jobboard:search") + (f"?{query}" if query else "")

    def subtitle(self, obj):
        return _("The newest postings of the engineering job board matching this search.")

    def items(self, obj):
        criteria, _query = obj
        return job_search.search(criteria, size=FEED_SIZE).rows

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return " — ".join(p for p in (item.company, item.place, item.employment_type) if p)

    def item_link(self, item):
        return reverse("jobboard:job", args=[item.posting.pk])

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.date

    def item_author_name(self, item):
        return item.company
