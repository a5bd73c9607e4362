"""The job board's URLs: each package declares its own, all under the `jobboard` namespace."""

from django.urls import URLPattern, URLResolver

from jobboard.boosts import urls as boosts
from jobboard.employer import urls as employer
from jobboard.postings import urls as postings
from jobboard.public import urls as public
from jobboard.seekers import urls as seekers
from jobboard.statistics import urls as statistics

app_name = "jobboard"
urlpatterns: list[URLPattern | URLResolver] = [
    *employer.urlpatterns,
    *postings.urlpatterns,
    *boosts.urlpatterns,
    *statistics.urlpatterns,
    *seekers.urlpatterns,
    *public.urlpatterns,
]
