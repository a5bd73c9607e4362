from importlib.util import find_spec

from django.urls import URLPattern, URLResolver, path

from casework import views

app_name = "casework"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
]

# The plans part of the app (another file, same namespace).
if find_spec("casework.urls_plans") is not None:
    from casework import urls_plans

    urlpatterns += urls_plans.urlpatterns
