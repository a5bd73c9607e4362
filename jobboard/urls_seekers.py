"""The job seekers' pages (J8, J10) and the public company page."""

from django.urls import URLPattern, URLResolver, path

from jobboard import views_seekers

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/signup/", views_seekers.signup, name="seeker_signup"),
    path("me/", views_seekers.profile, name="seeker_profile"),
    path("me/communications/", views_seekers.communications, name="seeker_communications"),
    path("me/communications/weekly/", views_seekers.weekly, name="seeker_weekly"),
    path("me/communications/consent/", views_seekers.consent, name="seeker_consent"),
    path("companies/<int:group_id>/", views_seekers.company_public, name="company_public"),
    path("companies/<int:group_id>/follow/", views_seekers.follow, name="seeker_follow"),
    path("companies/<int:group_id>/unfollow/", views_seekers.unfollow, name="seeker_unfollow"),
]
