from django.urls import path

from api import views

app_name = "api_access"
urlpatterns = [
    path("<int:group_id>/", views.access, name="page"),
    path("<int:group_id>/<int:client_id>/revoke/", views.revoke, name="revoke"),
]
