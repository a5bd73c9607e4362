from django.urls import path

from accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("seats/<int:group_id>/", views.seats, name="seats"),
    path("seats/<int:group_id>/<int:seat_id>/end/", views.seat_end_view, name="seat_end"),
]
