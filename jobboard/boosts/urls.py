"""Boosts of a posting (J7)."""

from django.urls import path

from jobboard.boosts import views as views_boosts

P = "groups/<int:group_id>/postings/<int:posting_id>/"
urlpatterns = [
    path(P + "boosts/", views_boosts.posting_boosts, name="boosts"),
    path(P + "targeted-send/", views_boosts.targeted, name="targeted"),
]
