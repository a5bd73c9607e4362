"""URLs of the registries (casework/urls.py puts them in the "casework" namespace)."""

from django.urls import URLPattern, URLResolver, path

from casework.registry.views import clients, employers, ministry, providers

_client = "p/<int:group_id>/clients/<int:pk>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", providers.home, name="home"),
    # A provider's pages.
    path("p/<int:group_id>/clients/", clients.clients, name="clients"),
    path("p/<int:group_id>/clients/new/", clients.client_new, name="client_new"),
    path(_client, clients.client_detail, name="client"),
    path(f"{_client}serve/", clients.client_serve, name="client_serve"),
    path(f"{_client}details/", clients.client_edit, name="client_edit"),
    path(f"{_client}education/", clients.client_education, name="client_education"),
    path(
        f"{_client}education/<int:entry_id>/remove/",
        clients.education_remove,
        name="education_remove",
    ),
    path(f"{_client}employment/", clients.client_employment, name="client_employment"),
    path(
        f"{_client}employment/<int:entry_id>/remove/",
        clients.employment_remove,
        name="employment_remove",
    ),
    path(f"{_client}income/", clients.client_income, name="client_income"),
    path(f"{_client}consent/", clients.client_consent, name="client_consent"),
    path(
        f"{_client}consents/<int:consent_id>/withdraw/",
        clients.consent_withdraw,
        name="consent_withdraw",
    ),
    path(f"{_client}verify-age/", clients.client_verify_age, name="client_verify_age"),
    path("p/<int:group_id>/employers/", employers.employers, name="employers"),
    path("p/<int:group_id>/employers/new/", employers.employer_new, name="employer_new"),
    path("p/<int:group_id>/employers/<int:pk>/", employers.employer_detail, name="employer"),
    path(
        "p/<int:group_id>/employers/<int:pk>/forms/new/",
        employers.employer_form_new,
        name="employer_form_new",
    ),
    path("p/<int:group_id>/service-points/", providers.service_points, name="service_points"),
    # The ministry's desk.
    path("ministry/", providers.ministry, name="ministry"),
    path("ministry/providers/new/", providers.provider_new, name="provider_new"),
    path("ministry/providers/<int:pk>/", providers.provider_detail, name="provider"),
    path("ministry/duplicates/", ministry.duplicates, name="duplicates"),
    path("ministry/duplicates/<int:pk>/", ministry.duplicate_detail, name="duplicate"),
    path("ministry/access-log/", ministry.access_log, name="access_log"),
    path("ministry/clients/", ministry.ministry_clients, name="ministry_clients"),
    path("ministry/clients/<int:pk>/", ministry.ministry_client, name="ministry_client"),
]
