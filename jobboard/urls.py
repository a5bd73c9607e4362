from django.urls import URLPattern, URLResolver

from jobboard import urls_postings

app_name = "jobboard"
urlpatterns: list[URLPattern | URLResolver] = [*urls_postings.urlpatterns]
