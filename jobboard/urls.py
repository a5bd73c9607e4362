from django.urls import URLPattern, URLResolver

app_name = "jobboard"
urlpatterns: list[URLPattern | URLResolver] = []
