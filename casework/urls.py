"""One namespace, "casework": the registries' pages, then the plans' (URL names unchanged)."""

from django.urls import URLPattern, URLResolver

from casework.plans import urls as plans_urls
from casework.registry import urls as registry_urls

app_name = "casework"

urlpatterns: list[URLPattern | URLResolver] = [
    *registry_urls.urlpatterns,
    *plans_urls.urlpatterns,
]
