from django.urls import URLPattern, URLResolver, path

from jobboard import urls_boosts, urls_employer, urls_postings, views_unsubscribe

app_name = "jobboard"
# The employer space (onboarding, company, profile) and the postings (wizard, packages, shop).
urlpatterns: list[URLPattern | URLResolver] = [
    *urls_employer.urlpatterns,
    *urls_postings.urlpatterns,
    *urls_boosts.urlpatterns,
    path("unsubscribe/<str:token>/", views_unsubscribe.unsubscribe, name="unsubscribe"),
]
