from django.urls import path

from jobboard import views_job

J = "<int:posting_id>/"
urlpatterns = [
    path(J, views_job.job, name="job"),
    path(J + "apply/", views_job.job_apply, name="job_apply"),
    path(J + "apply/sent/", views_job.job_applied, name="job_applied"),
    path(J + "share/<slug:network>/", views_job.job_share, name="job_share"),
    path("groups/<int:group_id>/performance/", views_job.performance, name="performance"),
    path(
        "groups/<int:group_id>/performance/export/",
        views_job.performance_csv,
        name="performance_csv",
    ),
]
