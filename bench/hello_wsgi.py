"""A bare Django "hello world" (no database, no middleware): the ceiling that bench_http.py
compares the portal's pages with, measured in the same run on the same machine."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

os.environ.pop("DJANGO_SETTINGS_MODULE", None)


def hello(request):
    return HttpResponse("Hello, world")


settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-hello-world-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    DATABASES={},
)
urlpatterns = [path("", hello)]
application = get_wsgi_application()
