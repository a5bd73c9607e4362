"""The portal's URLs plus `/fr/floor/`: a page whose view does nothing but render the layout,
to measure what every signed-in page pays before its own work (issue 19; bench/profile_pages.py
--floor and tests/portal/test_request_floor.py)."""

import functools

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from portal import urls as portal_urls
from portal.urls import handler400, handler403, handler404, handler500  # noqa: F401

LAYOUT_ONLY = '{% extends "base.html" %}{% block content %}<p>floor</p>{% endblock %}'


@functools.cache
def _layout():
    return engines["django"].from_string(LAYOUT_ONLY)


def floor(request):
    return HttpResponse(_layout().render({}, request))


urlpatterns = [*i18n_patterns(path("floor/", floor)), *portal_urls.urlpatterns]
