"""The employer's performance page and its CSV export (J9)."""

from django.urls import path

from jobboard.statistics import views

G = "groups/<int:group_id>/"
urlpatterns = [
    path(G + "performance/", views.performance, name="performance"),
    path(G + "performance/export/", views.performance_csv, name="performance_csv"),
]
