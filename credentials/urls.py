from django.urls import URLPattern, URLResolver, path

from credentials import views

app_name = "credentials"
urlpatterns: list[URLPattern | URLResolver] = [
    path("registry/import/", views.registry_upload, name="registry_upload"),
    path("reference/", views.reference_list, name="reference_list"),
    path("reference/types/<int:pk>/", views.reference_type_edit, name="reference_type_edit"),
    path(
        "reference/types/<int:type_pk>/classes/new/",
        views.reference_class_edit,
        name="reference_class_new",
    ),
    path(
        "reference/types/<int:type_pk>/classes/<int:pk>/",
        views.reference_class_edit,
        name="reference_class_edit",
    ),
]
