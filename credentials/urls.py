from django.urls import URLPattern, URLResolver, path

from credentials import views

app_name = "credentials"
urlpatterns: list[URLPattern | URLResolver] = [
    path("registry/import/", views.registry_upload, name="registry_upload"),
]
