"""The job site's sitemap (J10): the home, the search and every live posting, in French and in
English (`/fr/…` and `/en/…`, with hreflang alternates)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from jobboard.postings.models import Posting


class PostingSitemap(Sitemap):
    i18n = True
    languages = ["fr", "en"]
    alternates = True
    changefreq = "daily"
    limit = 20000  # x2 languages, under the protocol's 50,000 URLs per file

    def items(self):
        return Posting.objects.filter(live=True).only("id", "updated_at").order_by("id")

    def location(self, item):
        return reverse("jobboard:job", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class PagesSitemap(Sitemap):
    i18n = True
    languages = ["fr", "en"]
    alternates = True
    changefreq = "hourly"

    def items(self):
        return ["jobboard:home", "jobboard:search"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PagesSitemap, "postings": PostingSitemap}
