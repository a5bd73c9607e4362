from importlib import import_module

from django.urls import URLPattern, URLResolver

from jobboard import urls_employer

app_name = "jobboard"
urlpatterns: list[URLPattern | URLResolver] = list(urls_employer.urlpatterns)
try:  # the postings' pages, from the other half of the job board
    urlpatterns += import_module("jobboard.urls_postings").urlpatterns
except ModuleNotFoundError as error:
    if error.name != "jobboard.urls_postings":
        raise
