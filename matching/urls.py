from django.urls import URLPattern, URLResolver, path

from matching import views

app_name = "matching"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("operator/signup/", views.operator_signup, name="operator_signup"),
    path("operator/profile/", views.operator_profile, name="operator_profile"),
    path("operator/certificates/new/", views.credential_edit, name="credential_new"),
    path("operator/certificates/<int:pk>/", views.credential_edit, name="credential_edit"),
    path(
        "operator/certificates/<int:pk>/delete/", views.credential_delete, name="credential_delete"
    ),
    path("operator/agreement/", views.operator_agreement, name="operator_agreement"),
    path("operator/", views.operator_overview, name="operator_overview"),
    path("owner/signup/", views.owner_signup, name="owner_signup"),
    path("owner/profile/", views.owner_profile, name="owner_profile"),
    path("owner/facilities/new/", views.facility_edit, name="facility_new"),
    path("owner/facilities/<int:pk>/", views.facility_edit, name="facility_edit"),
    path("owner/facilities/<int:pk>/delete/", views.facility_delete, name="facility_delete"),
    path("owner/agreement/", views.owner_agreement, name="owner_agreement"),
    path("owner/", views.owner_overview, name="owner_overview"),
    path("search/", views.search, name="search"),
    path("search/save/", views.search_save, name="search_save"),
    path("search/saved/<int:pk>/delete/", views.search_delete, name="search_delete"),
    path("operators/<int:pk>/", views.operator_detail, name="operator_detail"),
]
