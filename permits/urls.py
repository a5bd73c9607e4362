from django.urls import URLPattern, URLResolver

app_name = "permits"
urlpatterns: list[URLPattern | URLResolver] = []
