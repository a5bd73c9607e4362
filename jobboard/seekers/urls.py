"""The job seekers' pages (J8, J10): sign-up, profile, communications, follows, saved
searches, and the one-click unsubscribe of the job site's mailings."""

from django.urls import URLPattern, URLResolver, path

from jobboard.seekers import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/signup/", views.signup, name="seeker_signup"),
    path("me/", views.profile, name="seeker_profile"),
    path("me/communications/", views.communications, name="seeker_communications"),
    path("me/communications/weekly/", views.weekly, name="seeker_weekly"),
    path("me/communications/consent/", views.consent, name="seeker_consent"),
    path("companies/<int:group_id>/follow/", views.follow, name="seeker_follow"),
    path("companies/<int:group_id>/unfollow/", views.unfollow, name="seeker_unfollow"),
    path("search/save/", views.saved_search_create, name="saved_search_create"),
    path("me/searches/", views.saved_search_list, name="saved_searches"),
    path("me/searches/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
