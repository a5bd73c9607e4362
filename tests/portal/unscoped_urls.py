"""The portal's URLs plus one view that forgets tenant scoping, to prove the walk notices."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from portal.models import Group
from portal.urls import urlpatterns as portal_urlpatterns


def leaky_group(request, group_id: int):
    group = Group.objects.get(pk=group_id)  # loads by id alone: the mistake under test
    return HttpResponse(group.name)


urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(path("leaky/<int:group_id>/", leaky_group, name="leaky_group")),
]
