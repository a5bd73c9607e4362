from django.urls import URLPattern, URLResolver, path

from jobboard import (
    urls_boosts,
    urls_employer,
    urls_page,
    urls_postings,
    urls_public,
    urls_seekers,
    views_unsubscribe,
)

app_name = "jobboard"
# The employer space (onboarding, company, profile) and the postings (wizard, packages, shop).
urlpatterns: list[URLPattern | URLResolver] = [
    *urls_employer.urlpatterns,
    *urls_postings.urlpatterns,
    *urls_boosts.urlpatterns,
    *urls_page.urlpatterns,
    *urls_seekers.urlpatterns,
    *urls_public.urlpatterns,
    path("unsubscribe/<str:token>/", views_unsubscribe.unsubscribe, name="unsubscribe"),
]
