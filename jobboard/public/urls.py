"""The public job site (J10): home, search, its feed, the sitemap, the posting page (apply,
share) and the company page."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from jobboard.public.feeds import SearchFeed
from jobboard.public.sitemaps import SITEMAPS
from jobboard.public.views import company, posting, search
from portal.lib.page_cache import anonymous_cache

J = "<int:posting_id>/"
urlpatterns = [
    path("", search.home, name="home"),
    path("search/", search.search, name="search"),
    path("search/feed/", anonymous_cache(SearchFeed()), name="search_feed"),
    path("sitemap.xml", anonymous_cache(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(J, posting.job, name="job"),
    path(J + "apply/", posting.job_apply, name="job_apply"),
    path(J + "apply/sent/", posting.job_applied, name="job_applied"),
    path(J + "share/<slug:network>/", posting.job_share, name="job_share"),
    path("companies/<int:group_id>/", company.company_public, name="company_public"),
]
