"""The public job site (J10): home, search, its feed, the sitemap, saved searches."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from jobboard import views_public
from jobboard.feeds import SearchFeed
from jobboard.sitemaps import SITEMAPS

urlpatterns = [
    path("", views_public.home, name="home"),
    path("search/", views_public.search, name="search"),
    path("search/feed/", SearchFeed(), name="search_feed"),
    path("search/save/", views_public.saved_search_create, name="saved_search_create"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("me/searches/", views_public.saved_search_list, name="saved_searches"),
    path(
        "me/searches/<int:pk>/delete/",
        views_public.saved_search_delete,
        name="saved_search_delete",
    ),
]
