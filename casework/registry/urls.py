from importlib import import_module
from importlib.util import find_spec

from django.urls import URLPattern, URLResolver, path

from casework import views

app_name = "casework"

_client = "p/<int:group_id>/clients/<int:pk>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    # A provider's pages.
    path("p/<int:group_id>/clients/", views.clients, name="clients"),
    path("p/<int:group_id>/clients/new/", views.client_new, name="client_new"),
    path(_client, views.client_detail, name="client"),
    path(f"{_client}serve/", views.client_serve, name="client_serve"),
    path(f"{_client}details/", views.client_edit, name="client_edit"),
    path(f"{_client}education/", views.client_education, name="client_education"),
    path(
        f"{_client}education/<int:entry_id>/remove/",
        views.education_remove,
        name="education_remove",
    ),
    path(f"{_client}employment/", views.client_employment, name="client_employment"),
    path(
        f"{_client}employment/<int:entry_id>/remove/",
        views.employment_remove,
        name="employment_remove",
    ),
    path(f"{_client}income/", views.client_income, name="client_income"),
    path(f"{_client}consent/", views.client_consent, name="client_consent"),
    path(
        f"{_client}consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(f"{_client}verify-age/", views.client_verify_age, name="client_verify_age"),
    path("p/<int:group_id>/employers/", views.employers, name="employers"),
    path("p/<int:group_id>/employers/new/", views.employer_new, name="employer_new"),
    path("p/<int:group_id>/employers/<int:pk>/", views.employer_detail, name="employer"),
    path(
        "p/<int:group_id>/employers/<int:pk>/forms/new/",
        views.employer_form_new,
        name="employer_form_new",
    ),
    path("p/<int:group_id>/service-points/", views.service_points, name="service_points"),
    # The ministry's desk.
    path("ministry/", views.ministry, name="ministry"),
    path("ministry/providers/new/", views.provider_new, name="provider_new"),
    path("ministry/providers/<int:pk>/", views.provider_detail, name="provider"),
    path("ministry/duplicates/", views.duplicates, name="duplicates"),
    path("ministry/duplicates/<int:pk>/", views.duplicate_detail, name="duplicate"),
    path("ministry/access-log/", views.access_log, name="access_log"),
    path("ministry/clients/", views.ministry_clients, name="ministry_clients"),
    path("ministry/clients/<int:pk>/", views.ministry_client, name="ministry_client"),
]

# The plans part of the app (another file, same namespace).
if find_spec("casework.urls_plans") is not None:
    urlpatterns += import_module("casework.urls_plans").urlpatterns
