from django.urls import path

from portal.console import views

app_name = "console"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("next/", views.next_item, name="next"),
    path("items/<int:item_id>/", views.item_detail, name="item"),
    path("items/<int:item_id>/take/", views.item_take, name="take"),
    path("items/<int:item_id>/give/", views.item_give, name="give"),
    path("items/<int:item_id>/release/", views.item_release, name="release"),
    path("overview/", views.overview, name="overview"),
    path("overview/decisions.csv", views.decisions_csv, name="decisions_csv"),
    path("deadlines/<str:kind_key>/", views.deadline, name="deadline"),
    path("staff/", views.staff_people, name="staff"),
]
